import Logging
import MynaCodec
import MynaTransport
import Testing

@Suite("Tracer")
struct TracingTransportTests {
    /// VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER, each carrying PIN "1234".
    static let secretCommands = [
        "00 20 00 80 04 31 32 33 34",
        "00 24 01 80 04 31 32 33 34",
        "00 2C 00 80 08 31 32 33 34 31 32 33 34",
        "00 20 00 80 00 00 04 31 32 33 34",  // extended encoding
    ]

    private static func send(_ transport: some CardTransport, _ hex: String) async throws -> ResponseAPDU {
        try await transport.transmit(CommandAPDU(decoding: Hex.decode(hex)))
    }

    @Test("PIN-carrying command data never reaches the log, in hex or as text")
    func secretsMasked() async throws {
        let store = LogStore()
        let base = ScriptedTransport(Self.secretCommands.map { ($0, "9000") })
        let transport = base.tracing(to: store.logger(), options: .init(revealsResponseData: true))
        for command in Self.secretCommands { _ = try await Self.send(transport, command) }
        base.expectComplete()
        let text = store.text
        #expect(store.all.count == 2 * Self.secretCommands.count)
        for needle in ["31323334", "31 32 33 34", "1234", "3132", "34 "] {
            #expect(!text.contains(needle), "the log contains \(needle)")
        }
        #expect(store.messages[0] == "> 00 20 00 80 Lc=4 <4 bytes redacted>")
        #expect(store.messages[2] == "> 00 24 01 80 Lc=4 <4 bytes redacted>")
        #expect(store.messages[4] == "> 00 2C 00 80 Lc=8 <8 bytes redacted>")
    }

    @Test("Every exchange is logged at trace level")
    func traceLevel() async throws {
        let store = LogStore()
        let base = ScriptedTransport(steps: [
            .exchange("00 A4 04 0C 02 D3 92", "9000"), .reset([0x3B, 0x02]), .begin, .end,
        ])
        let transport = base.tracing(to: store.logger())
        _ = try await Self.send(transport, "00A4040C02D392")
        try await transport.reset()
        try await transport.beginTransactionIfSupported()
        try await transport.endTransactionIfSupported()
        base.expectComplete()
        #expect(store.all.allSatisfy { $0.level == .trace })
        #expect(
            store.messages == [
                "> 00 A4 04 0C Lc=2 D392", "< SW 9000 (normal processing)", "reset", "ATR 3B 02", "begin transaction",
                "end transaction",
            ])
    }

    @Test("Nothing is logged to a logger above trace level")
    func quietAboveTrace() async throws {
        let store = LogStore()
        let base = ScriptedTransport([("00 84 00 00 08", "0102030405060708 9000")])
        _ = try await Self.send(base.tracing(to: store.logger(level: .info)), "0084000008")
        #expect(store.all.isEmpty)
        base.expectComplete()
    }

    @Test("Response data is redacted by default: only its length is logged")
    func responseRedacted() async throws {
        let store = LogStore()
        let base = ScriptedTransport([("00 B0 8A 00 00 00 00", "DEADBEEF 9000"), ("00 B0 01 00 04", "31323334 9000")])
        let transport = base.tracing(to: store.logger())
        let response = try await Self.send(transport, "00B08A00000000")
        _ = try await Self.send(transport, "00B0010004")
        #expect(response.data == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(store.messages[1] == "< 4 bytes, SW 9000 (normal processing)")
        for needle in ["DEADBEEF", "DE AD", "deadbeef", "31323334", "1234"] {
            #expect(!store.text.contains(needle), "the log contains \(needle)")
        }
        base.expectComplete()
    }

    @Test("Response data is shown when the caller opts in")
    func responseRevealed() async throws {
        let store = LogStore()
        let base = ScriptedTransport([("00 B0 8A 00 00 00 00", "DEADBEEF 9000")])
        _ = try await Self.send(base.tracing(to: store.logger(), options: .init(revealsResponseData: true)), "00B08A00000000")
        #expect(store.messages == ["> 00 B0 8A 00 Ne=65536", "< DEADBEEF SW 9000 (normal processing)"])
        #expect(store.all.allSatisfy { $0.level == .trace })
        base.expectComplete()
    }

    @Test("A failed exchange is logged with the error and rethrown")
    func failure() async throws {
        let store = LogStore()
        let base = ScriptedTransport(steps: [.failure("00 84 00 00 08", .cardRemoved)])
        let error = await #expect(throws: TransportError.self) {
            try await Self.send(base.tracing(to: store.logger()), "0084000008")
        }
        #expect(error?.code == .cardRemoved)
        #expect(store.messages.count == 2)
        #expect(store.messages.last?.contains("cardRemoved") == true)
        base.expectComplete()
    }

    @Test("The trace-line helpers")
    func traceLines() throws {
        let verify = try CommandAPDU(ins: 0x20, p1: 0, p2: 0x80, data: Array("1234".utf8))
        #expect(TracingTransport<ScriptedTransport>.traceLine(for: verify) == "> 00 20 00 80 Lc=4 <4 bytes redacted>")
        let response = ResponseAPDU(data: [0x01, 0x02], statusWord: StatusWord(0x6F42))
        #expect(TracingTransport<ScriptedTransport>.traceLine(for: response, revealingData: false) == "< 2 bytes, SW 6F42")
        #expect(TracingTransport<ScriptedTransport>.traceLine(for: response, revealingData: true) == "< 0102 SW 6F42")
    }
}
