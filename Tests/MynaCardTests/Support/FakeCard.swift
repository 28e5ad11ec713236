import MynaCodec
import MynaTransport
import Synchronization

/// A small scripted card for unit tests: applets with transparent and record EFs, PINs with counters,
/// access rules and signing keys, answering the commands the readers send the way the facts document
/// says a real card does. Every file's bytes are set by the test, so malformed files can be served.
final class FakeCard: CardTransport, Sendable {
    enum Content: Sendable {
        case transparent([UInt8])
        case records([[UInt8]])
        case pin(value: [UInt8], tries: Int, maximum: Int)
        /// A private key: signs with P2 `80` when current, after any of `access` was verified.
        case key(TestKey)
    }

    struct File: Sendable {
        var content: Content
        /// PIN EFs any one of which must be verified in this selection; empty: free.
        var access: Set<UInt16> = []
    }

    struct Applet: Sendable {
        var files: [UInt16: File] = [:]
        /// Signs `80 2A 00 00` with no credential (the card key).
        var cardKey: TestKey?
    }

    struct State: Sendable {
        var applets: [[UInt8]: Applet]
        var selected: [UInt8]?
        var current: UInt16?
        var verified: Set<UInt16> = []
        var log: [CommandAPDU] = []
        var shortOnly = false
        var refuseSFI = false
    }

    let state: Mutex<State>

    init(applets: [[UInt8]: Applet], shortOnly: Bool = false) {
        state = Mutex(State(applets: applets, shortOnly: shortOnly))
    }

    var commands: [CommandAPDU] { state.withLock { $0.log } }

    func clearLog() { state.withLock { $0.log = [] } }

    /// Replaces a file's bytes (or other content) in an applet.
    func setFile(_ aid: [UInt8], _ fid: UInt16, _ content: Content, access: Set<UInt16>? = nil) {
        state.withLock {
            let old = $0.applets[aid]?.files[fid]
            $0.applets[aid, default: Applet()].files[fid] = File(content: content, access: access ?? old?.access ?? [])
        }
    }

    /// The tries left of a PIN EF.
    func tries(_ aid: [UInt8], _ fid: UInt16) -> Int? {
        state.withLock {
            guard case .pin(_, let tries, _)? = $0.applets[aid]?.files[fid]?.content else { return nil }
            return tries
        }
    }

    func setTries(_ aid: [UInt8], _ fid: UInt16, _ tries: Int) {
        state.withLock {
            guard case .pin(let value, _, let maximum)? = $0.applets[aid]?.files[fid]?.content else { return }
            $0.applets[aid]?.files[fid]?.content = .pin(value: value, tries: tries, maximum: maximum)
        }
    }

