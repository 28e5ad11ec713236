import MynaCodec
import MynaTransport
import Synchronization
import Testing

/// A transport that logs transactions and can be told to fail them.
final class TransactionLog: TransactionalTransport {
    private let events = Mutex<[String]>([])
    let failsBegin: Bool
    let failsEnd: Bool

    init(failsBegin: Bool = false, failsEnd: Bool = false) {
        self.failsBegin = failsBegin
        self.failsEnd = failsEnd
    }

    var log: [String] { events.withLock { $0 } }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        events.withLock { $0.append("transmit") }
        return ResponseAPDU(statusWord: .success)
    }

    func reset() async throws -> [UInt8] { [] }

    func beginTransaction() async throws {
        events.withLock { $0.append("begin") }
        if failsBegin { throw TransportError(.sharingViolation, "test") }
    }

    func endTransaction() async throws {
        events.withLock { $0.append("end") }
        if failsEnd { throw TransportError(.cardRemoved, "test") }
    }
}

/// A transport that keeps the protocol's default (no-op) transactions.
struct NoTransactions: CardTransport {
    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU { ResponseAPDU(statusWord: .success) }
    func reset() async throws -> [UInt8] { [] }
}

struct BodyError: Error, Equatable {}

@Suite("withTransaction")
struct TransactionTests {
    @Test("The body runs between begin and end, and its result is returned")
    func success() async throws {
        let transport = TransactionLog()
        let result = try await transport.withTransaction {
            try await transport.transmit(CommandAPDU(ins: 0x84, p1: 0, p2: 0, ne: 8)).statusWord
        }
        #expect(result == .success)
        #expect(transport.log == ["begin", "transmit", "end"])
    }

    @Test("The transaction ends when the body throws, and the body's error is rethrown")
    func bodyThrows() async throws {
        let transport = TransactionLog()
        await #expect(throws: BodyError()) {
            try await transport.withTransaction { () async throws -> Int in
                _ = try await transport.transmit(CommandAPDU(ins: 0x84, p1: 0, p2: 0, ne: 8))
                throw BodyError()
            }
        }
        #expect(transport.log == ["begin", "transmit", "end"])
    }

    @Test("When both the body and the end fail, the body's error wins")
    func bodyAndEndThrow() async throws {
        let transport = TransactionLog(failsEnd: true)
        await #expect(throws: BodyError()) {
            try await transport.withTransaction { () async throws -> Int in throw BodyError() }
        }
        #expect(transport.log == ["begin", "end"])
    }

    @Test("A failing end after a good body is reported")
    func endThrows() async throws {
        let transport = TransactionLog(failsEnd: true)
        let error = await #expect(throws: TransportError.self) { try await transport.withTransaction { 1 } }
        #expect(error?.code == .cardRemoved)
    }

    @Test("A failing begin runs neither the body nor end")
    func beginThrows() async throws {
        let transport = TransactionLog(failsBegin: true)
        let error = await #expect(throws: TransportError.self) {
            try await transport.withTransaction { () async throws -> Int in
                Issue.record("the body ran")
                return 1
            }
        }
        #expect(error?.code == .sharingViolation)
        #expect(transport.log == ["begin"])
    }

    @Test("Transports without transactions run the body")
    func defaultTransactions() async throws {
        #expect(try await NoTransactions().withTransaction { 42 } == 42)
    }

    @Test("Every layer forwards begin and end, including when the body throws")
    func throughLayers() async throws {
        let store = LogStore()
        let recorder = TranscriptRecorder(responseData: .recorded)
        let base = TransactionLog()
        let transport = base.normalizingResponses().tracing(to: store.logger()).recording(into: recorder)
        await #expect(throws: BodyError()) {
            try await transport.withTransaction { () async throws -> Int in throw BodyError() }
        }
        #expect(base.log == ["begin", "end"])
        #expect(recorder.transcript.entries == [.beginTransaction, .endTransaction])
        #expect(store.messages == ["begin transaction", "end transaction"])
    }

    @Test("A layer of the user's own (CardTransportLayer over an existential) forwards transactions and reset")
    func throughAnExistentialLayer() async throws {
        let base = TransactionLog()
        let counting = CountingTransport(base.normalizingResponses())
        let status = try await counting.withTransaction {
            try await counting.transmit(CommandAPDU(ins: 0x84, p1: 0, p2: 0, ne: 8)).statusWord
        }
        #expect(status == .success)
        #expect(base.log == ["begin", "transmit", "end"])
        #expect(counting.count == 1)
        #expect(try await counting.reset() == [])
    }

    @Test("A transport that is not a layer and has no transactions stops the forwarding")
    func notALayer() async throws {
        struct Opaque: CardTransport {
            let inner: TransactionLog
            func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU { try await inner.transmit(command) }
            func reset() async throws -> [UInt8] { [] }
        }
        let inner = TransactionLog()
        #expect(try await Opaque(inner: inner).withTransaction { 7 } == 7)
        #expect(inner.log.isEmpty)
    }
}
