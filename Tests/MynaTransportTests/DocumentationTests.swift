import Foundation
import MynaCodec
import MynaTransport
import Testing

/// The example in Documentation/transcripts.md must be a valid transcript that replays as described.
@Suite("Documentation/transcripts.md")
struct DocumentationTests {
    static func documentedExample() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Documentation/transcripts.md"), encoding: .utf8)
        let afterHeading = try #require(text.range(of: "## Example"))
        let open = try #require(text.range(of: "```text\n", range: afterHeading.upperBound..<text.endIndex))
        let close = try #require(text.range(of: "```", range: open.upperBound..<text.endIndex))
        return String(text[open.upperBound..<close.lowerBound])
    }

    private static func send(_ transport: some CardTransport, _ hex: String) async throws -> String {
        Hex.encode(try await transport.transmit(CommandAPDU(decoding: Hex.decode(hex))).encoded())
    }

    @Test("The example parses and replays as the page says")
    func example() async throws {
        let transcript = try Transcript(parsing: try Self.documentedExample())
        #expect(transcript.entries.count == 11)
        #expect(!transcript.rendered().contains("1234"))
        let replay = TranscriptReplayTransport(transcript)
        #expect(try await replay.reset() == Hex.decode("3BE000FF8131FE4514"))
        #expect(try await Self.send(replay, "00A4040C0AD392F000260100000001") == "9000")
        #expect(try await Self.send(replay, "00B0880003") == "0000009000")
        #expect(try await Self.send(replay, "00A4020C020018") == "9000")
        #expect(try await Self.send(replay, "00200080") == "63C3")
        try await replay.beginTransaction()
        #expect(try await Self.send(replay, "00A4020C020018") == "9000")
        #expect(try await Self.send(replay, "0020008004" + Hex.encode(Array("2580".utf8))) == "9000")
        try await replay.endTransaction()
        let error = await #expect(throws: TransportError.self) { try await Self.send(replay, "00B08A00000000") }
        #expect(error?.code == .cardRemoved)
        let resetError = await #expect(throws: TransportError.self) { try await replay.reset() }
        #expect(resetError?.code == .noCard)
        #expect(replay.isComplete)
    }

    @Test("The example's VERIFY entry does not match a 5-byte PIN")
    func exampleLc() async throws {
        let replay = TranscriptReplayTransport(try Transcript(parsing: try Self.documentedExample()))
        try await replay.reset()
        _ = try await Self.send(replay, "00A4040C0AD392F000260100000001")
        _ = try await Self.send(replay, "00B0880003")
        _ = try await Self.send(replay, "00A4020C020018")
        _ = try await Self.send(replay, "00200080")
        try await replay.beginTransaction()
        _ = try await Self.send(replay, "00A4020C020018")
        let error = await #expect(throws: TransportError.self) { try await Self.send(replay, "0020008005 3132333435") }
        #expect(error?.code == .transcriptMismatch)
    }
}
