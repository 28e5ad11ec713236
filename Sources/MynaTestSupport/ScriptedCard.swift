import MynaCodec
import MynaTransport
import Synchronization

/// A small scripted card for the PC/SC and vpcd tests: one applet holding a 2 KB file, a PIN with a
/// 3-try counter, and a "sign" whose result is a deterministic function of its input.
///
/// - SELECT by DF name ``aid`` → 9000 (clears the verified state, as re-selecting does on a real card);
///   any other DF name → 6A82.
/// - SELECT EF `0001` (the file), `0018` (the PIN), `0017` (the key) → 9000.
/// - READ BINARY of `0001` at a 15-bit offset → up to Ne bytes, 6B00 past the end.
/// - VERIFY `0018` with ``pin`` → 9000 and the counter back to 3; a wrong PIN → 63Cx; empty → 63Cx.
/// - `80 2A 00 80` with key `0017` selected after VERIFY → ``signature(of:)`` + 9000, else 6982.
public final class ScriptedCard: CardTransport, Sendable {
    /// The applet's DF name.
    public static let aid: [UInt8] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]
    /// The 2 KB file's EF identifier.
    public static let fileID: [UInt8] = [0x00, 0x01]
    /// The PIN EF.
    public static let pinID: [UInt8] = [0x00, 0x18]
    /// The key EF.
    public static let keyID: [UInt8] = [0x00, 0x17]
    /// The right PIN.
    public static let pin: [UInt8] = Array("1234".utf8)
    /// The answer to reset.
    public static let atr: [UInt8] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]
    /// The file's contents: 2 KB that no two offsets share by accident.
    public static let file: [UInt8] = (0..<2048).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 8)) }

    /// The deterministic "signature" of `data`: 256 bytes.
    public static func signature(of data: [UInt8]) -> [UInt8] {
        (0..<256).map { i in data.isEmpty ? UInt8(i) : data[i % data.count] ^ UInt8(truncatingIfNeeded: i &* 7) }
    }

    private struct State {
        var appletSelected = false
        var selectedEF: [UInt8]?
        var verified = false
        var triesLeft = 3
        var resets = 0
        var readBinaryCount = 0
        var log: [String] = []
    }

    private let state = Mutex(State())
    private let onReadBinary: (@Sendable (Int) async -> Void)?

    /// - Parameter onReadBinary: called with the running count of READ BINARY commands before each is
    ///   answered (tests use it to pull the card in the middle of a read).
    public init(onReadBinary: (@Sendable (Int) async -> Void)? = nil) {
        self.onReadBinary = onReadBinary
    }

    /// How many times the card was reset.
    public var resetCount: Int { state.withLock { $0.resets } }
    /// Tags of the commands answered, in order (for interleaving checks).
    public var commandLog: [String] { state.withLock { $0.log } }
    /// How many tries the PIN has left.
    public var triesLeft: Int { state.withLock { $0.triesLeft } }

    /// Warm reset: nothing selected, nothing verified.
    public func reset() async throws -> [UInt8] {
        state.withLock { state in
            state.appletSelected = false
            state.selectedEF = nil
            state.verified = false
            state.resets += 1
            state.log.append("reset")
        }
        return Self.atr
    }

    /// Answers `command` as the type's documentation says.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        if command.ins == 0xB0, let onReadBinary {
            let count = state.withLock { state in
                state.readBinaryCount += 1
                return state.readBinaryCount
            }
            await onReadBinary(count)
        }
        return state.withLock { state in respond(to: command, &state) }
    }

    private func respond(to command: CommandAPDU, _ state: inout State) -> ResponseAPDU {
        switch (command.cla, command.ins, command.p1, command.p2) {
        case (0x00, 0xA4, 0x04, _):
            state.log.append("select-applet")
            guard command.data == Self.aid else { return ResponseAPDU(statusWord: .fileNotFound) }
            state.appletSelected = true
            state.selectedEF = nil
            state.verified = false
            return ResponseAPDU(statusWord: .success)
        case (0x00, 0xA4, 0x02, _):
            state.log.append("select-ef")
            guard state.appletSelected else { return ResponseAPDU(statusWord: .fileNotFound) }
            guard [Self.fileID, Self.pinID, Self.keyID].contains(command.data) else {
                return ResponseAPDU(statusWord: .fileNotFound)
            }
            state.selectedEF = command.data
            return ResponseAPDU(statusWord: .success)
        case (0x00, 0xB0, _, _):
            state.log.append("read")
            guard state.selectedEF == Self.fileID else { return ResponseAPDU(statusWord: .noCurrentEF) }
            let offset = Int(command.p1 & 0x7F) << 8 | Int(command.p2)
            guard offset < Self.file.count else { return ResponseAPDU(statusWord: .wrongParameters) }
            let count = min(command.ne ?? 256, Self.file.count - offset)
            return ResponseAPDU(data: Array(Self.file[offset..<(offset + count)]), statusWord: .success)
        case (0x00, 0x20, 0x00, 0x80):
            state.log.append("verify")
            guard state.selectedEF == Self.pinID else { return ResponseAPDU(statusWord: .noCurrentEF) }
            if state.triesLeft == 0 { return ResponseAPDU(statusWord: .referenceDataBlocked) }
            if command.data.isEmpty { return ResponseAPDU(statusWord: StatusWord(0x63C0 | UInt16(state.triesLeft))) }
            if command.data == Self.pin {
                state.triesLeft = 3
                state.verified = true
                return ResponseAPDU(statusWord: .success)
            }
            state.triesLeft -= 1
            state.verified = false
            return ResponseAPDU(statusWord: StatusWord(0x63C0 | UInt16(state.triesLeft)))
        case (0x80, 0x2A, 0x00, 0x80):
            state.log.append("sign")
            guard state.selectedEF == Self.keyID, state.verified else {
                return ResponseAPDU(statusWord: .securityStatusNotSatisfied)
            }
            return ResponseAPDU(data: Self.signature(of: command.data), statusWord: .success)
        default:
            state.log.append("other")
            return ResponseAPDU(statusWord: .instructionNotSupported)
        }
    }
}

