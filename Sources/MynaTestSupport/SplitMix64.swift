/// SplitMix64: a tiny, fully deterministic generator, so that randomised tests replay identically on every
/// run and toolchain.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state; the next value depends only on it.
    public var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator that starts from `state` (the same as ``init(seed:)``).
    public init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly random byte.
    public mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] { (0..<max(0, count)).map { _ in byte() } }

    /// An integer in `range` (modulo bias is irrelevant here; the standard library's algorithm is avoided so
    /// that the sequence does not depend on the toolchain).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound) &+ 1
        guard width != 0 else { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: next() % width)
    }

    /// `true` with probability `1 / n`.
    public mutating func oneIn(_ n: Int) -> Bool { int(1...max(1, n)) == 1 }

    /// One of `choices`, which must not be empty.
    public mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }
}

/// The name the transport tests know ``SplitMix64`` by.
public typealias SeededGenerator = SplitMix64
