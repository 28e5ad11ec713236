import MynaCodec
import MynaTransport
import Synchronization

/// Wraps a card and flips one bit of one file as READ BINARY returns it — a copied or altered card file —
/// or replaces the signature a COMPUTE DIGITAL SIGNATURE returns.
final class TamperingTransport: CardTransport, Sendable {
    struct Target: Sendable {
        var application: [UInt8]
        var file: UInt16
        /// The byte offset in the file.
        var offset: Int
        var bit: UInt8 = 0
    }

    private struct State {
        var application: [UInt8]?
        var file: UInt16?
        var tampered = 0
    }

    let base: any CardTransport
    let target: Target?
    let tamperSignatures: Bool
    private let state = Mutex(State())

    init(_ base: any CardTransport, target: Target?, tamperSignatures: Bool = false) {
        self.base = base
        self.target = target
        self.tamperSignatures = tamperSignatures
    }

    /// How many responses were altered.
    var tamperedCount: Int { state.withLock { $0.tampered } }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        var response = try await base.transmit(command)
        guard response.statusWord.isSuccess else { return response }
        state.withLock { state in
            switch (command.ins, command.p1) {
            case (0xA4, 0x04):
                state.application = command.data
                state.file = nil
            case (0xA4, 0x02) where command.data.count == 2:
                state.file = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            case (0xB0, _):
                var offset = Int(command.p1) << 8 | Int(command.p2)
                if command.p1 & 0x80 != 0 {
                    state.file = UInt16(command.p1 & 0x1F)
                    offset = Int(command.p2)
                }
                if let target, state.application == target.application, state.file == target.file,
                    target.offset >= offset, target.offset < offset + response.data.count
                {
                    response.data[target.offset - offset] ^= 1 << (target.bit & 7)
                    state.tampered += 1
                }
            case (0x2A, _) where tamperSignatures && !response.data.isEmpty:
                response.data[response.data.count / 2] ^= 0x01
                state.tampered += 1
            default:
                break
            }
        }
        return response
    }

    func reset() async throws -> [UInt8] { try await base.reset() }
}
