import Foundation
import MynaCodec
import MynaTransport
import Testing

/// Transcript files as they are found after a crash, and files that must not be read whole.
@Suite("Transcript files: cut, endless, private")
struct TranscriptSafetyTests {
    static let complete = """
        # MynaKit transcript v1
        > 00A4040C0AD392F000260100000001
        < 9000
        > 00B0000004
        < 01020304 9000
        > 00B0000404
        < 05060708 9000

        """

    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myna-cut-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("A file cut anywhere in its last exchange keeps every complete exchange and says it was cut")
    func cutFile() throws {
        let lastExchange = try #require(Self.complete.range(of: "> 00B0000404"))
        let start = Self.complete.distance(from: Self.complete.startIndex, to: lastExchange.lowerBound)
        // Every cut from just after the second exchange to just before the last line break.
        for length in start..<(Self.complete.count - 2) {
            let path = try Self.file(String(Self.complete.prefix(length)))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let transcript = try Transcript(contentsOf: path)
            // Cut inside "< 05060708 9000" a prefix such as "< 0506" would parse as a different response: never
            // used.
            #expect(transcript.entries.count == 2, "cut at \(length): \(transcript.entries)")
            #expect(transcript.isTruncated == (length > start), "cut at \(length)")
        }
        let path = try Self.file(Self.complete)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try Transcript(contentsOf: path)
        #expect(!whole.isTruncated && whole.entries.count == 3)
    }

    @Test("Text cut so that its last line does not parse keeps the complete exchanges")
    func cutText() throws {
        let text = String(Self.complete.prefix(Self.complete.count - 4))  // ends "< 05060708 9"
        let transcript = try Transcript(parsing: text)
        #expect(transcript.isTruncated && transcript.entries.count == 2)
        // A last line without a line break that parses is kept when parsing text (hand-written transcripts).
        let unterminated = try Transcript(parsing: String(Self.complete.dropLast(1)))
        #expect(!unterminated.isTruncated && unterminated.entries.count == 3)
    }

    @Test("Damage before the last line is still an error; so is a missing response in text that ends cleanly")
    func damageIsNotACut() {
        #expect(throws: TransportError.self) { try Transcript(parsing: "> 00A4\n< 9000\n> 00B0000004\n") }
        #expect(throws: TransportError.self) { try Transcript(parsing: "> 00A4040C\n< 90X0\n> 00B0000004\n< 90") }
    }

    @Test("A cut transcript file replays up to the cut")
    func replayCutFile() async throws {
        let path = try Self.file(String(Self.complete.prefix(Self.complete.count - 6)))  // "< 05060708 "
        defer { try? FileManager.default.removeItem(atPath: path) }
        let replay = try TranscriptReplayTransport(contentsOf: path)
        _ = try await replay.transmit(CommandAPDU(decoding: Hex.decode("00A4040C0AD392F000260100000001")))
        #expect(try await replay.transmit(CommandAPDU(decoding: Hex.decode("00B0000004"))).data == [1, 2, 3, 4])
        #expect(replay.isComplete)
    }

    @Test("A transcript file that never ends (/dev/zero) is refused after the size limit")
    func endless() {
        #expect {
            _ = try TranscriptReplayTransport(contentsOf: "/dev/zero")
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.code == .transcriptInvalid && error.reason.contains("larger than")
        }
    }

    @Test("A recorded transcript file is the owner's only from the start, replacing a wider one")
    func recorderPermissions() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myna-rec-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        let recorder = try TranscriptRecorder(writingTo: url.path, responseData: .recorded)
        recorder.record(.beginTransaction)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == Transcript.header + "\n! begin\n")
    }
}
