/// A minimal unsigned big integer for the RSA *public* operation in tests, written independently of the
/// simulator so that signature checks do not reuse the code that made the signatures.
struct TestBigUInt: Equatable {
    /// Little-endian 32-bit limbs, no high zero limbs.
    var limbs: [UInt32]

    init(limbs: [UInt32]) {
        var trimmed = limbs
        while let last = trimmed.last, last == 0 { trimmed.removeLast() }
        self.limbs = trimmed
    }

    /// From big-endian bytes.
    init(bytes: [UInt8]) {
        var limbs: [UInt32] = []
        var index = bytes.count
        while index > 0 {
            let start = max(0, index - 4)
            var limb: UInt32 = 0
            for byte in bytes[start..<index] { limb = limb << 8 | UInt32(byte) }
            limbs.append(limb)
            index = start
        }
        self.init(limbs: limbs)
    }

    /// Big-endian bytes, left-padded with zeros to `count`.
    func bytes(count: Int) -> [UInt8] {
        var out: [UInt8] = []
        for limb in limbs.reversed() {
            out += [UInt8(limb >> 24), UInt8((limb >> 16) & 0xFF), UInt8((limb >> 8) & 0xFF), UInt8(limb & 0xFF)]
        }
        while out.first == 0 { out.removeFirst() }
        return [UInt8](repeating: 0, count: max(0, count - out.count)) + out
    }

    static func * (a: TestBigUInt, b: TestBigUInt) -> TestBigUInt {
        guard !a.limbs.isEmpty, !b.limbs.isEmpty else { return TestBigUInt(limbs: []) }
        var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            for j in 0..<b.limbs.count {
                let t = UInt64(a.limbs[i]) * UInt64(b.limbs[j]) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            out[i + b.limbs.count] = UInt32(carry)
        }
        return TestBigUInt(limbs: out)
    }

    /// `u mod v` (Knuth's algorithm D); `v` must have at least two limbs.
    static func % (u: TestBigUInt, v: TestBigUInt) -> TestBigUInt {
        let n = v.limbs.count
        precondition(n >= 2)
        if u.limbs.count < n { return u }
        let m = u.limbs.count - n
        let s = UInt32(v.limbs[n - 1].leadingZeroBitCount)
        func shifted(_ x: [UInt32], extra: Bool) -> [UInt32] {
            var out = [UInt32](repeating: 0, count: x.count + (extra ? 1 : 0))
            for i in 0..<x.count {
                out[i] |= x[i] << s
                if s > 0, i + 1 < out.count { out[i + 1] |= x[i] >> (32 - s) }
            }
            return out
        }
        let vn = shifted(v.limbs, extra: false)
        var un = shifted(u.limbs, extra: true)
        let b: UInt64 = 1 << 32
        for j in stride(from: m, through: 0, by: -1) {
            let numerator = UInt64(un[j + n]) << 32 | UInt64(un[j + n - 1])
            var qhat = numerator / UInt64(vn[n - 1])
            var rhat = numerator % UInt64(vn[n - 1])
            while qhat >= b || qhat * UInt64(vn[n - 2]) > (rhat << 32 | UInt64(un[j + n - 2])) {
                qhat -= 1
                rhat += UInt64(vn[n - 1])
                if rhat >= b { break }
            }
            var borrow: Int64 = 0
            for i in 0..<n {
                let p = qhat * UInt64(vn[i])
                let t = Int64(un[i + j]) - borrow - Int64(p & 0xFFFF_FFFF)
                un[i + j] = UInt32(truncatingIfNeeded: t)
                borrow = Int64(p >> 32) - (t >> 32)
            }
            let t = Int64(un[j + n]) - borrow
            un[j + n] = UInt32(truncatingIfNeeded: t)
            if t < 0 {
                var carry: UInt64 = 0
                for i in 0..<n {
                    let sum = UInt64(un[i + j]) + UInt64(vn[i]) + carry
                    un[i + j] = UInt32(truncatingIfNeeded: sum)
                    carry = sum >> 32
                }
                un[j + n] = UInt32(truncatingIfNeeded: UInt64(un[j + n]) + carry)
            }
        }
        var remainder = [UInt32](repeating: 0, count: n)
        for i in 0..<n {
            remainder[i] = un[i] >> s
            if s > 0 { remainder[i] |= un[i + 1] << (32 - s) }
        }
        return TestBigUInt(limbs: remainder)
    }

    /// `self^exponent mod modulus`.
    func power(_ exponent: TestBigUInt, modulus: TestBigUInt) -> TestBigUInt {
        var result = TestBigUInt(limbs: [1])
        let base = self % modulus
        for limb in exponent.limbs.reversed() {
            for bit in stride(from: 31, through: 0, by: -1) {
                result = (result * result) % modulus
                if (limb >> UInt32(bit)) & 1 == 1 { result = (result * base) % modulus }
            }
        }
        return result
    }
}

/// RSA public-key helpers for tests.
enum TestRSA {
    /// Recovers the encoded message of `signature` under (modulus, exponent) and returns the PKCS#1 v1.5
    /// payload when the padding is exactly `00 01 FF…FF 00` (≥ 8 FF), else `nil`.
    static func pkcs1Payload(signature: [UInt8], modulus: [UInt8], exponent: [UInt8]) -> [UInt8]? {
        guard signature.count == modulus.count else { return nil }
        let em = TestBigUInt(bytes: signature).power(TestBigUInt(bytes: exponent), modulus: TestBigUInt(bytes: modulus))
            .bytes(count: modulus.count)
        guard em.count == modulus.count, em[0] == 0x00, em[1] == 0x01 else { return nil }
        var index = 2
        while index < em.count, em[index] == 0xFF { index += 1 }
        guard index >= 10, index < em.count, em[index] == 0x00 else { return nil }
        return Array(em[(index + 1)...])
    }
}
