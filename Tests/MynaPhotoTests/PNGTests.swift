import CZlib
import Testing
@testable import MynaPhoto

@Suite("PNG encoding and header reading")
struct PNGTests {
    static func image(_ width: Int, _ height: Int, _ value: (Int, Int) -> Int) throws -> GreyscaleImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels.append(UInt8(truncatingIfNeeded: value(x, y))) }
        }
        return try GreyscaleImage(width: width, height: height, pixels: pixels)
    }

    static let shapes: [(String, GreyscaleImage)] = {
        var generator = SplitMix64(seed: 99)
        let noise = (0..<(300 * 300)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return [
            ("1×1", try? image(1, 1) { _, _ in 200 }),
            ("1 wide", try? image(1, 40) { _, y in y * 6 }),
            ("1 tall", try? image(40, 1) { x, _ in x * 6 }),
            ("flat", try? image(33, 17) { _, _ in 77 }),
            ("horizontal ramp", try? image(64, 8) { x, _ in x * 4 }),
            ("vertical ramp", try? image(8, 64) { _, y in y * 4 }),
            ("diagonal", try? image(50, 50) { x, y in x * 3 + y * 2 }),
            ("checker", try? image(31, 29) { x, y in (x + y) % 2 == 0 ? 0 : 255 }),
            ("noise, several IDAT chunks", try? GreyscaleImage(width: 300, height: 300, pixels: noise)),
        ].compactMap { name, image in image.map { (name, $0) } }
    }()

    @Test("Encoded images decode to the same pixels with an independent decoder",
          arguments: shapes.map(\.0))
    func roundTrip(name: String) throws {
        let image = try #require(Self.shapes.first { $0.0 == name }?.1)
        let png = PNGEncoder.encode(image)

        let info = try PNGInfo.read(png)
        #expect(info == PNGInfo(width: image.width, height: image.height, bitDepth: 8, colourType: .greyscale,
                                isInterlaced: false))

        let decoded = try ReferencePNGDecoder(png)
        #expect(decoded.width == image.width && decoded.height == image.height)
        #expect(decoded.bitDepth == 8 && decoded.colourType == 0)
        #expect(decoded.samples == image.pixels)
        #expect(decoded.chunkTypes.first == "IHDR" && decoded.chunkTypes.last == "IEND")
        #expect(Set(decoded.chunkTypes) == ["IHDR", "IDAT", "IEND"])
    }

    @Test("The decoded card photo survives PNG exactly, compressed, in several IDAT chunks when large")
    func photoRoundTrip() throws {
        let photo = try JPEG2000Decoder.decode(Fixture.bytes("card-photo.jp2"))
        let png = PNGEncoder.encode(photo)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count < photo.pixels.count)  // zlib did compress
        #expect(try ReferencePNGDecoder(png).samples == photo.pixels)

        let noisy = try #require(Self.shapes.last?.1)
        let chunks = try ReferencePNGDecoder(PNGEncoder.encode(noisy)).chunkTypes
        #expect(chunks.filter { $0 == "IDAT" }.count >= 2)
    }

    @Test("Row filters are chosen per row: a ramp across uses Sub, repeated rows use Up")
    func filterChoice() throws {
        let across = PNGEncoder.filteredRows(try Self.image(16, 1) { x, _ in 10 + x * 5 })
        #expect(across == [1, 10] + [UInt8](repeating: 5, count: 15))
        let down = PNGEncoder.filteredRows(try Self.image(16, 4) { x, y in (x * 37) % 256 + y })
        #expect(down[0] != 2)
        #expect(stride(from: 17, to: down.count, by: 17).allSatisfy { down[$0] == 2 })
        #expect(PNGEncoder.paeth(10, 20, 10) == 20 && PNGEncoder.paeth(20, 10, 10) == 20)
        #expect(PNGEncoder.paeth(5, 5, 5) == 5 && PNGEncoder.paeth(0, 100, 90) == 0)
    }

    @Test("The stored-block fallback is a valid zlib stream", arguments: [0, 1, 1000, 65535, 65536, 200_000])
    func storedBlocks(count: Int) throws {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 300) }
        let stream = Zlib.stored(data)
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0)
        var output = [UInt8](repeating: 0, count: max(count, 1))
        var length = uLongf(count)
        let status = output.withUnsafeMutableBufferPointer { out in
            stream.withUnsafeBufferPointer { uncompress(out.baseAddress, &length, $0.baseAddress, uLong($0.count)) }
        }
        #expect(status == Z_OK)
        #expect(Int(length) == count)
        #expect(Array(output.prefix(count)) == data)
        #expect(Zlib.compress(data).count <= stream.count)
    }

    @Test("CRC-32 and Adler-32 match published check values")
    func checksums() {
        let check = Array("123456789".utf8)
        #expect(Zlib.crc32(check) == 0xCBF4_3926)
        #expect(Zlib.crc32(Array(check[0..<4]), Array(check[4...])) == 0xCBF4_3926)
        #expect(Zlib.adler32(check) == 0x091E_01DE)
        #expect(Zlib.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test("Card-like PNGs: a 1-bit name image and the 24×12 security-code image")
    func cardImages() throws {
        let name = HandmadePNG.oneBit(width: 200, height: 24) { x, y in (x / 5 + y / 3) % 3 == 0 }
        #expect(try PNGInfo.read(name) == PNGInfo(width: 200, height: 24, bitDepth: 1, colourType: .greyscale,
                                                  isInterlaced: false))
        let decoded = try ReferencePNGDecoder(name)
        #expect(decoded.samples[0] == 0 && decoded.samples[5] == 255)

        let code = HandmadePNG.oneBit(width: 24, height: 12) { x, _ in x % 6 < 3 }
        let info = try PNGInfo.read(code)
        #expect(info.width == 24 && info.height == 12 && info.bitDepth == 1)
    }

    @Test("PNGInfo rejects damaged and malformed files")
    func invalidFiles() throws {
        let good = PNGEncoder.encode(try Self.image(5, 4) { x, y in x * y * 10 })
        let signature = Array(good[0..<8])
        let ihdr = HandmadePNG.chunk("IHDR", HandmadePNG.be32(5) + HandmadePNG.be32(4) + [8, 0, 0, 0, 0])
        let idat = HandmadePNG.chunk("IDAT", HandmadePNG.deflate([0, 1, 2, 3, 4, 5]))
        let iend = HandmadePNG.chunk("IEND", [])

        #expect(throws: PhotoError.empty()) { try PNGInfo.read([]) }
        #expect(try PNGInfo.read(signature + ihdr + idat + iend).width == 5)

        let invalid: [(String, [UInt8])] = [
            ("no signature", Array(good.dropFirst())),
            ("JPEG 2000 instead", try Fixture.bytes("card-photo.jp2")),
            ("CRC damaged", Array(good[0..<29]) + [good[29] ^ 1] + Array(good[30...])),
            ("trailing bytes", good + [0]),
            ("no IEND", signature + ihdr + idat),
            ("no IDAT", signature + ihdr + iend),
            ("IHDR not first", signature + idat + ihdr + iend),
            ("two IHDR", signature + ihdr + ihdr + idat + iend),
            ("short IHDR", signature + HandmadePNG.chunk("IHDR", [0, 0, 0, 5]) + idat + iend),
            ("zero width", signature + HandmadePNG.chunk("IHDR", HandmadePNG.be32(0) + HandmadePNG.be32(4) + [8, 0, 0, 0, 0]) + idat + iend),
            ("greyscale depth 3", signature + HandmadePNG.chunk("IHDR", HandmadePNG.be32(5) + HandmadePNG.be32(4) + [3, 0, 0, 0, 0]) + idat + iend),
            ("RGB depth 1", signature + HandmadePNG.chunk("IHDR", HandmadePNG.be32(5) + HandmadePNG.be32(4) + [1, 2, 0, 0, 0]) + idat + iend),
            ("colour type 5", signature + HandmadePNG.chunk("IHDR", HandmadePNG.be32(5) + HandmadePNG.be32(4) + [8, 5, 0, 0, 0]) + idat + iend),
            ("interlace 2", signature + HandmadePNG.chunk("IHDR", HandmadePNG.be32(5) + HandmadePNG.be32(4) + [8, 0, 0, 0, 2]) + idat + iend),
            ("indexed without PLTE", signature + HandmadePNG.chunk("IHDR", HandmadePNG.be32(5) + HandmadePNG.be32(4) + [8, 3, 0, 0, 0]) + idat + iend),
            ("PLTE in greyscale", signature + ihdr + HandmadePNG.chunk("PLTE", [0, 0, 0]) + idat + iend),
            ("IDAT split by another chunk", signature + ihdr + idat + HandmadePNG.chunk("tEXt", Array("a\u{0}b".utf8)) + idat + iend),
            ("unknown critical chunk", signature + ihdr + HandmadePNG.chunk("ABCD", []) + idat + iend),
            ("IEND with data", signature + ihdr + idat + HandmadePNG.chunk("IEND", [0])),
            ("chunk type not letters", signature + ihdr + HandmadePNG.chunk("ab1d", []) + idat + iend),
            ("huge chunk length", signature + ihdr + [0x80, 0, 0, 0] + Array("IDAT".utf8)),
        ]
        for (name, bytes) in invalid {
            #expect(throws: PhotoError.invalidPNG(""), "\(name)") { try PNGInfo.read(bytes) }
        }
        // An unknown ancillary chunk is fine.
        #expect(try PNGInfo.read(signature + ihdr + HandmadePNG.chunk("tEXt", Array("a\u{0}b".utf8)) + idat + iend).height == 4)
        for cut in 1..<good.count {
            #expect(throws: PhotoError.invalidPNG(""), "cut at \(cut)") { try PNGInfo.read(good[..<cut]) }
        }
    }

    @Test("GreyscaleImage rejects inconsistent dimensions")
    func imageValidation() throws {
        #expect(throws: PhotoError.invalidImage("")) { try GreyscaleImage(width: 0, height: 1, pixels: []) }
        #expect(throws: PhotoError.invalidImage("")) { try GreyscaleImage(width: 2, height: 2, pixels: [1, 2, 3]) }
        #expect(throws: PhotoError.invalidImage("")) { try GreyscaleImage(width: -1, height: -1, pixels: [1]) }
        #expect(throws: PhotoError.invalidImage("")) {
            try GreyscaleImage(width: Int(Int32.max) + 1, height: 1, pixels: [])
        }
        #expect(throws: PhotoError.invalidImage("")) {
            try GreyscaleImage(width: Int(Int32.max), height: Int(Int32.max), pixels: [])
        }
        let image = try GreyscaleImage(width: 2, height: 1, pixels: [3, 4])
        #expect(image.pixel(x: 1, y: 0) == 4)
        #expect(image.pixel(x: 2, y: 0) == nil && image.pixel(x: 0, y: 1) == nil && image.pixel(x: -1, y: 0) == nil)
    }
}
