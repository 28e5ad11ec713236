import Foundation
import MynaCodec
import MynaTransport
import Testing

@Suite("Transcript recording and replay")
struct TranscriptRecordingTests {
    static let selectJPKI = "00A4040C0AD392F000260100000001"
    static let certificateChunk = "308205DC0102030405"

    /// A session with every kind of event; VERIFY carries PIN "1234".
    static func script() -> [ScriptedTransport.Step] {
        [
            .reset([0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]),
            .exchange(selectJPKI, "9000"),
            .begin,
            .exchange("00A4020C020018", "9000"),
            .exchange("0020008004 31323334", "9000"),
            .exchange("00240180 04 31323334", "6982"),
            .end,
            .exchange("00B08A00000000", certificateChunk + "9000"),
            .failure("0084000008", .cardRemoved),
            .resetFailure(.noCard),
        ]
    }

    /// Drives `transport` through ``script()`` with the given PIN, returning what came back.
    static func drive(_ transport: some CardTransport, pin: String = "1234") async throws -> [String] {
        var out: [String] = []
        func send(_ hex: String) async throws {
            do {
                let response = try await transport.transmit(CommandAPDU(decoding: Hex.decode(hex)))
                out.append(Hex.encode(response.encoded()))
            } catch let error as TransportError {
                out.append("error \(error.code)")
            }
        }
        let pinHex = Hex.encode(Array(pin.utf8))
        out.append(Hex.encode(try await transport.reset()))
        try await send(selectJPKI)
        try await transport.beginTransactionIfSupported()
        try await send("00A4020C020018")
        try await send("0020008004" + pinHex)
        try await send("0024018004" + pinHex)
        try await transport.endTransactionIfSupported()
        try await send("00B08A00000000")
        try await send("0084000008")
        do {
            _ = try await transport.reset()
        } catch let error as TransportError {
            out.append("reset error \(error.code)")
        }
        return out
    }

    static let expectedResults = [
        "3BE000FF8131FE4514", "9000", "9000", "9000", "6982", certificateChunk + "9000", "error cardRemoved",
        "reset error noCard",
    ]

