import Foundation
import MynaCodec
import MynaCard
import MynaISO7816

/// The card's behaviour: a state machine from command bytes to response bytes. Not thread-safe by itself;
/// ``SimulatedCard`` confines it in a mutex.
struct CardEngine {
    /// What a warm reset loses: the current applet and EF, a pending T=0 response.
    struct Session {
        /// The current applet; `nil` at the master-file level (after power-up, a warm reset, or the ISD).
        var applet: ApplicationIdentifier?
        var currentFile: UInt16?
        var pendingResponse: [UInt8]?
        /// The text applet's secure-messaging session; ends with the applet, a warm reset and a power-off.
        var secureMessaging: SecureMessagingState = .none
    }

    /// What a VERIFY leaves behind (card facts §3): kept across a warm reset, a disconnect and a re-select of
    /// the same applet; cleared by selecting another applet or the ISD, and by a power-off.
    struct SecurityStatus {
        /// The applet the verified credentials belong to: the last applet selected.
        var applet: ApplicationIdentifier?
        var verified: Set<SimulatedCredential> = []
    }

    let image: CardImage
    let profile: CardBehaviourProfile
    var session = Session()
    var security = SecurityStatus()
    /// Whether the card is powered; a command to an unpowered card powers it up first.
    var isPowered = true
    /// Whether the next command is the first since a power-up (answered `6F00` when the profile says so).
    var awaitsFirstCommand = true
    /// Retry counters, by credential (absent: no limit).
    var tries: [SimulatedCredential: Int]
    /// Values changed by CHANGE REFERENCE DATA or CHANGE KEY, by credential.
    var changedValues: [SimulatedCredential: [UInt8]]
    var faults: FaultInjection
    /// Whether counters or values changed since the state was last saved.
    var stateChanged = false

    init(
        image: CardImage, profile: CardBehaviourProfile, tries: [SimulatedCredential: Int],
        changedValues: [SimulatedCredential: [UInt8]], faults: FaultInjection
    ) {
        self.image = image
        self.profile = profile
        self.tries = tries
        self.changedValues = changedValues
        self.faults = faults
    }

    /// Warm reset (`SCARD_RESET_CARD`): back to the master-file level, any pending response lost; the
    /// security status and the counters are kept, as on real cards.
    mutating func reset() {
        session = Session()
    }

    /// Power-off (`SCARD_UNPOWER_CARD`, leaving the field): everything volatile is lost, the security
    /// status included; counters are kept.
    mutating func powerOff() {
        session = Session()
        security = SecurityStatus()
        isPowered = false
    }

    /// Power-up (a cold reset): nothing selected, nothing verified; the next command is the first.
    mutating func powerOn() {
        session = Session()
        security = SecurityStatus()
        isPowered = true
        awaitsFirstCommand = true
    }

    /// Answers one command, given as the bytes a reader sends. Never fails: malformed input gets a status word.
    mutating func respond(to bytes: [UInt8]) -> [UInt8] {
        guard let command = try? CommandAPDU(decoding: bytes) else { return StatusWord.wrongLength.bytes }
        return respond(to: command).encoded()
    }

    /// Answers one decoded command.
    mutating func respond(to command: CommandAPDU) -> ResponseAPDU {
        if !isPowered { powerOn() }
        if awaitsFirstCommand {
            awaitsFirstCommand = false
            if profile.failsFirstCommandAfterPowerUp { return ResponseAPDU(statusWord: .noPreciseDiagnosis) }
        }
        if command.isExtended && (faults.shortAPDUsOnly || faults.answersLikeT0) {
            session.pendingResponse = nil
            return ResponseAPDU(statusWord: .wrongLength)
        }
        if let response = respondUnderSecureMessaging(command) {
            session.pendingResponse = nil
            return faults.answersLikeT0 ? shapeLikeT0(response, to: command) : response
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

    /// CLA `00` and `80` are accepted; a logical channel other than 0 answers `6881` (first and further
    /// interindustry classes alike), secure messaging `6882`.
    func checkClass(_ cla: UInt8) -> StatusWord? {
        if cla == 0x00 || cla == 0x80 { return nil }
        if cla & 0xC0 == 0x40 { return .logicalChannelNotSupported }
        if cla & 0x80 == 0 || cla & 0xF0 == 0x80 {
            if cla & 0x03 != 0 { return .logicalChannelNotSupported }
            if cla & 0x0C != 0 { return .secureMessagingNotSupported }
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
        case Instruction.getData.rawValue: return getData(command)
        case ChangeCommand.changeKey.ins where command.cla == ChangeCommand.changeKey.cla: return changeKey(command)
        case Self.lastCommandIndicatorINS: return lastCommandIndicator(command)
        case Self.setSessionKeyINS where command.cla == 0x80: return setSessionKey(command)
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

    /// Whether the access rule is satisfied in the current applet.
    func allows(_ rule: AccessRule) -> Bool {
        switch rule {
        case .always: true
        case .never: false
        case .anyOf(let credentials):
            security.applet == session.applet && !credentials.isDisjoint(with: security.verified)
        }
    }

    /// The credentials verified in the current applet (for tests, through ``SimulatedCard``).
    var verifiedInCurrentApplet: Set<SimulatedCredential> {
        security.applet != nil && security.applet == session.applet ? security.verified : []
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
