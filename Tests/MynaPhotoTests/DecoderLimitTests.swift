import Testing
@testable import MynaPhoto

/// The limits that bound what OpenJPEG may allocate: tight defaults for card photos, a total-sample cap,
/// and arithmetic that cannot overflow however wide the limits are set.
@Suite("JPEG 2000 decoder limits")
struct DecoderLimitTests {
    /// SOC, then SIZ for the given fields; no tiles follow.
    static func header(
        width: UInt32, height: UInt32, tile: UInt32, components: [UInt8] = [7], subsampling: UInt8 = 1
    ) -> [UInt8] {
        func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        var bytes: [UInt8] = [0xFF, 0x4F, 0xFF, 0x51]
        let length = 38 + 3 * components.count
        bytes += [UInt8(length >> 8), UInt8(length & 0xFF), 0x00, 0x00]
        bytes += be32(width) + be32(height) + be32(0) + be32(0) + be32(tile) + be32(tile) + be32(0) + be32(0)
        bytes += [UInt8(components.count >> 8), UInt8(components.count & 0xFF)]
        for ssiz in components { bytes += [ssiz, subsampling, subsampling] }
        return bytes
    }

    static let unlimited = JPEG2000Decoder.Limits(
        maximumWidth: .max, maximumHeight: .max, maximumTileCount: .max, maximumSampleCount: .max)

    static func code(_ bytes: [UInt8], _ limits: JPEG2000Decoder.Limits) -> PhotoError.Code? {
        do {
            _ = try JPEG2000Structure.parse(bytes, limits: limits)
            return nil
        } catch {
            return error.code
        }
    }

    @Test("Widened limits: a 2^32 × 2^32 grid of 1-pixel tiles is refused, not an overflow trap")
    func tileCountOverflow() {
        let bytes = Self.header(width: .max, height: .max, tile: 1)
        #expect(Self.code(bytes, Self.unlimited) == .tooManyTiles)
        let wide = JPEG2000Decoder.Limits(maximumWidth: .max, maximumHeight: .max, maximumTileCount: 1 << 40)
        #expect(Self.code(bytes, wide) == .tooManyTiles)
    }

    @Test("The default limits fit a card photo and refuse what would make OpenJPEG allocate hundreds of MiB")
    func tightDefaults() throws {
        let limits = JPEG2000Decoder.Limits.default
        #expect(limits.maximumWidth <= 1024 && limits.maximumHeight <= 1024)
        #expect(limits.maximumTileCount <= 64)
        // 4 bytes per sample in OpenJPEG: at most a few MiB for the whole image.
        #expect(limits.maximumSampleCount * 4 <= 8 << 20)
        // A 100-byte header declaring 4096 × 4096 × 4 components (256 MiB of samples), one tile: refused.
        let huge = Self.header(width: 4096, height: 4096, tile: 4096, components: [7, 7, 7, 7])
        #expect(huge.count < 100)
        #expect(Self.code(huge, limits) == .dimensionsTooLarge)
        // Within width and height but over the sample cap: 1024 × 1024 × 4 components.
        #expect(Self.code(Self.header(width: 1024, height: 1024, tile: 1024, components: [7, 7, 7, 7]), limits) == .dimensionsTooLarge)
        // The card photo and the fixtures still decode.
        for name in ["card-photo.jp2", "card-photo-tiled.jp2", "card-photo-lossless.j2k", "colour.jp2", "deep.jp2"] {
            _ = try JPEG2000Decoder.decode(Fixture.bytes(name))
        }
    }

    @Test("Subsampled components count at their own resolution")
    func subsampling() {
        let limits = JPEG2000Decoder.Limits(
            maximumWidth: 1024, maximumHeight: 1024, maximumTileCount: 1, maximumSampleCount: 1024 * 1024)
        // Two components subsampled 2 × 2: 2 × 512 × 512 samples fit; at full resolution they would not.
        let bytes = Self.header(width: 1024, height: 1024, tile: 1024, components: [7, 7], subsampling: 2)
        #expect(Self.code(bytes, limits) == .truncated)  // past the limits; the data ends in the main header
        let full = Self.header(width: 1024, height: 1024, tile: 1024, components: [7, 7], subsampling: 1)
        #expect(Self.code(full, limits) == .dimensionsTooLarge)
    }

    @Test("The three-argument limits derive a sample cap from the dimensions, without overflow")
    func derivedSampleCap() {
        #expect(JPEG2000Decoder.Limits(maximumWidth: 64, maximumHeight: 32, maximumTileCount: 1).maximumSampleCount == 64 * 32 * 4)
        #expect(JPEG2000Decoder.Limits(maximumWidth: .max, maximumHeight: 2, maximumTileCount: 1).maximumSampleCount == .max)
    }
}
