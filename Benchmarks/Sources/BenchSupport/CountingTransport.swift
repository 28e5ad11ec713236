import MynaCodec
import MynaTransport
import Synchronization

/// A transport layer that counts what passes through it: APDUs, bytes each way, READ BINARY commands.
public final class CountingTransport: CardTransportLayer, Sendable {
    /// What has been counted.
    public struct Counts: Hashable, Sendable {
        /// Command APDUs sent.
        public var apdus = 0
        /// READ BINARY commands among them.
        public var readBinaries = 0
        /// Bytes of command APDUs.
        public var bytesSent = 0
        /// Bytes of responses, status words included.
        public var bytesReceived = 0
    }

    /// The transport underneath.
    public let base: any CardTransport
    private let counts = Mutex(Counts())

    /// Counts what goes through `base`.
    public init(_ base: any CardTransport) {
        self.base = base
    }

    /// The counts so far.
    public var current: Counts { counts.withLock { $0 } }

    /// Starts counting from zero.
    public func resetCounts() {
        counts.withLock { $0 = Counts() }
    }

    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let response = try await base.transmit(command)
        counts.withLock {
            $0.apdus += 1
            if command.ins == 0xB0 { $0.readBinaries += 1 }
            $0.bytesSent += command.encodedCount
            $0.bytesReceived += response.data.count + 2
        }
        return response
    }

    public var wrappedTransport: any CardTransport { base }
}
