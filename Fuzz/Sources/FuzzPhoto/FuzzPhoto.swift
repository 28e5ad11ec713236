import Foundation
import FuzzSupport
@testable import MynaPhoto
@testable import MynaSimulator

// The card photo decoder (EF 0002's DF27, JPEG 2000): the structural walk and OpenJPEG behind it, with the
// default limits. Run it with -rss_limit_mb so that an input making OpenJPEG allocate too much counts as
// a crash (Scripts/fuzz passes -rss_limit_mb=256 for this target).

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzInput.writeSeedsIfAsked {
        var seeds: [[UInt8]] = []
        if let photo = Data(base64Encoded: PhotoFixture.jp2Base64, options: .ignoreUnknownCharacters) {
            seeds.append(Array(photo))
        }
        // The decoder's test fixtures: tiled, lossless raw codestream, colour, 16-bit (run from the repository).
        for name in ["card-photo.jp2", "card-photo-tiled.jp2", "card-photo-lossless.j2k", "colour.jp2", "deep.jp2"] {
            if let bytes = FileManager.default.contents(atPath: "Tests/MynaPhotoTests/Fixtures/\(name)") {
                seeds.append(Array(bytes))
            }
        }
        return seeds
    }
    return 0
}

/// Limits as wide as the types allow: only the structural walk runs with these (never OpenJPEG), so that
/// its arithmetic is fuzzed where the default limits would stop an input early.
let unlimited = JPEG2000Decoder.Limits(
    maximumWidth: .max, maximumHeight: .max, maximumTileCount: .max, maximumSampleCount: .max)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let limits = JPEG2000Decoder.Limits.default
    if let structure = try? JPEG2000Structure.parse(bytes, limits: limits) {
        FuzzInput.require(structure.width <= limits.maximumWidth && structure.height <= limits.maximumHeight,
            "the walk keeps the dimensions within the limits")
        FuzzInput.require(structure.tileCount <= limits.maximumTileCount, "the walk keeps the tile count within the limit")
    }
    _ = try? JPEG2000Structure.parse(bytes, limits: unlimited)
    do {
        let image = try JPEG2000Decoder.decode(bytes)
        FuzzInput.require(image.width >= 1 && image.height >= 1, "a decoded image is not empty")
        FuzzInput.require(image.width <= limits.maximumWidth && image.height <= limits.maximumHeight,
            "a decoded image is within the limits")
        FuzzInput.require(image.pixels.count == image.width * image.height, "a decoded image is whole")
    } catch {
        FuzzInput.require(!error.reason.isEmpty, "an error says why")
    }
    return 0
}

@_cdecl("FuzzPhoto_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzInput.runDriver(argc, argv, fuzz)
}
