/// The RSA public-key operation `s^e mod n` (RFC 8017 §5.2.2 RSAVP1), on big-endian byte strings.
///
/// Why it is here: the card signs payloads swift-crypto cannot verify — the card-face record's DigestInfo
/// holds three SHA-256 hashes (96 bytes) under the SHA-256 identifier, and callers hand JPKI signing bare
/// digests, from which swift-crypto cannot make a `Digest` — and swift-crypto exposes no raw public-key
/// operation. Verification needs only public values, so this is a plain Montgomery exponentiation
/// (word-serial CIOS, 32-bit limbs), not constant time and not needing to be. Its results are checked
/// against swift-crypto (BoringSSL) signatures in the tests.
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
        let context = Montgomery(modulus: n)
        let result = context.power(s, exponent: exponent)
        return bytes(result, count: modulus.count)
    }

    /// Little-endian 32-bit limbs of a big-endian byte string, zero-extended to `count` limbs.
    static func limbs(_ bytes: [UInt8], count: Int? = nil) -> [UInt32] {
        let needed = (bytes.count + 3) / 4
        var out = [UInt32](repeating: 0, count: max(needed, count ?? 0))
        for (index, byte) in bytes.reversed().enumerated() {
            out[index / 4] |= UInt32(byte) << (8 * UInt32(index % 4))
        }
        return out
    }

    /// The big-endian bytes of little-endian limbs, `count` bytes long (leading bytes dropped or zero-filled).
    static func bytes(_ limbs: [UInt32], count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            let limb = index / 4
            guard limb < limbs.count else { break }
            out[count - 1 - index] = UInt8(truncatingIfNeeded: limbs[limb] >> (8 * UInt32(index % 4)))
        }
        return out
    }

    /// −1, 0 or 1 as `a` is less than, equal to or greater than `b` (same limb count).
    static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        for index in stride(from: max(a.count, b.count) - 1, through: 0, by: -1) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Arithmetic modulo an odd modulus in the Montgomery domain (R = 2^(32·limbs)).
    struct Montgomery {
        let n: [UInt32]
        /// −n⁻¹ mod 2³².
        let n0Inverse: UInt32
        /// R² mod n.
        let rSquared: [UInt32]

        init(modulus n: [UInt32]) {
            self.n = n
            // Newton's iteration doubles the correct low bits each step: 1 → 2 → … → 32 (5 steps suffice).
            var inverse: UInt32 = 1
            for _ in 0..<5 { inverse = inverse &* (2 &- n[0] &* inverse) }
            n0Inverse = 0 &- inverse
            // R² mod n by doubling 1 modulo n, 2·32·limbs times.
            var x = [UInt32](repeating: 0, count: n.count)
            x[0] = 1
            for _ in 0..<(64 * n.count) { Self.doubleModulo(&x, n) }
            rSquared = x
        }

        /// `x = 2x mod n` for `x < n`.
        static func doubleModulo(_ x: inout [UInt32], _ n: [UInt32]) {
            var carry: UInt32 = 0
            for index in x.indices {
                let next = x[index] >> 31
                x[index] = x[index] << 1 | carry
                carry = next
            }
            if carry == 1 || compare(x, n) >= 0 { subtract(&x, n) }
        }

        /// `x = x − n` modulo 2^(32·limbs) (the caller knows the true result is in range).
        static func subtract(_ x: inout [UInt32], _ n: [UInt32]) {
            var borrow: UInt64 = 0
            for index in x.indices {
                let difference = UInt64(x[index]) &- UInt64(n[index]) &- borrow
                x[index] = UInt32(truncatingIfNeeded: difference)
                borrow = (difference >> 63) & 1
            }
        }

        /// `a · b · R⁻¹ mod n` for `a, b < n`.
        func multiply(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
            let count = n.count
            var t = [UInt32](repeating: 0, count: count + 2)
            for i in 0..<count {
                var carry: UInt64 = 0
                let bi = UInt64(b[i])
                for j in 0..<count {
                    let sum = UInt64(t[j]) + UInt64(a[j]) * bi + carry
                    t[j] = UInt32(truncatingIfNeeded: sum)
                    carry = sum >> 32
                }
                var sum = UInt64(t[count]) + carry
                t[count] = UInt32(truncatingIfNeeded: sum)
                t[count + 1] = UInt32(truncatingIfNeeded: sum >> 32)

                let m = UInt64(t[0] &* n0Inverse)
                sum = UInt64(t[0]) + m * UInt64(n[0])
                carry = sum >> 32
                for j in 1..<count {
                    sum = UInt64(t[j]) + m * UInt64(n[j]) + carry
                    t[j - 1] = UInt32(truncatingIfNeeded: sum)
                    carry = sum >> 32
                }
                sum = UInt64(t[count]) + carry
                t[count - 1] = UInt32(truncatingIfNeeded: sum)
                t[count] = t[count + 1] &+ UInt32(truncatingIfNeeded: sum >> 32)
                t[count + 1] = 0
            }
            var result = Array(t[0..<count])
            if t[count] != 0 || compare(result, n) >= 0 { Self.subtract(&result, n) }
            return result
        }

        /// `base^exponent mod n`, left-to-right square and multiply; `base < n`.
        func power(_ base: [UInt32], exponent: [UInt8]) -> [UInt32] {
            var one = [UInt32](repeating: 0, count: n.count)
            one[0] = 1
            let baseM = multiply(base, rSquared)
            var accumulator = multiply(one, rSquared)  // R mod n: 1 in the Montgomery domain
            for byte in exponent {
                for bit in stride(from: 7, through: 0, by: -1) {
                    accumulator = multiply(accumulator, accumulator)
                    if (byte >> UInt8(bit)) & 1 == 1 { accumulator = multiply(accumulator, baseM) }
                }
            }
            return multiply(accumulator, one)
        }
    }
}
