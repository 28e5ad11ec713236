import MynaCodec
import MynaTransport
import Synchronization

/// A card that does not report its retry counter: answers every empty VERIFY with a fixed status word
/// (`9000` or `6300`, as some cards do) and passes every other command to the card behind it.
final class UncountedRetriesTransport: CardTransport, Sendable {
    let base: any CardTransport
    let emptyVerifyAnswer: StatusWord
    private let log = Mutex<[CommandAPDU]>([])

    init(_ base: any CardTransport, emptyVerifyAnswer: StatusWord) {
        self.base = base
        self.emptyVerifyAnswer = emptyVerifyAnswer
    }

    /// Every command sent, including the empty VERIFYs answered here.
    var commands: [CommandAPDU] { log.withLock { $0 } }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        log.withLock { $0.append(command) }
        if command.isEmptyVerify { return ResponseAPDU(data: [], statusWord: emptyVerifyAnswer) }
        return try await base.transmit(command)
    }

    func reset() async throws -> [UInt8] { try await base.reset() }
}
