/// Escaping and encoding for the HTML report. Everything put into the page passes through here.
enum HTMLText {
    /// `text` safe in HTML element content and in quoted attribute values.
    ///
    /// Escapes `& < > " '`, and replaces control characters other than tab and newline (and U+FFFE/FFFF
    /// non-characters) with U+FFFD, so text from a card cannot form markup or break the page.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{FFFE}", "\u{FFFF}": output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 (RFC 4648 §4) with padding, as `data:` URIs use.
    static func base64(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let group = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(base64Alphabet[(group >> shift) & 0x3F]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let group = Int(bytes[index]) << 16 | (rest == 2 ? Int(bytes[index + 1]) << 8 : 0)
            output.append(base64Alphabet[(group >> 18) & 0x3F])
            output.append(base64Alphabet[(group >> 12) & 0x3F])
            output.append(rest == 2 ? base64Alphabet[(group >> 6) & 0x3F] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
