import Testing
@testable import MynaPhoto

@Suite("JPEG 2000 decoding")
struct JPEG2000DecoderTests {
    @Test("The lossy card-photo JP2 decodes to its source within tolerance")
    func lossyPhoto() throws {
        let source = try PortableAnyMap(Fixture.bytes("card-photo.pgm"))
        let image = try JPEG2000Decoder.decode(Fixture.bytes("card-photo.jp2"))
        #expect(image.width == 90)
        #expect(image.height == 110)
        #expect(image.pixels.count == 90 * 110)
        let errors = zip(image.pixels, source.samples).map { abs(Int($0) - $1) }
        let meanError = Double(errors.reduce(0, +)) / Double(errors.count)
        #expect(meanError < 2)
        #expect(errors.max() ?? 255 <= 24)
        // Points inside flat or smooth areas: background corner, face, dark dot, the flat 77 block.
        for (x, y) in [(2, 2), (45, 30), (37, 40), (45, 100), (85, 80)] {
            let decoded = try #require(image.pixel(x: x, y: y))
            #expect(abs(Int(decoded) - source.samples[y * 90 + x]) <= 4, "pixel (\(x), \(y))")
        }
    }

    @Test("The lossless raw J2K codestream and the tiled JP2 decode exactly",
          arguments: ["card-photo-lossless.j2k", "card-photo-tiled.jp2"])
    func losslessPhoto(name: String) throws {
        let source = try PortableAnyMap(Fixture.bytes("card-photo.pgm"))
        let image = try JPEG2000Decoder.decode(Fixture.bytes(name))
        #expect(image.width == 90 && image.height == 110)
        #expect(image.pixels.map(Int.init) == source.samples)
    }

    @Test("RGB input becomes BT.601 luma")
    func colourToGrey() throws {
        let source = try PortableAnyMap(Fixture.bytes("colour.ppm"))
        let image = try JPEG2000Decoder.decode(Fixture.bytes("colour.jp2"))
        #expect(image.width == 16 && image.height == 12)
        let expected = (0..<(16 * 12)).map { index in
            let red = source.samples[3 * index], green = source.samples[3 * index + 1]
            let blue = source.samples[3 * index + 2]
            return UInt8((77 * red + 150 * green + 29 * blue + 128) >> 8)
        }
        #expect(image.pixels == expected)
        #expect(image.pixel(x: 0, y: 0) == 77)  // pure red
        #expect(image.pixel(x: 15, y: 0) == 149)  // pure green
        #expect(image.pixel(x: 0, y: 11) == 29)  // pure blue
    }

    @Test("16-bit samples are rescaled to 8 bits")
    func deepSamples() throws {
        let source = try PortableAnyMap(Fixture.bytes("deep.pgm"))
        #expect(source.maximum == 65535)
        let image = try JPEG2000Decoder.decode(Fixture.bytes("deep.jp2"))
        #expect(image.width == 8 && image.height == 6)
        #expect(image.pixels == source.samples.map { UInt8(($0 * 255 + 32767) / 65535) })
        #expect(image.pixels.first == 0 && image.pixels.last == 255)
    }

    @Test("The decoder accepts any collection of bytes")
    func collections() throws {
        let bytes = try Fixture.bytes("card-photo.jp2")
        let fromArray = try JPEG2000Decoder.decode(bytes)
        let fromSlice = try JPEG2000Decoder.decode(([0xAA] + bytes)[1...])
        let fromSequence = try JPEG2000Decoder.decode(AnyCollection(bytes))
        #expect(fromArray == fromSlice && fromArray == fromSequence)
    }

    @Test("The description and mirror show the size only")
    func redaction() throws {
        let image = try JPEG2000Decoder.decode(Fixture.bytes("card-photo.jp2"))
        #expect(String(describing: image) == "GreyscaleImage(90×110)")
        #expect(String(reflecting: image) == "GreyscaleImage(90×110)")
        var dumped = ""
        dump(image, to: &dumped)
        #expect(!dumped.contains("pixels"))
        #expect(dumped.count < 200)
    }
}
