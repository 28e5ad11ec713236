import Foundation
import MynaCodec
import MynaISO7816

/// The card's behaviour: a state machine from command bytes to response bytes. Not thread-safe by itself;
/// ``SimulatedCard`` confines it in a mutex.
struct CardEngine {
    /// What the card remembers only while powered: selection, verified credentials, a pending T=0 response.
    struct Session {
        var applet: ApplicationIdentifier?
        var currentFile: UInt16?
        var verified: Set<SimulatedCredential> = []
        var pendingResponse: [UInt8]?
    }

    let image: CardImage
    var session = Session()
    /// Retry counters, by credential.
    var tries: [SimulatedCredential: Int]
    /// Values changed by CHANGE REFERENCE DATA, by credential.
    var changedValues: [SimulatedCredential: [UInt8]]
    var faults: FaultInjection
    /// Whether counters or values changed since the state was last saved.
    var stateChanged = false

    init(image: CardImage, tries: [SimulatedCredential: Int], changedValues: [SimulatedCredential: [UInt8]], faults: FaultInjection) {
        self.image = image
        self.tries = tries
        self.changedValues = changedValues
        self.faults = faults
    }

    /// Warm reset: selection, verified state and any pending response are lost; counters are kept.
    mutating func reset() {
        session = Session()
    }

    /// Answers one command, given as the bytes a reader sends. Never fails: malformed input gets a status word.
    mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        guard let command = try? CommandAPDU(decoding: bytes) else { return StatusWord.wrongLength.bytes }
        return respond(to: command).encoded()
    }

    /// Answers one decoded command.
    mutating func respond(to command: CommandAPDU) -> ResponseAPDU {
        if command.isExtended && (faults.shortAPDUsOnly || faults.answersLikeT0) {
            session.pendingResponse = nil
            return ResponseAPDU(statusWord: .wrongLength)
        }
        if let refusal = checkClass(command.cla) {
            session.pendingResponse = nil
            return ResponseAPDU(statusWord: refusal)
        }
        if command.ins == Instruction.getResponse.rawValue {
            return getResponse(command)
        }
        session.pendingResponse = nil
        let response = dispatch(command)
        return faults.answersLikeT0 ? shapeLikeT0(response, to: command) : response
    }

    /// CLA `00` and `80` are accepted; secure messaging and logical channels are not.
    func checkClass(_ cla: UInt8) -> StatusWord? {
        if cla == 0x00 || cla == 0x80 { return nil }
        if cla & 0x80 == 0 || cla & 0xF0 == 0x80 {
            if cla & 0x0C != 0 { return .secureMessagingNotSupported }
            if cla & 0x03 != 0 { return .logicalChannelNotSupported }
        }
        return .classNotSupported
    }

    mutating func dispatch(_ command: CommandAPDU) -> ResponseAPDU {
        switch command.ins {
        case Instruction.select.rawValue: return select(command)
        case Instruction.readBinary.rawValue: return readBinary(command)
        case Instruction.readRecord.rawValue: return readRecord(command)
        case Instruction.verify.rawValue: return verify(command)
        case Instruction.changeReferenceData.rawValue: return changeReferenceData(command)
        case Instruction.computeDigitalSignature.rawValue: return computeDigitalSignature(command)
        case Instruction.getChallenge.rawValue: return getChallenge(command)
        default: return ResponseAPDU(statusWord: .instructionNotSupported)
        }
    }

    // MARK: Helpers shared by the commands

    /// The selected applet's image.
    var applet: AppletImage? { session.applet.flatMap { image.applets[$0] } }

    /// The EF of the selected applet whose FID is the short identifier `sfi`.
    func file(shortIdentifier sfi: UInt8) -> (fid: UInt16, file: SimulatedFile)? {
        let fid = UInt16(sfi)
        guard let file = applet?.files[fid] else { return nil }
        return (fid, file)
    }

    /// Whether the access rule is satisfied in this selection.
    func allows(_ rule: AccessRule) -> Bool {
        switch rule {
        case .always: true
        case .never: false
        case .anyOf(let credentials): !credentials.isDisjoint(with: session.verified)
        }
    }

    /// The current value of a credential.
    func value(of credential: SimulatedCredential) -> [UInt8]? {
        changedValues[credential] ?? image.initialValue(of: credential)
    }

    /// The transparent bytes of a file as they read now (fault modes can change basic info).
    func transparentBytes(_ fid: UInt16, _ bytes: [UInt8]) -> [UInt8] {
        if faults.shortAPDUsOnly, let variant = applet?.shortAPDUVariants[fid] { return variant }
        return bytes
    }
}