    static let expectedText = """
        # MynaKit transcript v1
        ! reset 3BE000FF8131FE4514
        > 00A4040C0AD392F000260100000001
        < 9000
        ! begin
        > 00A4020C020018
        < 9000
        > 0020008004********
        < 9000
        > 0024018004********
        < 6982
        ! end
        > 00B08A00000000
        < 308205DC01020304059000
        > 0084000008
        ! error cardRemoved
        ! reset-error noCard

        """

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("myna-transcript-\(UUID().uuidString).txt").path
    }

    @Test("Recording in memory: every event, PIN bytes masked; render → parse → replay gives identical results")
    func recordInMemory() async throws {
        let base = ScriptedTransport(steps: Self.script())
        let recorder = TranscriptRecorder(responseData: .recorded)
        #expect(try await Self.drive(base.recording(into: recorder)) == Self.expectedResults)
        base.expectComplete()

        let transcript = recorder.transcript
        #expect(transcript.entries.count == 10)
        let text = transcript.rendered()
        #expect(text == Self.expectedText)
        #expect(!text.contains("31323334"))
        #expect(!text.contains("1234"))

        let parsed = try Transcript(parsing: text)
        #expect(parsed == transcript)
        let replay = TranscriptReplayTransport(parsed)
        #expect(try await Self.drive(replay) == Self.expectedResults)
        #expect(replay.isComplete)
        #expect(replay.position == 10)
    }

    @Test("Replay matches VERIFY and CHANGE REFERENCE DATA with any PIN of the recorded length", arguments: ["0000", "9999", "1234"])
    func replayAnyPIN(pin: String) async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: Self.expectedText))
        #expect(try await Self.drive(replay, pin: pin) == Self.expectedResults)
    }

    @Test("Replay rejects a PIN of another length: the Lc byte was recorded")
    func replayOtherPINLength() async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: Self.expectedText))
        try await replay.reset()
        _ = try await replay.transmit(CommandAPDU(decoding: Hex.decode(Self.selectJPKI)))
        try await replay.beginTransaction()
        _ = try await replay.transmit(CommandAPDU(decoding: Hex.decode("00A4020C020018")))
        let error = await #expect(throws: TransportError.self) {
            try await replay.transmit(CommandAPDU(decoding: Hex.decode("0020008005 3132333435")))
        }
        #expect(error?.code == .transcriptMismatch)
        // The mismatch message masks the PIN that was sent, too.
        #expect(error?.reason.contains("3132333435") == false)
    }

    @Test("Recording to a file: the file is the rendered transcript, holds no PIN, and replays")
    func recordToFile() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ScriptedTransport(steps: Self.script())
        let recorder = try TranscriptRecorder(writingTo: path, responseData: .recorded)
        #expect(try await Self.drive(base.recording(into: recorder)) == Self.expectedResults)
        base.expectComplete()

        let data = try #require(FileManager.default.contents(atPath: path))
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text == Self.expectedText)
        #expect(text == recorder.transcript.rendered())
        #expect(!text.contains("31323334"))

        let replay = try TranscriptReplayTransport(contentsOf: path)
        #expect(try await Self.drive(replay, pin: "5555") == Self.expectedResults)
        #expect(replay.isComplete)
    }

    @Test("The file is written as events happen, not only at the end")
    func incrementalFile() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ScriptedTransport([(Self.selectJPKI, "9000")])
        let recorder = try TranscriptRecorder(writingTo: path, responseData: .recorded)
        let transport = base.recording(into: recorder)
        let before = try #require(FileManager.default.contents(atPath: path))
        #expect(String(data: before, encoding: .utf8) == Transcript.header + "\n")
        _ = try await transport.transmit(CommandAPDU(decoding: Hex.decode(Self.selectJPKI)))
        let after = try #require(FileManager.default.contents(atPath: path))
        #expect(String(data: after, encoding: .utf8) == Transcript.header + "\n> \(Self.selectJPKI)\n< 9000\n")
        base.expectComplete()
    }

    @Test("A file that cannot be created or read: transcriptInvalid")
    func unusablePaths() {
        let missingDirectory = "/nonexistent-\(UUID().uuidString)/transcript.txt"
        let writeError = #expect(throws: TransportError.self) {
            try TranscriptRecorder(writingTo: missingDirectory, responseData: .recorded)
        }
        #expect(writeError?.code == .transcriptInvalid)
        let readError = #expect(throws: TransportError.self) { try TranscriptReplayTransport(contentsOf: missingDirectory) }
        #expect(readError?.code == .transcriptInvalid)
    }

    @Test("Redacted responses: data bytes become **, status words and lengths stay; replay gives zeros")
    func redacted() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ScriptedTransport(steps: Self.script())
        let recorder = try TranscriptRecorder(writingTo: path, responseData: .redacted)
        #expect(recorder.responseData == .redacted)
        #expect(try await Self.drive(base.recording(into: recorder)) == Self.expectedResults)

        let data = try #require(FileManager.default.contents(atPath: path))
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text == recorder.transcript.rendered())
        #expect(text.contains("\n< ******************9000\n"))
        #expect(!text.contains("308205DC"))
        #expect(!text.contains("31323334"))

        let replayed = try await Self.drive(try TranscriptReplayTransport(contentsOf: path))
        var expected = Self.expectedResults
        expected[5] = "0000000000000000009000"
        #expect(replayed == expected)
    }

    @Test("Only transport errors are recorded as failed exchanges")
    func otherErrorsNotRecorded() async throws {
        struct Unrelated: Error {}
        struct Throwing: CardTransport {
            func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU { throw Unrelated() }
            func reset() async throws -> [UInt8] { throw Unrelated() }
        }
        let recorder = TranscriptRecorder(responseData: .recorded)
        let transport = Throwing().recording(into: recorder)
        await #expect(throws: Unrelated.self) { try await transport.transmit(CommandAPDU(ins: 0x84, p1: 0, p2: 0, ne: 8)) }
        await #expect(throws: Unrelated.self) { try await transport.reset() }
        #expect(recorder.transcript.entries.isEmpty)
    }
}
