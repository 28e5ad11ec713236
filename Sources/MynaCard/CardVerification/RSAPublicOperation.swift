/// The RSA public-key operation `s^e mod n` (RFC 8017 §5.2.2 RSAVP1), on big-endian byte strings.
///
/// Why it is here: the card signs payloads swift-crypto cannot verify — the card-face record's DigestInfo
/// holds three SHA-256 hashes (96 bytes) under the SHA-256 identifier, and callers hand JPKI signing bare
/// digests, from which swift-crypto cannot make a `Digest` — and swift-crypto exposes no raw public-key
/// operation. Verification needs only public values, so this is a plain Montgomery exponentiation
/// (word-serial CIOS, 64-bit limbs), not constant time and not needing to be. Its results are checked
/// against swift-crypto (BoringSSL) signatures and real JPKI certificates in the tests.
enum RSAPublicOperation {
    /// `signature^exponent mod modulus`, as many bytes as the modulus.
    ///
    /// - Returns: `nil` when the modulus is even or shorter than 2 bytes, when the signature is not exactly as
    ///   long as the modulus, or when it is not smaller than the modulus (RFC 8017: "signature representative
    ///   out of range").
    static func apply(signature: [UInt8], modulus: [UInt8], exponent: [UInt8]) -> [UInt8]? {
        let modulus = Array(modulus.drop { $0 == 0 })
        let exponent = Array(exponent.drop { $0 == 0 })
        guard modulus.count >= 2, let last = modulus.last, last & 1 == 1, !exponent.isEmpty,
            signature.count == modulus.count
        else { return nil }
        let n = limbs(modulus)
        let s = limbs(signature, count: n.count)
        guard compare(s, n) < 0 else { return nil }
        let context = Montgomery(modulus: n, bitLength: bitLength(modulus))
        let result = context.power(s, exponent: exponent)
        return bytes(result, count: modulus.count)
    }

    /// The number of significant bits of a big-endian byte string without leading zero bytes.
    static func bitLength(_ bytes: [UInt8]) -> Int {
        guard let first = bytes.first else { return 0 }
        return bytes.count * 8 - first.leadingZeroBitCount
    }

    /// Little-endian 64-bit limbs of a big-endian byte string, zero-extended to `count` limbs.
    static func limbs(_ bytes: [UInt8], count: Int? = nil) -> [UInt64] {
        let needed = (bytes.count + 7) / 8
        var out = [UInt64](repeating: 0, count: max(needed, count ?? 0))
        for (index, byte) in bytes.reversed().enumerated() {
            out[index / 8] |= UInt64(byte) << (8 * UInt64(index % 8))
        }
        return out
    }

