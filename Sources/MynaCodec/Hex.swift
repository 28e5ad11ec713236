/// Hexadecimal helpers for logs, transcripts and tests.
public enum Hex {
    @usableFromInline static let digits: [Character] = Array("0123456789ABCDEF")

    /// Upper-case hex of `bytes`, optionally with `separator` between bytes.
    public static func encode(_ bytes: some Sequence<UInt8>, separator: String = "") -> String {
        var out = ""
        var first = true
        for byte in bytes {
            if !first { out += separator }
            first = false
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    /// Decodes hex; whitespace and `:` between digit pairs are ignored.
    ///
    /// - Throws: ``CodecError/Code/invalidValue`` on a non-hex character or an odd digit count.
    public static func decode(_ text: some StringProtocol) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 2)
        var high: UInt8? = nil
        for char in text.utf8 {
            let nibble: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = char - UInt8(ascii: "A") + 10
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ":"):
                if high != nil { throw .invalidValue("separator inside a hex byte") }
                continue
            default:
                throw .invalidValue("not a hex digit")
            }
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        if high != nil { throw .invalidValue("odd number of hex digits") }
        return out
    }
}
