import MynaCodec
import MynaTransport
import Synchronization

/// A small, deterministic card that follows ISO/IEC 7816-4 closely enough to test the command layer:
/// applets selected by AID, EFs selected by FID, READ BINARY in its offset and SFI forms, PIN EFs with
/// retry counters, key EFs that sign once their PIN is verified, GET CHALLENGE and (in T=0 mode)
/// GET RESPONSE.
///
/// Every command it receives is logged as spaced upper-case hex (``commands``) so tests can assert the
/// exact APDU sequence a call produced.
final class FakeCard: CardTransport {
    /// How the card deviates from the most capable behaviour.
    struct Options: Sendable {
        /// Whether extended-length APDUs are accepted; if not, every extended APDU gets `6700`.
        var extendedLength = true
        /// Whether READ BINARY by short EF identifier works; if not, it gets `6A86`.
        var shortFileIdentifiers = true
        /// T=0 behaviour: no extended APDUs (`6700`), `6Cxx` when Ne asks for more bytes than there are,
        /// and `61xx` (data fetched by GET RESPONSE) for case 4 commands.
        var t0 = false
        /// The status word of a READ BINARY that returns fewer bytes than Ne because the file ends:
        /// `9000` (many cards) or `6282` (ISO/IEC 7816-4).
        var shortReadStatus: StatusWord = .success

        init(
            extendedLength: Bool = true, shortFileIdentifiers: Bool = true, t0: Bool = false,
            shortReadStatus: StatusWord = .success
        ) {
            self.extendedLength = extendedLength
            self.shortFileIdentifiers = shortFileIdentifiers
            self.t0 = t0
            self.shortReadStatus = shortReadStatus
        }
    }

    /// A reference-data object (PIN) with a retry counter.
    struct PIN: Sendable {
        var value: [UInt8]
        var maximumTries: Int
        var triesLeft: Int

        init(_ value: String, tries: Int, triesLeft: Int? = nil) {
            self.value = Array(value.utf8)
            self.maximumTries = tries
            self.triesLeft = triesLeft ?? tries
        }
    }

    /// A transparent EF, optionally readable only after a PIN was verified.
    struct ElementaryFile: Sendable {
        var content: [UInt8]
        var readPIN: UInt16?

        init(_ content: [UInt8], readPIN: UInt16? = nil) {
            self.content = content
            self.readPIN = readPIN
        }
    }

    /// An application: EFs, PINs and private keys (key EF → the PIN that unlocks it).
    struct Applet: Sendable {
        var aid: [UInt8]
        var files: [UInt16: ElementaryFile]
        var pins: [UInt16: PIN]
        var keys: [UInt16: UInt16]

        init(
            aid: [UInt8], files: [UInt16: ElementaryFile] = [:], pins: [UInt16: PIN] = [:],
            keys: [UInt16: UInt16] = [:]
        ) {
            self.aid = aid
            self.files = files
            self.pins = pins
            self.keys = keys
        }
    }

    private struct State {
        var applets: [Applet]
        var selectedApplet: Int?
        var currentFile: UInt16?
        var verified: Set<UInt16> = []
        var pendingResponse: [UInt8] = []
        var challengeCounter: UInt8 = 0
        var log: [String] = []
    }