    /// The big-endian bytes of little-endian limbs, `count` bytes long (leading bytes dropped or zero-filled).
    static func bytes(_ limbs: [UInt64], count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            let limb = index / 8
            guard limb < limbs.count else { break }
            out[count - 1 - index] = UInt8(truncatingIfNeeded: limbs[limb] >> (8 * UInt64(index % 8)))
        }
        return out
    }

    /// −1, 0 or 1 as `a` is less than, equal to or greater than `b`.
    static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        for index in stride(from: max(a.count, b.count) - 1, through: 0, by: -1) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Arithmetic modulo an odd modulus in the Montgomery domain (R = 2^(64·limbs)).
    struct Montgomery {
        let n: [UInt64]
        /// −n⁻¹ mod 2⁶⁴.
        let n0Inverse: UInt64
        /// R mod n: 1 in the Montgomery domain.
        let one: [UInt64]
        /// R² mod n: multiplying by it converts into the Montgomery domain.
        let rSquared: [UInt64]

        init(modulus n: [UInt64], bitLength: Int) {
            self.n = n
            // Newton's iteration doubles the correct low bits each step: 1 → 2 → … → 64 (6 steps).
            var inverse: UInt64 = 1
            for _ in 0..<6 { inverse = inverse &* (2 &- n[0] &* inverse) }
            n0Inverse = 0 &- inverse
            // R mod n: 2^(bitLength − 1) < n, doubled up to 2^(64·limbs).
            var r = [UInt64](repeating: 0, count: n.count)
            r[(bitLength - 1) / 64] = 1 << UInt64((bitLength - 1) % 64)
            for _ in 0..<(64 * n.count - bitLength + 1) { Self.doubleModulo(&r, n) }
            one = r
            // 2 in the Montgomery domain is 2R mod n; raising it to 64·limbs gives 2^(64·limbs)·R = R² mod n.
            var two = r
            Self.doubleModulo(&two, n)
            let context = Montgomery(n: n, n0Inverse: n0Inverse, one: r, rSquared: [])
            rSquared = context.powerInDomain(two, exponent: 64 * n.count)
        }

        private init(n: [UInt64], n0Inverse: UInt64, one: [UInt64], rSquared: [UInt64]) {
            self.n = n
            self.n0Inverse = n0Inverse
            self.one = one
            self.rSquared = rSquared
        }

        /// `x = 2x mod n` for `x < n`.
        static func doubleModulo(_ x: inout [UInt64], _ n: [UInt64]) {
            var carry: UInt64 = 0
            for index in x.indices {
                let next = x[index] >> 63
                x[index] = x[index] << 1 | carry
                carry = next
            }
            if carry == 1 || compare(x, n) >= 0 { subtract(&x, n) }
        }

        /// `x = x − n` modulo 2^(64·limbs) (the caller knows the true result is in range).
        static func subtract(_ x: inout [UInt64], _ n: [UInt64]) {
            var borrow = false
            for index in x.indices {
                let (difference, overflow1) = x[index].subtractingReportingOverflow(n[index])
                let (result, overflow2) = difference.subtractingReportingOverflow(borrow ? 1 : 0)
                x[index] = result
                borrow = overflow1 || overflow2
            }
        }

        /// `a · b · R⁻¹ mod n` for `a, b < n` (all `n.count` limbs).
        func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
            let count = n.count
            let n0Inverse = self.n0Inverse
            var t = [UInt64](repeating: 0, count: count + 2)
            t.withUnsafeMutableBufferPointer { t in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        n.withUnsafeBufferPointer { n in
                            for i in 0..<count {
                                // t += a · b[i]
                                var carry: UInt64 = 0
                                let bi = b[i]
                                for j in 0..<count {
                                    let (high, low) = a[j].multipliedFullWidth(by: bi)
                                    let (sum1, overflow1) = low.addingReportingOverflow(t[j])
                                    let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                                    t[j] = sum2
                                    carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
                                }
                                let (top, topOverflow) = t[count].addingReportingOverflow(carry)
                                t[count] = top
                                t[count + 1] = topOverflow ? 1 : 0

                                // t = (t + m · n) / 2⁶⁴, with m chosen so the low limb cancels.
                                let m = t[0] &* n0Inverse
                                let (high0, low0) = n[0].multipliedFullWidth(by: m)
                                let (_, overflow0) = low0.addingReportingOverflow(t[0])
                                carry = high0 &+ (overflow0 ? 1 : 0)
                                for j in 1..<count {
                                    let (high, low) = n[j].multipliedFullWidth(by: m)
                                    let (sum1, overflow1) = low.addingReportingOverflow(t[j])
                                    let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                                    t[j - 1] = sum2
                                    carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
                                }
                                let (last, lastOverflow) = t[count].addingReportingOverflow(carry)
                                t[count - 1] = last
                                t[count] = t[count + 1] &+ (lastOverflow ? 1 : 0)
                                t[count + 1] = 0
                            }
                        }
                    }
                }
            }
            var result = Array(t[0..<count])
            if t[count] != 0 || RSAPublicOperation.compare(result, n) >= 0 { Self.subtract(&result, n) }
            return result
        }

        /// `x^exponent` for `x` already in the Montgomery domain, the result in the domain.
        func powerInDomain(_ x: [UInt64], exponent: Int) -> [UInt64] {
            var accumulator = one
            for bit in stride(from: Int.bitWidth - exponent.leadingZeroBitCount - 1, through: 0, by: -1) {
                accumulator = multiply(accumulator, accumulator)
                if (exponent >> bit) & 1 == 1 { accumulator = multiply(accumulator, x) }
            }
            return accumulator
        }

        /// `base^exponent mod n`, left-to-right square and multiply; `base < n`.
        func power(_ base: [UInt64], exponent: [UInt8]) -> [UInt64] {
            let baseInDomain = multiply(base, rSquared)
            var accumulator = one
            for byte in exponent {
                for bit in stride(from: 7, through: 0, by: -1) {
                    accumulator = multiply(accumulator, accumulator)
                    if (byte >> UInt8(bit)) & 1 == 1 { accumulator = multiply(accumulator, baseInDomain) }
                }
            }
            var plainOne = [UInt64](repeating: 0, count: n.count)
            plainOne[0] = 1
            return multiply(accumulator, plainOne)
        }
    }
}
