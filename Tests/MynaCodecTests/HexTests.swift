import Testing
@testable import MynaCodec

@Suite("Hex")
struct HexTests {
    @Test func encodesUpperCase() {
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode([0x00]) == "00")
        #expect(Hex.encode([0x00, 0x0F, 0xAB, 0xFF]) == "000FABFF")
        #expect(Hex.encode([0xD3, 0x92, 0xF0], separator: " ") == "D3 92 F0")
        #expect(Hex.encode([0xD3, 0x92, 0xF0], separator: ":") == "D3:92:F0")
        #expect(Hex.encode([0xD3], separator: " ") == "D3")
        #expect(Hex.encode([UInt8](), separator: " ") == "")
        #expect(Hex.encode([0x01, 0x02], separator: ", ") == "01, 02")
    }

    @Test func encodesAnySequence() {
        let all = Hex.encode(UInt8.min...UInt8.max)
        #expect(all.count == 512)
        #expect(all.hasPrefix("000102"))
        #expect(all.hasSuffix("FDFEFF"))
        #expect(Hex.encode([1, 2, 3, 4][1...2]) == "0203")
    }

    struct Decodable: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: [UInt8]
        var testDescription: String { text.debugDescription }
    }

    static let decodable: [Decodable] = [
        Decodable(text: "", expected: []),
        Decodable(text: "00", expected: [0x00]),
        Decodable(text: "00ff", expected: [0x00, 0xFF]),
        Decodable(text: "00FF", expected: [0x00, 0xFF]),
        Decodable(text: "aBcD", expected: [0xAB, 0xCD]),
        Decodable(text: "D3 92 F0", expected: [0xD3, 0x92, 0xF0]),
        Decodable(text: "D3:92:F0", expected: [0xD3, 0x92, 0xF0]),
        Decodable(text: "  D3\t92\nF0\r\n", expected: [0xD3, 0x92, 0xF0]),
        Decodable(text: "D3  ::  92", expected: [0xD3, 0x92]),
        Decodable(text: " ", expected: []),
        Decodable(text: "0123456789abcdefABCDEF", expected: [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xAB, 0xCD, 0xEF]),
    ]

    @Test(arguments: decodable)
    func decodes(_ vector: Decodable) throws {
        #expect(try Hex.decode(vector.text) == vector.expected)
        #expect(try Hex.decode(Substring("##" + vector.text).dropFirst(2)) == vector.expected)
    }

    @Test(arguments: ["0", "000", "0 0", "0:0", "0\n0", "0G", "G0", "0x00", "-1", "00 1", "é0", "00\u{0}", "１２", "00,01"])
    func rejectsMalformedText(_ text: String) {
        expectCodecError(.invalidValue) { () throws(CodecError) in try Hex.decode(text) }
    }

    @Test func errorReasonsAreSpecific() {
        #expect(expectCodecError(.invalidValue) { () throws(CodecError) in try Hex.decode("012") }?.reason == "odd number of hex digits")
        #expect(expectCodecError(.invalidValue) { () throws(CodecError) in try Hex.decode("0 1") }?.reason == "separator inside a hex byte")
        #expect(expectCodecError(.invalidValue) { () throws(CodecError) in try Hex.decode("zz") }?.reason == "not a hex digit")
    }

    @Test func randomBytesRoundTrip() throws {
        var rng = SplitMix64(seed: 0x4E7_0001)
        for _ in 0..<300 {
            let data = rng.bytes(rng.int(0...64))
            #expect(try Hex.decode(Hex.encode(data)) == data)
            #expect(try Hex.decode(Hex.encode(data, separator: " ")) == data)
            #expect(try Hex.decode(Hex.encode(data, separator: ":")) == data)
            #expect(try Hex.decode(Hex.encode(data).lowercased()) == data)
        }
    }
}