    /// The answer to reset the card reports.
    static let atr: [UInt8] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]

    let options: Options
    private let state: Mutex<State>

    init(applets: [Applet], options: Options = Options()) {
        self.options = options
        self.state = Mutex(State(applets: applets))
    }

    /// Every command received, as spaced hex (`00 B0 8A 00 00 00 00`), and `RESET` for each reset.
    var commands: [String] { state.withLock { $0.log } }

    /// The commands received with instruction `ins`.
    func commands(ins: UInt8) -> [String] {
        let prefix = " " + Hex.encode([ins]) + " "
        return commands.filter { $0.count > 2 && $0.dropFirst(2).hasPrefix(prefix) }
    }

    /// How many READ BINARY commands were received.
    var readBinaryCount: Int { commands(ins: 0xB0).count }

    /// Forgets the log (to assert the sequence of a later call only).
    func clearLog() { state.withLock { $0.log.removeAll() } }

    /// The tries left of a PIN in an applet.
    func triesLeft(applet aid: [UInt8], pin: UInt16) -> Int? {
        state.withLock { s in s.applets.first { $0.aid == aid }?.pins[pin]?.triesLeft }
    }

    /// The signature the card makes over `input`: a deterministic stand-in for RSA, `count` bytes.
    static func signature(for input: [UInt8], count: Int = 256) -> [UInt8] {
        (0..<count).map { i in input[i % input.count] ^ UInt8(truncatingIfNeeded: i) }
    }

    // MARK: CardTransport

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let options = options
        return state.withLock { s in
            s.log.append(Hex.encode(command.encoded(), separator: " "))
            return Self.respond(to: command, state: &s, options: options)
        }
    }

    @discardableResult
    func reset() async throws -> [UInt8] {
        state.withLock { s in
            s.log.append("RESET")
            s.selectedApplet = nil
            s.currentFile = nil
            s.verified = []
            s.pendingResponse = []
        }
        return Self.atr
    }

    // MARK: Card behaviour

    private static func status(_ raw: UInt16) -> ResponseAPDU { ResponseAPDU(statusWord: StatusWord(raw)) }

    private static func respond(to command: CommandAPDU, state s: inout State, options: Options) -> ResponseAPDU {
        if command.isExtended && (!options.extendedLength || options.t0) { return status(0x6700) }
        if command.ins != 0xC0 { s.pendingResponse = [] }
        switch (command.cla, command.ins) {
        case (0x00, 0xA4): return select(command, &s)
        case (0x00, 0xB0): return readBinary(command, &s, options)
        case (0x00, 0x20): return verify(command, &s)
        case (0x00, 0x24): return changeReferenceData(command, &s)
        case (0x80, 0x2A): return sign(command, &s, options)
        case (0x00, 0x84): return getChallenge(command, &s)
        case (0x00, 0xC0): return getResponse(command, &s, options)
        case (0x00, _), (0x80, _): return status(0x6D00)
        default: return status(0x6E00)
        }
    }

    private static func select(_ command: CommandAPDU, _ s: inout State) -> ResponseAPDU {
        switch (command.p1, command.p2) {
        case (0x04, 0x0C):
            guard let index = s.applets.firstIndex(where: { $0.aid == command.data }) else { return status(0x6A82) }
            s.selectedApplet = index
            s.currentFile = nil
            s.verified = []
            return status(0x9000)
        case (0x02, 0x0C):
            guard command.data.count == 2 else { return status(0x6A87) }
            guard let index = s.selectedApplet else { return status(0x6A82) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            let applet = s.applets[index]
            guard applet.files[fid] != nil || applet.pins[fid] != nil || applet.keys[fid] != nil else {
                return status(0x6A82)
            }
            s.currentFile = fid
            return status(0x9000)
        default:
            return status(0x6A86)
        }
    }

    private static func readBinary(_ command: CommandAPDU, _ s: inout State, _ options: Options) -> ResponseAPDU {
        guard let index = s.selectedApplet else { return status(0x6986) }
        let applet = s.applets[index]
        let fid: UInt16
        let offset: Int
        if command.p1 & 0x80 != 0 {
            guard options.shortFileIdentifiers, command.p1 & 0x60 == 0 else { return status(0x6A86) }
            fid = UInt16(command.p1 & 0x1F)
            guard applet.files[fid] != nil else { return status(0x6A82) }
            offset = Int(command.p2)
        } else {
            guard let current = s.currentFile else { return status(0x6986) }
            fid = current
            offset = Int(command.p1) << 8 | Int(command.p2)
        }
        guard let file = applet.files[fid] else { return status(0x6981) }
        s.currentFile = fid
        if let pin = file.readPIN, !s.verified.contains(pin) { return status(0x6982) }
        guard let ne = command.ne else { return status(0x6700) }
        guard offset < file.content.count else { return status(0x6B00) }
        let available = file.content.count - offset
        if options.t0 && ne > available { return status(0x6C00 | UInt16(available)) }
        let count = min(ne, available)
        let data = Array(file.content[offset..<(offset + count)])
        return ResponseAPDU(data: data, statusWord: count < ne ? options.shortReadStatus : .success)
    }

    private static func verify(_ command: CommandAPDU, _ s: inout State) -> ResponseAPDU {
        guard command.p1 == 0x00, command.p2 == 0x80 else { return status(0x6A86) }
        guard let index = s.selectedApplet, let fid = s.currentFile, var pin = s.applets[index].pins[fid] else {
            return status(0x6A88)
        }
        if command.data.isEmpty {
            // Case 1: report the counter, spend nothing.
            return status(0x63C0 | UInt16(pin.triesLeft))
        }
        guard pin.triesLeft > 0 else { return status(0x6984) }
        if command.data == pin.value {
            pin.triesLeft = pin.maximumTries
            s.verified.insert(fid)
            s.applets[index].pins[fid] = pin
            return status(0x9000)
        }
        pin.triesLeft -= 1
        s.verified.remove(fid)
        s.applets[index].pins[fid] = pin
        return status(0x63C0 | UInt16(pin.triesLeft))
    }

    private static func changeReferenceData(_ command: CommandAPDU, _ s: inout State) -> ResponseAPDU {
        guard command.p1 == 0x01, command.p2 == 0x80 else { return status(0x6A86) }
        guard let index = s.selectedApplet, let fid = s.currentFile, s.applets[index].pins[fid] != nil else {
            return status(0x6A88)
        }
        guard s.verified.contains(fid), !command.data.isEmpty else { return status(0x6982) }
        s.applets[index].pins[fid]?.value = command.data
        return status(0x9000)
    }

    private static func sign(_ command: CommandAPDU, _ s: inout State, _ options: Options) -> ResponseAPDU {
        guard command.p1 == 0x00, command.p2 == 0x80 else { return status(0x6A86) }
        guard let index = s.selectedApplet, let fid = s.currentFile, let pin = s.applets[index].keys[fid] else {
            return status(0x6A88)
        }
        guard s.verified.contains(pin) else { return status(0x6982) }
        guard !command.data.isEmpty else { return status(0x6700) }
        let signature = signature(for: command.data)
        if options.t0 {
            s.pendingResponse = signature
            return status(0x6100 | UInt16(signature.count & 0xFF))
        }
        return ResponseAPDU(data: signature, statusWord: .success)
    }

    private static func getChallenge(_ command: CommandAPDU, _ s: inout State) -> ResponseAPDU {
        guard command.p1 == 0x00, command.p2 == 0x00 else { return status(0x6A86) }
        guard let ne = command.ne else { return status(0x6700) }
        var out: [UInt8] = []
        for _ in 0..<ne {
            s.challengeCounter &+= 1
            out.append(s.challengeCounter)
        }
        return ResponseAPDU(data: out, statusWord: .success)
    }

    private static func getResponse(_ command: CommandAPDU, _ s: inout State, _ options: Options) -> ResponseAPDU {
        guard !s.pendingResponse.isEmpty else { return status(0x6985) }
        guard let ne = command.ne else { return status(0x6700) }
        if options.t0 && ne > s.pendingResponse.count { return status(0x6C00 | UInt16(s.pendingResponse.count)) }
        let count = min(ne, s.pendingResponse.count)
        let data = Array(s.pendingResponse.prefix(count))
        s.pendingResponse.removeFirst(count)
        if s.pendingResponse.isEmpty { return ResponseAPDU(data: data, statusWord: .success) }
        return ResponseAPDU(data: data, statusWord: StatusWord(0x6100 | UInt16(min(s.pendingResponse.count, 256) & 0xFF)))
    }
}
