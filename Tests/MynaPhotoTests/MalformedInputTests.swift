import Testing
@testable import MynaPhoto

/// Hostile and broken inputs: every one must end in a typed error, never a crash or a partial image.
@Suite("JPEG 2000 malformed input")
struct MalformedInputTests {
    /// Runs the decoder and returns the error code, or records an issue if it unexpectedly succeeds.
    private func failure(
        _ bytes: [UInt8], decoder: JPEG2000Decoder = JPEG2000Decoder(), sourceLocation: SourceLocation = #_sourceLocation
    ) -> PhotoError.Code? {
        do {
            let image = try decoder.decode(bytes)
            Issue.record("decoded \(image) from bad input", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
            return error.code
        }
    }

    /// A minimal codestream main header: SOC, then SIZ for the given fields (no tiles follow).
    private func codestreamHeader(
        width: UInt32, height: UInt32, tile: UInt32 = 0, components: [UInt8] = [7]
    ) -> [UInt8] {
        func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        let tileSize = tile == 0 ? max(width, height) : tile
        var bytes: [UInt8] = [0xFF, 0x4F, 0xFF, 0x51]
        let length = 38 + 3 * components.count
        bytes += [UInt8(length >> 8), UInt8(length & 0xFF), 0x00, 0x00]
        bytes += be32(width) + be32(height) + be32(0) + be32(0) + be32(tileSize) + be32(tileSize) + be32(0) + be32(0)
        bytes += [UInt8(components.count >> 8), UInt8(components.count & 0xFF)]
        for ssiz in components { bytes += [ssiz, 1, 1] }
        return bytes
    }

    @Test("Empty input")
    func empty() {
        #expect(failure([]) == .empty)
        #expect(throws: PhotoError.empty()) { try JPEG2000Decoder.decode(ArraySlice<UInt8>()) }
    }

    @Test("A JP2 cut at every possible point is reported truncated",
          arguments: ["card-photo.jp2", "card-photo-tiled.jp2", "card-photo-lossless.j2k"])
    func truncatedEverywhere(name: String) throws {
        let bytes = try Fixture.bytes(name)
        for cut in 1..<bytes.count {
            let code = failure(Array(bytes[..<cut]))
            #expect(code == .truncated, "cut at \(cut) of \(bytes.count)")
        }
    }

    @Test("Cutting only the final EOC, or adding bytes after it, is an error")
    func endOfCodestream() throws {
        let bytes = try Fixture.bytes("card-photo-lossless.j2k")
        #expect(Array(bytes.suffix(2)) == [0xFF, 0xD9])
        #expect(failure(Array(bytes.dropLast(2))) == .truncated)
        #expect(failure(bytes + [0x00]) == .malformed)
        #expect(failure(bytes + [0xFF, 0xD9]) == .malformed)
    }

    @Test("OpenJPEG's strict mode rejects cut tile data even with the structural walk bypassed")
    func strictModeAlone() throws {
        let bytes = try Fixture.bytes("card-photo-lossless.j2k")
        let structure = try JPEG2000Structure.parse(bytes, limits: .default)
        for cut in stride(from: 200, to: bytes.count - 2, by: 97) {
            // Tile data cut short but the codestream still ends in EOC, so only OpenJPEG can notice.
            let damaged = Array(bytes[..<cut]) + [0xFF, 0xD9]
            var bypassed = structure
            bypassed.codestream = 0..<damaged.count
            #expect(throws: PhotoError.decodeFailed("")) {
                try OpenJPEGDecoding.decode(damaged, structure: bypassed)
            }
        }
    }

    @Test("Random bytes are not recognised")
    func randomBytes() {
        var generator = SplitMix64(seed: 0x4D59_4E41)
        for _ in 0..<200 {
            let count = Int.random(in: 1...600, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(failure(bytes) == .unrecognizedFormat)
        }
    }

    @Test("A valid signature followed by random bytes is an error")
    func signatureThenNoise() {
        var generator = SplitMix64(seed: 7)
        let prefixes = [JPEG2000Structure.jp2Signature, JPEG2000Structure.codestreamStart]
        for prefix in prefixes {
            for _ in 0..<200 {
                let count = Int.random(in: 0...400, using: &generator)
                let bytes = prefix + (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                #expect(failure(bytes) != nil)
            }
        }
    }

    @Test("Wrong magic numbers", arguments: [
        [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x21, 0x0D, 0x0A, 0x87, 0x0A, 0, 0, 0, 0],  // 'jP !'
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],  // PNG
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46],  // JPEG
        [0xFF, 0x4F, 0xFF, 0x52, 0x00, 0x29],  // SOC then COD instead of SIZ
        [0x4F, 0xFF, 0x51, 0xFF],
    ] as [[UInt8]])
    func wrongMagic(bytes: [UInt8]) {
        #expect(failure(bytes) == .unrecognizedFormat)
    }

    @Test("A JP2 whose signature box is damaged is not recognised")
    func damagedJP2Signature() throws {
        var bytes = try Fixture.bytes("card-photo.jp2")
        bytes[10] = 0x00
        #expect(failure(bytes) == .unrecognizedFormat)
    }

