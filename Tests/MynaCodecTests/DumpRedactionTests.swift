import MynaCodec
import Testing

/// `dump()` goes through the types' mirrors: a PIN or personal data must never appear in it.
@Suite("dump() redaction")
struct DumpRedactionTests {
    static func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    @Test(
        "dump of a command that carries a secret shows neither the PIN bytes nor their digits",
        arguments: [0x20, 0x21, 0x24, 0x25, 0x2C] as [UInt8])
    func secretCommand(ins: UInt8) throws {
        let pin: [UInt8] = [0x39, 0x38, 0x37, 0x36]  // "9876"
        let command = try CommandAPDU(ins: ins, p1: 0x00, p2: 0x80, data: pin)
        let text = Self.dumped(command)
        #expect(!text.contains("9876") && !text.contains("39383736") && !text.contains("57"), "\(text)")
        #expect(!text.contains("[57, 56, 55, 54]"))
        #expect(text.contains("<4 bytes redacted>"))
        // The header is still there for whoever debugs.
        #expect(text.contains("ins: \(ins)"))
    }

    @Test("dump of a command without a secret shows its data")
    func plainCommand() throws {
        let command = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0xD3, 0x92, 0xF0])
        #expect(Self.dumped(command).contains("D392F0"))
    }

    @Test("dump of a response never shows the data, only its length and the status word")
    func response() {
        let name = Array("山田太郎".utf8)
        let response = ResponseAPDU(data: name, statusWord: .success)
        let text = Self.dumped(response)
        #expect(!text.contains("229"), "\(text)")  // the first byte of 山, as a dumped array would show it
        #expect(text.contains("<\(name.count) bytes redacted>"))
        #expect(text.contains("90") || text.contains("9000"))
        // Nested in other values too.
        #expect(Self.dumped([response]).contains("redacted"))
    }
}
