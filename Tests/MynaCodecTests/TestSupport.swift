import Testing
@testable import MynaCodec

/// SplitMix64: a tiny, fully deterministic generator so randomised tests replay identically on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly random byte.
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }

    /// An integer in `range` (modulo bias is irrelevant here; the stdlib's algorithm is avoided so the
    /// sequence does not depend on the toolchain).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// `true` with probability `1 / n`.
    mutating func oneIn(_ n: Int) -> Bool { int(1...n) == 1 }

    /// One of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }
}

/// Hex for test data; fails the test (instead of trapping) when the literal is malformed.
func bytes(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    do {
        return try Hex.decode(hex)
    } catch {
        Issue.record("bad hex literal in test: \(error)", sourceLocation: sourceLocation)
        return []
    }
}

/// A deterministic byte pattern of `count` bytes, distinct from filler and from zero runs.
func pattern(_ count: Int, seed: UInt8 = 1) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed)) }
}

/// Runs `body` and expects it to throw a ``CodecError`` with `code` and a non-empty reason.
@discardableResult
func expectCodecError<R>(
    _ code: CodecError.Code,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(CodecError) -> R
) -> CodecError? {
    do {
        let result = try body()
        Issue.record("expected CodecError.\(code), got a result: \(result)", sourceLocation: sourceLocation)
        return nil
    } catch {
        #expect(error.code == code, "\(comment ?? "") — \(error)", sourceLocation: sourceLocation)
        #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
        return error
    }
}
