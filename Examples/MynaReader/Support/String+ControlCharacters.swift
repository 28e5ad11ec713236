extension String {
    /// The text with every control character (C0, DEL, C1, and the line and paragraph separators) written as
    /// a visible escape — `\n`, `\t`, `\r`, `\e`, else `\u{XX}` — so that text from a card or a reader
    /// (a certificate subject, a reader name) cannot move the cursor, clear the screen or forge lines on a
    /// terminal. JSON output needs none of this: its encoder escapes control characters itself.
    var escapingControlCharacters: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A: escaped += "\\n"
            case 0x09: escaped += "\\t"
            case 0x0D: escaped += "\\r"
            case 0x1B: escaped += "\\e"
            case 0x5C: escaped += "\\\\"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