    @Test("Huge declared dimensions are refused before decoding", arguments: [
        (UInt32(4097), UInt32(10)), (10, 4097), (100_000, 100_000), (0xFFFF_FFFF, 0xFFFF_FFFF),
    ])
    func hugeDimensions(width: UInt32, height: UInt32) throws {
        #expect(failure(codestreamHeader(width: width, height: height)) == .dimensionsTooLarge)

        // The same in a real file: patch SIZ Xsiz/Ysiz of the raw codestream.
        var bytes = try Fixture.bytes("card-photo-lossless.j2k")
        for index in 0..<4 {
            bytes[8 + index] = UInt8(truncatingIfNeeded: width >> (24 - 8 * index))
            bytes[12 + index] = UInt8(truncatingIfNeeded: height >> (24 - 8 * index))
        }
        #expect(failure(bytes) == .dimensionsTooLarge)
    }

    @Test("Huge dimensions in the JP2 image header box are refused")
    func hugeImageHeader() throws {
        var bytes = try Fixture.bytes("card-photo.jp2")
        let ihdr = try #require(bytes.firstRange(of: Array("ihdr".utf8))).upperBound
        bytes.replaceSubrange(ihdr..<(ihdr + 8), with: [0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00])
        #expect(failure(bytes) == .dimensionsTooLarge)
    }

    @Test("An image header box that disagrees with SIZ is malformed")
    func inconsistentImageHeader() throws {
        var bytes = try Fixture.bytes("card-photo.jp2")
        let ihdr = try #require(bytes.firstRange(of: Array("ihdr".utf8))).upperBound
        bytes[ihdr + 3] = 111  // height 111 instead of 110
        #expect(failure(bytes) == .malformed)
    }

    @Test("The decoder's own limits apply")
    func customLimits() throws {
        let small = JPEG2000Decoder(limits: .init(maximumWidth: 64, maximumHeight: 64, maximumTileCount: 1))
        #expect(failure(try Fixture.bytes("card-photo.jp2"), decoder: small) == .dimensionsTooLarge)
        let fewTiles = JPEG2000Decoder(limits: .init(maximumWidth: 4096, maximumHeight: 4096, maximumTileCount: 4))
        #expect(failure(try Fixture.bytes("card-photo-tiled.jp2"), decoder: fewTiles) == .tooManyTiles)
        #expect(try fewTiles.decode(Fixture.bytes("card-photo.jp2")).width == 90)
    }

    @Test("Too many tiles, too many components, too deep samples")
    func declaredLimits() {
        #expect(failure(codestreamHeader(width: 1000, height: 1000, tile: 1)) == .tooManyTiles)
        #expect(failure(codestreamHeader(width: 90, height: 110, components: [7, 7, 7, 7, 7])) == .unsupported)
        #expect(failure(codestreamHeader(width: 90, height: 110, components: [19])) == .unsupported)
        #expect(failure(codestreamHeader(width: 90, height: 110, components: [0x7F])) == .malformed)
        #expect(failure(codestreamHeader(width: 0, height: 110)) == .malformed)
        #expect(failure(codestreamHeader(width: 90, height: 110, components: [])) == .malformed)
        // A complete SIZ but no tile-parts: the data ends in the main header.
        #expect(failure(codestreamHeader(width: 90, height: 110)) == .truncated)
        #expect(failure(codestreamHeader(width: 90, height: 110) + [0xFF, 0xD9]) == .malformed)
    }

    @Test("Malformed JP2 boxes")
    func malformedBoxes() {
        let signature = JPEG2000Structure.jp2Signature
        // A box shorter than its own header.
        #expect(failure(signature + [0x00, 0x00, 0x00, 0x04, 0x66, 0x74, 0x79, 0x70]) == .malformed)
        // A box longer than the data.
        #expect(failure(signature + [0x00, 0x00, 0x10, 0x00, 0x66, 0x74, 0x79, 0x70, 0x00]) == .truncated)
        // An extended length below 16, and one beyond the data.
        #expect(failure(signature + [0, 0, 0, 1, 0x6A, 0x70, 0x32, 0x63] + [0, 0, 0, 0, 0, 0, 0, 8]) == .malformed)
        #expect(failure(signature + [0, 0, 0, 1, 0x6A, 0x70, 0x32, 0x63] + [0xFF, 0, 0, 0, 0, 0, 0, 0]) == .truncated)
        // A codestream box that holds no codestream.
        #expect(failure(signature + [0, 0, 0, 12, 0x6A, 0x70, 0x32, 0x63, 1, 2, 3, 4]) == .malformed)
        // Only the signature box.
        #expect(failure(signature) == .truncated)
    }

    @Test("Random damage to real files never crashes and never yields an inconsistent image",
          arguments: ["card-photo.jp2", "card-photo-lossless.j2k", "card-photo-tiled.jp2", "colour.jp2", "deep.jp2"])
    func mutations(name: String) throws {
        let original = try Fixture.bytes(name)
        var generator = SplitMix64(seed: UInt64(original.count))
        var errors = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                // Entropy-coded data has no checksum, so some damage decodes to a different picture; it must
                // still be a whole, consistent one.
                let image = try JPEG2000Decoder.decode(bytes)
                #expect(image.pixels.count == image.width * image.height)
                #expect(image.width <= 4096 && image.height <= 4096)
            } catch {
                errors += 1
            }
        }
        #expect(errors > 0)
    }
}
