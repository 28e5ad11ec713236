import Foundation
import MynaCodec
import MynaTransport
import Testing

@Suite("Transcript replay")
struct TranscriptReplayTests {
    static let text = """
        # MynaKit transcript v1
        > 00A4040C02D392
        < 9000
        > 0084000004
        < 010203049000
        ! reset 3B00
        ! begin
        ! end
        """

    private static func send(_ transport: some CardTransport, _ hex: String) async throws -> ResponseAPDU {
        try await transport.transmit(CommandAPDU(decoding: Hex.decode(hex)))
    }

    @Test("Recorded responses come back in order; then the transcript is exhausted")
    func inOrder() async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: Self.text))
        #expect(!replay.isComplete)
        #expect(try await Self.send(replay, "00A4040C02D392").statusWord == .success)
        #expect(try await Self.send(replay, "0084000004").data == [1, 2, 3, 4])
        #expect(try await replay.reset() == [0x3B, 0x00])
        try await replay.beginTransaction()
        try await replay.endTransaction()
        #expect(replay.isComplete)
        #expect(replay.position == 5)
        let error = await #expect(throws: TransportError.self) { try await Self.send(replay, "0084000004") }
        #expect(error?.code == .transcriptExhausted)
        await #expect(throws: TransportError(.transcriptExhausted, "")) { try await replay.reset() }
        await #expect(throws: TransportError(.transcriptExhausted, "")) { try await replay.beginTransaction() }
    }

    @Test("Another command than the recorded one: transcriptMismatch naming the entry")
    func commandMismatch() async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: Self.text))
        let error = await #expect(throws: TransportError.self) { try await Self.send(replay, "00A4040C02D393") }
        #expect(error?.code == .transcriptMismatch)
        #expect(error?.reason.contains("entry 1") == true)
        #expect(error?.reason.contains("00A4040C02D392") == true)
    }

    @Test("Another Le than the recorded one is a mismatch")
    func leMismatch() async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: Self.text))
        _ = try await Self.send(replay, "00A4040C02D392")
        await #expect(throws: TransportError(.transcriptMismatch, "")) { try await Self.send(replay, "0084000008") }
    }

    @Test("Events out of order are mismatches: reset, begin or end where a command was recorded, and vice versa")
    func eventMismatch() async throws {
        let mismatch = TransportError(.transcriptMismatch, "")
        await #expect(throws: mismatch) { try await TranscriptReplayTransport(try Transcript(parsing: Self.text)).reset() }
        await #expect(throws: mismatch) {
            try await TranscriptReplayTransport(try Transcript(parsing: Self.text)).beginTransaction()
        }
        await #expect(throws: mismatch) {
            try await TranscriptReplayTransport(try Transcript(parsing: Self.text)).endTransaction()
        }
        let replay = TranscriptReplayTransport(Transcript(entries: [.reset(atr: []), .beginTransaction, .endTransaction]))
        await #expect(throws: mismatch) { try await Self.send(replay, "00A4040C02D392") }
        await #expect(throws: mismatch) { try await replay.endTransaction() }
        await #expect(throws: mismatch) { try await replay.beginTransaction() }
    }

    @Test("Recorded transport errors are thrown again with their code, known or not")
    func replayedErrors() async throws {
        let transcript = try Transcript(
            parsing: """
                > 0084000008
                ! error cardRemoved
                > 0084000008
                ! error someBackendCode
                ! reset-error unresponsiveCard
                """)
        let replay = TranscriptReplayTransport(transcript)
        let e1 = await #expect(throws: TransportError.self) { try await Self.send(replay, "0084000008") }
        #expect(e1?.code == .cardRemoved)
        let e2 = await #expect(throws: TransportError.self) { try await Self.send(replay, "0084000008") }
        #expect(e2?.code == TransportError.Code("someBackendCode"))
        let e3 = await #expect(throws: TransportError.self) { try await replay.reset() }
        #expect(e3?.code == .unresponsiveCard)
        #expect(replay.isComplete)
    }

    @Test("A failed exchange with another command is a mismatch, not the recorded error")
    func failedExchangeMismatch() async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: "> 0084000008\n! error cardRemoved\n"))
        await #expect(throws: TransportError(.transcriptMismatch, "")) { try await Self.send(replay, "0084000010") }
    }

    @Test("Seeded random sessions: record → render → parse → replay round-trips exactly", arguments: [1, 2, 3, 0x4D59_4E41] as [UInt64])
    func randomRoundTrip(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let secretINS: [UInt8] = [0x20, 0x24, 0x2C]
        let otherINS: [UInt8] = [0xA4, 0xB0, 0xB2, 0x2A, 0x84, 0x88, 0xC0, 0xCA]
        let codes: [TransportError.Code] = [.cardRemoved, .cardReset, .timeout, .noCard, TransportError.Code("vendorThing")]

        enum Event { case command(CommandAPDU), reset, begin, end }
        var events: [Event] = []
        var steps: [ScriptedTransport.Step] = []
        var expected: [String] = []
        for _ in 0..<150 {
            switch Int.random(in: 0..<20, using: &random) {
            case 0:
                if Bool.random(using: &random) {
                    let atr = random.bytes(Int.random(in: 0...20, using: &random))
                    steps.append(.reset(atr))
                    expected.append("atr " + Hex.encode(atr))
                } else {
                    let code = codes[Int.random(in: 0..<codes.count, using: &random)]
                    steps.append(.resetFailure(code))
                    expected.append("reset error \(code)")
                }
                events.append(.reset)
            case 1:
                steps.append(.begin)
                events.append(.begin)
            case 2:
                steps.append(.end)
                events.append(.end)
            default:
                let secret = Int.random(in: 0..<4, using: &random) == 0
                let ins = secret
                    ? secretINS[Int.random(in: 0..<secretINS.count, using: &random)]
                    : otherINS[Int.random(in: 0..<otherINS.count, using: &random)]
                let dataCount = Int.random(in: 0...3, using: &random) == 0 ? Int.random(in: 256...300, using: &random) : Int.random(in: 0...40, using: &random)
                let ne: Int? = Bool.random(using: &random) ? nil : Int.random(in: 1...65536, using: &random)
                let command = try CommandAPDU(
                    cla: Bool.random(using: &random) ? 0x00 : 0x80, ins: ins, p1: UInt8.random(in: 0...255, using: &random),
                    p2: UInt8.random(in: 0...255, using: &random), data: random.bytes(dataCount), ne: ne,
                    extended: Bool.random(using: &random))
                events.append(.command(command))
                if Int.random(in: 0..<10, using: &random) == 0 {
                    let code = codes[Int.random(in: 0..<codes.count, using: &random)]
                    steps.append(.failure(Hex.encode(command.encoded()), code))
                    expected.append("error \(code)")
                } else {
                    let response = random.bytes(Int.random(in: 0...300, using: &random)) + random.bytes(2)
                    steps.append(.exchange(Hex.encode(command.encoded()), Hex.encode(response)))
                    expected.append(Hex.encode(response))
                }
            }
        }

        func drive(_ transport: some CardTransport, changingSecrets: Bool) async throws -> [String] {
            var out: [String] = []
            for event in events {
                switch event {
                case .command(let command):
                    var sent = command
                    if changingSecrets, command.carriesSecret, !command.data.isEmpty {
                        sent = try CommandAPDU(
                            cla: command.cla, ins: command.ins, p1: command.p1, p2: command.p2,
                            data: command.data.map { $0 ^ 0x5A }, ne: command.ne, extended: command.isExtended)
                    }
                    do {
                        out.append(Hex.encode(try await transport.transmit(sent).encoded()))
                    } catch let error as TransportError {
                        out.append("error \(error.code)")
                    }
                case .reset:
                    do {
                        out.append("atr " + Hex.encode(try await transport.reset()))
                    } catch let error as TransportError {
                        out.append("reset error \(error.code)")
                    }
                case .begin: try await transport.beginTransactionIfSupported()
                case .end: try await transport.endTransactionIfSupported()
                }
            }
            return out
        }

        let path = TranscriptRecordingTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ScriptedTransport(steps: steps)
        let recorder = try TranscriptRecorder(writingTo: path, responseData: .recorded)
        #expect(try await drive(base.recording(into: recorder), changingSecrets: false) == expected)
        base.expectComplete()

        let transcript = recorder.transcript
        #expect(transcript.entries.count == events.count)
        let text = transcript.rendered()
        #expect(try Transcript(parsing: text) == transcript)
        let fileText = String(data: try #require(FileManager.default.contents(atPath: path)), encoding: .utf8)
        #expect(fileText == text)

        let replay = try TranscriptReplayTransport(contentsOf: path)
        #expect(try await drive(replay, changingSecrets: true) == expected)
        #expect(replay.isComplete)
    }
}
