import Testing
@testable import MynaCodec

@Suite("ResponseAPDU")
struct ResponseAPDUTests {
    @Test(arguments: ["", "90", "6A"])
    func fewerThanTwoBytesIsMissingStatusWord(_ hex: String) {
        let input = bytes(hex)
        let error = expectCodecError(.missingStatusWord) { () throws(CodecError) in
            try ResponseAPDU(decoding: input)
        }
        #expect(error?.reason.contains("got \(input.count)") == true)
    }

    @Test func emptySlicesAtAnOffsetAreMissingStatusWord() {
        let buffer: [UInt8] = [0x01, 0x02, 0x90, 0x00]
        expectCodecError(.missingStatusWord) { () throws(CodecError) in try ResponseAPDU(decoding: buffer[4...]) }
        expectCodecError(.missingStatusWord) { () throws(CodecError) in try ResponseAPDU(decoding: buffer[3...]) }
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        let hex: String
        let data: String
        let statusWord: UInt16
        var testDescription: String { hex }
    }

    static let vectors: [Vector] = [
        Vector(hex: "90 00", data: "", statusWord: 0x9000),
        Vector(hex: "6A 82", data: "", statusWord: 0x6A82),
        Vector(hex: "63 C3", data: "", statusWord: 0x63C3),
        Vector(hex: "12 34", data: "", statusWord: 0x1234),
        Vector(hex: "8F 8F 00 90 00", data: "8F 8F 00", statusWord: 0x9000),
        Vector(hex: "00 90 00", data: "00", statusWord: 0x9000),
        Vector(hex: "90 00 90 00", data: "90 00", statusWord: 0x9000),
        Vector(hex: "01 02 03 62 82", data: "01 02 03", statusWord: 0x6282),
        Vector(hex: "FF FF FF FF", data: "FF FF", statusWord: 0xFFFF),
    ]

    @Test(arguments: vectors)
    func decodesDataAndStatusWord(_ vector: Vector) throws {
        let wire = bytes(vector.hex)
        let response = try ResponseAPDU(decoding: wire)
        #expect(response.data == bytes(vector.data))
        #expect(response.statusWord == StatusWord(vector.statusWord))
        #expect(response.statusWord.rawValue == vector.statusWord)
        #expect(response.encoded() == wire)
        #expect(response == ResponseAPDU(data: bytes(vector.data), statusWord: StatusWord(vector.statusWord)))
    }

    @Test(arguments: vectors)
    func decodesFromSlicesWithNonZeroStartIndex(_ vector: Vector) throws {
        let framed: [UInt8] = [0xAA, 0xBB, 0xCC] + bytes(vector.hex) + [0xDD]
        let slice = framed[3..<(framed.count - 1)]
        #expect(slice.startIndex == 3)
        let response = try ResponseAPDU(decoding: slice)
        #expect(response.data == bytes(vector.data))
        #expect(response.statusWord.rawValue == vector.statusWord)

        let tail = try ResponseAPDU(decoding: framed[3...].dropLast())
        #expect(tail == response)
    }

    @Test func decodesNonArrayCollections() throws {
        let response = try ResponseAPDU(decoding: [0x01, 0x02, 0x90, 0x00].reversed())
        #expect(response.data == [0x00, 0x90])
        #expect(response.statusWord.rawValue == 0x0201)
    }

    @Test func largeResponsesKeepEveryByte() throws {
        let data = pattern(65536)
        let response = try ResponseAPDU(decoding: data + [0x90, 0x00])
        #expect(response.data == data)
        #expect(response.statusWord.isSuccess)
        #expect(response.encoded().count == 65538)
    }

    @Test func randomResponsesRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5E5B_0A5E)
        for _ in 0..<500 {
            let wire = rng.bytes(rng.int(2...300))
            let response = try ResponseAPDU(decoding: wire)
            #expect(response.encoded() == wire)
            #expect(response.data.count == wire.count - 2)
        }
    }

    @Test func defaultDataIsEmpty() {
        let response = ResponseAPDU(statusWord: .success)
        #expect(response.data.isEmpty)
        #expect(response.encoded() == [0x90, 0x00])
    }

    /// The description gives the status word and the data length, never the data: responses carry
    /// personal data (name, address, number).
    @Test func descriptionNeverShowsData() throws {
        let number = Array("123456789012".utf8)
        let response = try ResponseAPDU(decoding: bytes("FF 10 0C") + number + bytes("FF FF 90 00"))
        let text = response.description
        #expect(text == "17 bytes, SW 9000 (normal processing)")
        #expect(!text.contains("123456789012"))
        #expect(!text.contains(Hex.encode(number)))
        #expect(ResponseAPDU(statusWord: StatusWord(0x6A82)).description == "SW 6A82 (file or application not found)")
    }
}
