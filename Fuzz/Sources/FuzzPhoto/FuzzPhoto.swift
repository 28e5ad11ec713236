#if canImport(Glibc)
import Glibc
#endif
@testable import MynaPhoto

// The card photo decoder (EF 0002's DF27, JPEG 2000): the structural walk and OpenJPEG behind it, with the
// default limits. Scripts/fuzz runs it with -rss_limit_mb and -malloc_limit_mb, so that an input making
// OpenJPEG allocate too much counts as a crash. It depends on MynaPhoto only (no FuzzSupport, no simulator),
// so it builds in a minute; its seeds are the decoder's test fixtures (the card photo among them).

/// The seeds: the decoder's test fixtures, read from the repository (Scripts/fuzz runs from its root).
let seedFiles = ["card-photo.jp2", "card-photo-tiled.jp2", "card-photo-lossless.j2k", "colour.jp2", "deep.jp2"]

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    guard let directory = getenv("MYNA_FUZZ_WRITE_SEEDS").map({ String(cString: $0) }), !directory.isEmpty else {
        return 0
    }
    mkdir(directory, 0o755)
    for name in seedFiles {
        guard let input = fopen("Tests/MynaPhotoTests/Fixtures/\(name)", "rb"),
            let output = fopen("\(directory)/seed-\(name)", "wb")
        else {
            print("cannot copy the seed \(name)")
            exit(1)
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, input)
            if count == 0 { break }
            fwrite(buffer, 1, count, output)
        }
        fclose(input)
        fclose(output)
    }
    print("wrote \(seedFiles.count) seeds to \(directory)")
    exit(0)
}

/// Limits as wide as the types allow: only the structural walk runs with these (never OpenJPEG), so that
/// its arithmetic is fuzzed where the default limits would stop an input early.
let unlimited = JPEG2000Decoder.Limits(
    maximumWidth: .max, maximumHeight: .max, maximumTileCount: .max, maximumSampleCount: .max)

/// Stops the process (a crash for libFuzzer) when an invariant does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant violated: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes: [UInt8] = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let limits = JPEG2000Decoder.Limits.default
    if let structure = try? JPEG2000Structure.parse(bytes, limits: limits) {
        require(structure.width <= limits.maximumWidth && structure.height <= limits.maximumHeight,
            "the walk keeps the dimensions within the limits")
        require(structure.tileCount <= limits.maximumTileCount, "the walk keeps the tile count within the limit")
    }
    _ = try? JPEG2000Structure.parse(bytes, limits: unlimited)
    do {
        let image = try JPEG2000Decoder.decode(bytes)
        require(image.width >= 1 && image.height >= 1, "a decoded image is not empty")
        require(image.width <= limits.maximumWidth && image.height <= limits.maximumHeight,
            "a decoded image is within the limits")
        require(image.pixels.count == image.width * image.height, "a decoded image is whole")
    } catch {
        require(!error.reason.isEmpty, "an error says why")
    }
    return 0
}

/// What libFuzzer calls for each input.
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

@_cdecl("FuzzPhoto_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzz)
}
