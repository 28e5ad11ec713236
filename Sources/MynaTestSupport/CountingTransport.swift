import MynaCodec
import MynaTransport
import Synchronization

/// A layer that records every command it passes on, for tests that count APDUs: how many VERIFYs with
/// data (the ones that spend a try), empty VERIFYs, READ BINARYs, or the exact sequence.
///
/// Resets (counted, ``resetCount``) and transactions pass through (it is a ``/MynaTransport/CardTransportLayer``).
public final class CountingTransport: CardTransportLayer, Sendable {
    /// The transport underneath.
    public let base: any CardTransport
    private let log = Mutex<[CommandAPDU]>([])
    private let responseLog = Mutex<[ResponseAPDU]>([])
    private let resets = Mutex<[Int]>([])

    /// Counts what goes through `base`.
    public init(_ base: any CardTransport) { self.base = base }

    /// ``base``.
    public var wrappedTransport: any CardTransport { base }

    /// Every command passed on, in order.
    public var commands: [CommandAPDU] { log.withLock { $0 } }
    /// The responses received, in order (one per command that got an answer).
    public var responses: [ResponseAPDU] { responseLog.withLock { $0 } }
    /// How many commands were passed on.
    public var count: Int { log.withLock { $0.count } }
    /// The same as ``count``.
    public var total: Int { count }
    /// The INS bytes of the recorded commands, in order.
    public var instructions: [UInt8] { commands.map(\.ins) }
    /// VERIFY commands with reference data (the ones that can spend a try).
    public var verifyWithData: Int { commands.filter { $0.ins == 0x20 && !$0.data.isEmpty }.count }
    /// Empty VERIFY commands (they spend nothing).
    public var emptyVerify: Int { commands.filter { $0.ins == 0x20 && $0.data.isEmpty }.count }
    /// CHANGE REFERENCE DATA commands.
    public var change: Int { commands.filter { $0.ins == 0x24 }.count }

    /// How many resets were passed on.
    public var resetCount: Int { resets.withLock { $0.count } }
    /// Where each reset came in the command sequence: the number of commands recorded before it.
    public var resetPositions: [Int] { resets.withLock { $0 } }

    /// Forgets what was recorded.
    public func clear() {
        log.withLock { $0 = [] }
        responseLog.withLock { $0 = [] }
        resets.withLock { $0 = [] }
    }

    /// Records a reset and passes it on.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        let position = log.withLock { $0.count }
        resets.withLock { $0.append(position) }
        return try await base.reset()
    }

    /// Records `command` and passes it on.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        log.withLock { $0.append(command) }
        let response = try await base.transmit(command)
        responseLog.withLock { $0.append(response) }
        return response
    }
}
