#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The plumbing every fuzz target shares.
public enum FuzzInput {
    /// The bytes libFuzzer passes to `LLVMFuzzerTestOneInput`.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Stops the process (libFuzzer reports it as a crash and saves the input) when an invariant of the code
    /// under test does not hold. A parser that throws is fine; a parser that accepts input and then
    /// contradicts itself is a bug.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant violated: \(message())") }
    }

    /// Writes the seed corpus and exits when `MYNA_FUZZ_WRITE_SEEDS` names a directory; does nothing
    /// otherwise. Call it from `LLVMFuzzerInitialize`, which libFuzzer runs before it reads its corpus.
    public static func writeSeedsIfAsked(_ seeds: () -> [[UInt8]]) {
        guard let directory = getenv("MYNA_FUZZ_WRITE_SEEDS").map({ String(cString: $0) }), !directory.isEmpty else {
            return
        }
        mkdir(directory, 0o755)
        var written = 0
        for seed in seeds() {
            let path = "\(directory)/seed-\(Self.name(of: seed))"
            guard let file = fopen(path, "wb") else {
                print("cannot write \(path)")
                exit(1)
            }
            _ = seed.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
            written += 1
        }
        print("wrote \(written) seeds to \(directory)")
        exit(0)
    }

    /// A stable file name for a seed: FNV-1a of its bytes, in hex.
    static func name(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// What libFuzzer calls for each input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

extension FuzzInput {
    /// Runs libFuzzer's driver with `callback`.
    ///
    /// Why a target needs this: SwiftPM links an executable target on Linux with `main` aliased to
    /// `<Target>_main`, which `-parse-as-library` leaves undefined; each target defines that symbol and hands
    /// over to libFuzzer here, exactly as libFuzzer's own `main` would.
    public static func runDriver(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzCallback
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, callback)
    }
}