    func setShortOnly(_ value: Bool) { state.withLock { $0.shortOnly = value } }
    func setRefuseSFI(_ value: Bool) { state.withLock { $0.refuseSFI = value } }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        state.withLock { state in
            state.log.append(command)
            return Self.answer(command, &state)
        }
    }

    func reset() async throws -> [UInt8] {
        state.withLock {
            $0.selected = nil
            $0.current = nil
            $0.verified = []
        }
        return [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]
    }

    private static func sw(_ value: UInt16, _ data: [UInt8] = []) -> ResponseAPDU {
        ResponseAPDU(data: data, statusWord: StatusWord(value))
    }

    private static func answer(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        if state.shortOnly, command.isExtended { return sw(0x6700) }
        switch (command.cla, command.ins) {
        case (0x00, 0xA4): return select(command, &state)
        case (0x00, 0xB0): return readBinary(command, &state)
        case (0x00, 0xB2): return readRecord(command, &state)
        case (0x00, 0x20): return verify(command, &state)
        case (0x00, 0x24): return change(command, &state)
        case (0x80, 0x2A): return sign(command, &state)
        default: return sw(0x6D00)
        }
    }

    private static func select(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        switch command.p1 {
        case 0x04:
            state.selected = nil
            state.current = nil
            state.verified = []
            guard state.applets[command.data] != nil else { return sw(0x6A82) }
            state.selected = command.data
            return sw(0x9000)
        case 0x02:
            guard command.data.count == 2, let aid = state.selected else { return sw(0x6A82) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            guard state.applets[aid]?.files[fid] != nil else { return sw(0x6A82) }
            state.current = fid
            return sw(0x9000)
        default:
            return sw(0x6A86)
        }
    }

    private static func accessible(_ file: File, _ state: State) -> Bool {
        file.access.isEmpty || !file.access.isDisjoint(with: state.verified)
    }

    private static func readBinary(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        guard let aid = state.selected, let applet = state.applets[aid] else { return sw(0x6986) }
        let fid: UInt16
        let offset: Int
        if command.p1 & 0x80 != 0 {
            if state.refuseSFI { return sw(0x6A86) }
            fid = UInt16(command.p1 & 0x1F)
            offset = Int(command.p2)
            guard applet.files[fid] != nil else { return sw(0x6A82) }
            state.current = fid
        } else {
            guard let current = state.current else { return sw(0x6986) }
            fid = current
            offset = Int(command.p1) << 8 | Int(command.p2)
        }
        guard let file = applet.files[fid] else { return sw(0x6A82) }
        guard case .transparent(let bytes) = file.content else { return sw(0x6981) }
        guard accessible(file, state) else { return sw(0x6982) }
        guard let ne = command.ne else { return sw(0x6700) }
        guard offset < bytes.count else { return sw(0x6B00) }
        let end = min(bytes.count, offset + ne)
        return sw(0x9000, Array(bytes[offset..<end]))
    }

    private static func readRecord(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        guard let aid = state.selected, let applet = state.applets[aid] else { return sw(0x6986) }
        guard command.p2 & 0x07 == 0x04 else { return sw(0x6A86) }
        let sfi = command.p2 >> 3
        let fid: UInt16
        if sfi == 0 {
            guard let current = state.current else { return sw(0x6986) }
            fid = current
        } else {
            if state.refuseSFI { return sw(0x6A86) }
            fid = UInt16(sfi)
        }
        guard let file = applet.files[fid] else { return sw(0x6A82) }
        guard case .records(let records) = file.content else { return sw(0x6981) }
        state.current = fid
        let index = Int(command.p1) - 1
        guard index >= 0, index < records.count else { return sw(0x6A83) }
        let record = records[index]
        return sw(0x9000, Array(record.prefix(command.ne ?? record.count)))
    }

    private static func verify(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        guard let aid = state.selected, command.p1 == 0x00 else { return sw(0x6A86) }
        let current: UInt16
        switch command.p2 {
        case 0x80:  // the current EF
            guard let selected = state.current else { return sw(0x6986) }
            current = selected
        case 0x81...0x9E:  // by short EF identifier, as the simulator and cards under secure messaging
            current = UInt16(command.p2 & 0x1F)
        default:
            return sw(0x6A86)
        }
        guard case .pin(let value, let tries, let maximum)? = state.applets[aid]?.files[current]?.content else {
            return sw(0x6A88)
        }
        if command.data.isEmpty { return sw(0x63C0 | UInt16(tries)) }
        if tries == 0 { return sw(0x6984) }
        if command.data == value {
            state.applets[aid]?.files[current]?.content = .pin(value: value, tries: maximum, maximum: maximum)
            state.verified.insert(current)
            return sw(0x9000)
        }
        state.applets[aid]?.files[current]?.content = .pin(value: value, tries: tries - 1, maximum: maximum)
        state.verified.remove(current)
        return sw(0x63C0 | UInt16(tries - 1))
    }

    private static func change(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        guard let aid = state.selected, let current = state.current, command.p1 == 0x01, command.p2 == 0x80 else {
            return sw(0x6A86)
        }
        guard case .pin(_, let tries, let maximum)? = state.applets[aid]?.files[current]?.content else {
            return sw(0x6985)
        }
        guard state.verified.contains(current) else { return sw(0x6982) }
        state.applets[aid]?.files[current]?.content = .pin(value: command.data, tries: tries, maximum: maximum)
        return sw(0x9000)
    }

    private static func sign(_ command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        guard let aid = state.selected, let applet = state.applets[aid] else { return sw(0x6986) }
        guard command.p1 == 0x00 else { return sw(0x6A86) }
        let key: TestKey
        switch command.p2 {
        case 0x00:
            guard let cardKey = applet.cardKey else { return sw(0x6A86) }
            key = cardKey
        case 0x80, 0x81...0x9E:  // the current EF, or the key by short EF identifier (97, 9A)
            guard let current = command.p2 == 0x80 ? state.current : UInt16(command.p2 & 0x1F),
                let file = applet.files[current], case .key(let fileKey) = file.content
            else { return sw(0x6986) }
            guard accessible(file, state) else { return sw(0x6982) }
            key = fileKey
        default:
            return sw(0x6A86)
        }
        guard (1...245).contains(command.data.count), let signature = try? key.sign(payload: command.data) else {
            return sw(0x6700)
        }
        return sw(0x9000, signature)
    }
}
