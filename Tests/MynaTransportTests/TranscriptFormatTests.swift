import MynaCodec
import MynaTransport
import Testing

@Suite("Transcript file format")
struct TranscriptFormatTests {
    /// The example in the `Transcript` doc comment.
    static let documentedExample = """
        # MynaKit transcript v1
        > 00A4040C0AD392F000260100000001
        < 9000
        > 0020008004********
        < 63C2
        ! reset 3BE000FF8131FE4514
        ! begin
        ! end
        > 00B08A00000000
        ! error cardRemoved
        ! reset-error unresponsiveCard

        """

    @Test("The documented example parses into the entries it describes and renders back exactly")
    func documentedExample() throws {
        let transcript = try Transcript(parsing: Self.documentedExample)
        let verify = Transcript.MaskedBytes(
            bytes: [0x00, 0x20, 0x00, 0x80, 0x04, 0, 0, 0, 0], recorded: [true, true, true, true, true, false, false, false, false])
        #expect(
            transcript.entries == [
                .exchange(
                    command: .init(try Hex.decode("00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01")),
                    response: .init([0x90, 0x00])),
                .exchange(command: verify, response: .init([0x63, 0xC2])),
                .reset(atr: [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]),
                .beginTransaction,
                .endTransaction,
                .failedExchange(command: .init([0x00, 0xB0, 0x8A, 0x00, 0x00, 0x00, 0x00]), error: "cardRemoved"),
                .failedReset(error: "unresponsiveCard"),
            ])
        #expect(transcript.rendered() == Self.documentedExample)
    }

    @Test("Comments, blank lines, CRLF, spaces inside hex and lower-case hex are accepted")
    func lenientInput() throws {
        let text = "\r\n# a comment\r\n  > 00 a4 04 0c 02 d3 92\t\r\n\n<  90 00 \r\n# end\n"
        let transcript = try Transcript(parsing: text)
        #expect(
            transcript.entries == [
                .exchange(command: .init([0x00, 0xA4, 0x04, 0x0C, 0x02, 0xD3, 0x92]), response: .init([0x90, 0x00]))
            ])
        #expect(try Transcript(parsing: "").entries.isEmpty)
        #expect(try Transcript(parsing: Transcript.header).entries.isEmpty)
    }

    @Test("An empty ATR renders and parses")
    func emptyATR() throws {
        let transcript = Transcript(entries: [.reset(atr: [])])
        #expect(try Transcript(parsing: transcript.rendered()) == transcript)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var text: String
        var line: Int
        var why: String
        var testDescription: String { why }
    }

    @Test(
        "Malformed files: transcriptInvalid naming the line",
        arguments: [
            Malformed(text: "# MynaKit transcript v1\n> 00A4040\n< 9000\n", line: 2, why: "odd number of hex digits"),
            Malformed(text: "> 00A4040C\n< 9000\n< 9000\n", line: 3, why: "response before a command"),
            Malformed(text: "< 9000\n", line: 1, why: "response as the first entry"),
            Malformed(text: "> 00A4040C\n< 9000\n! frobnicate\n", line: 3, why: "unknown event"),
            Malformed(text: "#\n> 00A4040C\n< 9000\n> 00B00000\n", line: 4, why: "command with no response at the end"),
            Malformed(text: "> 00A4040C\n> 00B00000\n< 9000\n", line: 2, why: "command followed by a command"),
            Malformed(text: "> 00A4040C\n! begin\n< 9000\n", line: 2, why: "command followed by begin"),
            Malformed(text: "> 00A4040C\n! end\n< 9000\n", line: 2, why: "command followed by end"),
            Malformed(text: "> 00A4040C\n! reset 3B00\n< 9000\n", line: 2, why: "command followed by reset"),
            Malformed(text: "> 00A4040C\n! reset-error timeout\n< 9000\n", line: 2, why: "command followed by reset-error"),
            Malformed(text: "> 00A4\n< 9000\n", line: 1, why: "command shorter than 4 bytes"),
            Malformed(text: "> 00A4040C\n< 90\n", line: 2, why: "response shorter than 2 bytes"),
            Malformed(text: "> 00ZZ040C\n< 9000\n", line: 1, why: "not hex"),
            Malformed(text: "> 0*A4040C\n< 9000\n", line: 1, why: "half a mask"),
            Malformed(text: "\n\nhello\n", line: 3, why: "unknown line prefix"),
            Malformed(text: "! error cardRemoved\n", line: 1, why: "error without a command"),
            Malformed(text: "> 00A4040C\n! error\n", line: 2, why: "error without a code"),
            Malformed(text: "! reset-error\n", line: 1, why: "reset-error without a code"),
            Malformed(text: "! reset 3B0\n", line: 1, why: "odd ATR"),
            Malformed(text: "!\n", line: 1, why: "empty event"),
        ])
    func malformed(m: Malformed) {
        let error = #expect(throws: TransportError.self) { try Transcript(parsing: m.text) }
        #expect(error?.code == .transcriptInvalid)
        #expect(error?.reason.hasPrefix("line \(m.line): ") == true, "reason: \(error?.reason ?? "")")
    }

    @Test("Masked bytes: ** matches any byte; lengths must agree")
    func maskedBytes() throws {
        let masked = Transcript.MaskedBytes(bytes: [0x00, 0x20, 0, 0], recorded: [true, true, false, false])
        #expect(masked.description == "0020****")
        #expect(masked.matches([0x00, 0x20, 0x31, 0x32]))
        #expect(masked.matches([0x00, 0x20, 0xFF, 0x00]))
        #expect(!masked.matches([0x00, 0x21, 0x31, 0x32]))
        #expect(!masked.matches([0x00, 0x20, 0x31]))
        #expect(!masked.matches([0x00, 0x20, 0x31, 0x32, 0x33]))
        #expect(Transcript.MaskedBytes([0xAB, 0x01]).description == "AB01")
    }

    @Test("recordedCommand masks the data of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER only")
    func recordedCommand() throws {
        let pin = Array("1234".utf8)
        #expect(Transcript.recordedCommand(try CommandAPDU(ins: 0x20, p1: 0, p2: 0x80, data: pin)).description == "0020008004********")
        #expect(Transcript.recordedCommand(try CommandAPDU(ins: 0x24, p1: 1, p2: 0x80, data: pin)).description == "0024018004********")
        #expect(Transcript.recordedCommand(try CommandAPDU(ins: 0x2C, p1: 0, p2: 0x80, data: pin)).description == "002C008004********")
        #expect(
            Transcript.recordedCommand(try CommandAPDU(ins: 0x20, p1: 0, p2: 0x80, data: pin, extended: true)).description
                == "00200080000004********")
        #expect(Transcript.recordedCommand(try CommandAPDU(ins: 0x20, p1: 0, p2: 0x80)).description == "00200080")
        #expect(
            Transcript.recordedCommand(try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0, p2: 0x80, data: pin, ne: 256)).description
                == "802A00800431323334" + "00")
    }
}