/// The commands the scripted card understands.
public enum ScriptedCommands {
    /// SELECT of ``ScriptedCard/aid``.
    public static func selectApplet() throws -> CommandAPDU {
        try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ScriptedCard.aid)
    }

    /// SELECT of an EF of the applet.
    public static func selectEF(_ id: [UInt8]) throws -> CommandAPDU {
        try CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: id)
    }

    /// READ BINARY at a 15-bit offset.
    public static func readBinary(offset: Int, count: Int) throws -> CommandAPDU {
        try CommandAPDU(
            ins: 0xB0, p1: UInt8(truncatingIfNeeded: offset >> 8) & 0x7F, p2: UInt8(truncatingIfNeeded: offset),
            ne: count)
    }

    /// VERIFY of the PIN EF.
    public static func verify(_ pin: [UInt8]) throws -> CommandAPDU {
        try CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: pin)
    }

    /// `80 2A 00 80` with `data`.
    public static func sign(_ data: [UInt8]) throws -> CommandAPDU {
        try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x80, data: data, ne: 256)
    }

    /// Selects the applet and the file, then reads the whole file in `chunk`-byte READ BINARYs.
    ///
    /// - Throws: the transport's error; `ScriptedReadError` when the card answers other than 9000.
    public static func readWholeFile(_ transport: some CardTransport, chunk: Int = 256) async throws -> [UInt8] {
        try await expectSuccess(transport.transmit(selectApplet()))
        try await expectSuccess(transport.transmit(selectEF(ScriptedCard.fileID)))
        var contents: [UInt8] = []
        while contents.count < ScriptedCard.file.count {
            let response = try await transport.transmit(readBinary(offset: contents.count, count: chunk))
            try expectSuccess(response)
            contents.append(contentsOf: response.data)
        }
        return contents
    }

    /// VERIFY then sign, each preceded by the SELECT it needs.
    public static func verifyAndSign(_ transport: some CardTransport, data: [UInt8]) async throws -> ResponseAPDU {
        try await expectSuccess(transport.transmit(selectApplet()))
        try await expectSuccess(transport.transmit(selectEF(ScriptedCard.pinID)))
        try await expectSuccess(transport.transmit(verify(ScriptedCard.pin)))
        try await expectSuccess(transport.transmit(selectEF(ScriptedCard.keyID)))
        return try await transport.transmit(sign(data))
    }

    /// `response`, or ``ScriptedReadError`` when it is not `9000`.
    @discardableResult
    public static func expectSuccess(_ response: ResponseAPDU) throws -> ResponseAPDU {
        guard response.statusWord == .success else { throw ScriptedReadError(statusWord: response.statusWord) }
        return response
    }
}

/// The scripted card answered with an unexpected status word.
public struct ScriptedReadError: Error, Equatable {
    /// The status word the card answered.
    public let statusWord: StatusWord
}
