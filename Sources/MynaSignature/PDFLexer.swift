/// Reads PDF objects from bytes (ISO 32000-1 §7.2–7.3), bounded: nesting depth, string and array sizes are
/// limited, and every read is checked, so a hostile file gives ``SignatureError/Code/malformedPDF``.
struct PDFLexer {
    let bytes: [UInt8]
    var position: Int

    /// The deepest nesting of arrays and dictionaries accepted.
    static let maximumDepth = 64

    init(_ bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = max(0, min(position, bytes.count))
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x00 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x20
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            true
        default: false
        }
    }

    var peek: UInt8? { position >= 0 && position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = peek {
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while let byte = peek, byte != 0x0A, byte != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// A regular token (a keyword or number), after whitespace.
    mutating func token() -> String {
        skipWhitespace()
        let start = position
        while let byte = peek, !Self.isWhitespace(byte), !Self.isDelimiter(byte) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Whether the next token is `keyword`; consumes it if so.
    mutating func accept(_ keyword: String) -> Bool {
        let saved = position
        if token() == keyword { return true }
        position = saved
        return false
    }

    mutating func expect(_ keyword: String) throws(SignatureError) {
        let saved = position
        guard accept(keyword) else { throw SignatureError(.malformedPDF, "expected `\(keyword)` at byte \(saved)") }
    }

    /// `N G obj`: the object header at the position.
    mutating func objectHeader() throws(SignatureError) -> PDFReference {
        let start = position
        guard let number = Int(token()), let generation = Int(token()), number >= 0, generation >= 0, accept("obj") else {
            throw SignatureError(.malformedPDF, "no object header at byte \(start)")
        }
        return PDFReference(number: number, generation: generation)
    }

    /// Reads one object; `N G R` becomes a reference; a dictionary followed by `stream` becomes a stream
    /// whose length `length` resolves (it may be an indirect object).
    mutating func object(depth: Int = 0, length: (PDFObject) throws(SignatureError) -> Int? = { $0.integer })
        throws(SignatureError) -> PDFObject
    {
        guard depth < Self.maximumDepth else { throw SignatureError(.malformedPDF, "objects nested too deeply") }
        skipWhitespace()
        guard let byte = peek else { throw SignatureError(.malformedPDF, "the file ends inside an object") }
        switch byte {
        case UInt8(ascii: "/"):
            position += 1
            return .name(name())
        case UInt8(ascii: "("):
            return .string(try literalString())
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                position += 2
                var dictionary = PDFDictionary()
                while true {
                    skipWhitespace()
                    guard let next = peek else { throw SignatureError(.malformedPDF, "an unterminated dictionary") }
                    if next == UInt8(ascii: ">") {
                        guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                            throw SignatureError(.malformedPDF, "a dictionary ends with a single `>`")
                        }
                        position += 2
                        break
                    }
                    guard next == UInt8(ascii: "/") else {
                        throw SignatureError(.malformedPDF, "a dictionary key is not a name at byte \(position)")
                    }
                    position += 1
                    let key = name()
                    let value = try object(depth: depth + 1, length: length)
                    if dictionary.entries.count > 4096 { throw SignatureError(.malformedPDF, "a dictionary is too large") }
                    dictionary[key] = value
                }
                let saved = position
                if accept("stream") {
                    // EOL after `stream`: CRLF or LF (a lone CR is tolerated).
                    if peek == 0x0D { position += 1 }
                    if peek == 0x0A { position += 1 }
                    guard let lengthValue = dictionary["Length"], let count = try length(lengthValue), count >= 0,
                        count <= bytes.count - position
                    else { throw SignatureError(.malformedPDF, "a stream's /Length is missing or runs past the file") }
                    let range = position..<(position + count)
                    position += count
                    try expect("endstream")
                    return .stream(dictionary, range)
                }
                position = saved
                return .dictionary(dictionary)
            }
            return .string(try hexString())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespace()
                guard let next = peek else { throw SignatureError(.malformedPDF, "an unterminated array") }
                if next == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                if items.count > 1 << 20 { throw SignatureError(.malformedPDF, "an array is too large") }
                items.append(try object(depth: depth + 1, length: length))
            }
        default:
            let start = position
            let word = token()
            switch word {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            case "": throw SignatureError(.malformedPDF, "an unexpected byte at \(start)")
            default: break
            }
            if let value = Int(word) {
                // `N G R` is a reference.
                let saved = position
                if value >= 0 {
                    let second = token()
                    if let generation = Int(second), generation >= 0, accept("R") {
                        return .reference(PDFReference(number: value, generation: generation))
                    }
                }
                position = saved
                return .integer(value)
            }
            if word.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) { return .real(word) }
            throw SignatureError(.malformedPDF, "an unknown token `\(word.prefix(20))` at byte \(start)")
        }
    }

    private mutating func name() -> String {
        var output: [UInt8] = []
        while let byte = peek, !Self.isWhitespace(byte), !Self.isDelimiter(byte) {
            if byte == UInt8(ascii: "#"), position + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(position + 1)...(position + 2)], as: UTF8.self), radix: 16)
            {
                output.append(value)
                position += 3
            } else {
                output.append(byte)
                position += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func literalString() throws(SignatureError) -> [UInt8] {
        position += 1
        var output: [UInt8] = []
        var nesting = 1
        while let byte = peek {
            position += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { break }
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case 0x0D:
                    if peek == 0x0A { position += 1 }
                case 0x0A: break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(escaped - UInt8(ascii: "0"))
                    for _ in 0..<2 {
                        guard let digit = peek, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { break }
                        value = value * 8 + Int(digit - UInt8(ascii: "0"))
                        position += 1
                    }
                    output.append(UInt8(truncatingIfNeeded: value))
                default: output.append(escaped)
                }
            case UInt8(ascii: "("):
                nesting += 1
                output.append(byte)
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return output }
                output.append(byte)
            default:
                output.append(byte)
            }
            if output.count > 1 << 24 { throw SignatureError(.malformedPDF, "a string is too large") }
        }
        throw SignatureError(.malformedPDF, "an unterminated string")
    }

    private mutating func hexString() throws(SignatureError) -> [UInt8] {
        position += 1
        var output: [UInt8] = []
        var high: UInt8?
        while let byte = peek {
            position += 1
            if byte == UInt8(ascii: ">") {
                if let high { output.append(high << 4) }
                return output
            }
            if Self.isWhitespace(byte) { continue }
            guard let nibble = Self.hexValue(byte) else {
                throw SignatureError(.malformedPDF, "a hexadecimal string holds a non-hex byte")
            }
            if let value = high {
                output.append(value << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        throw SignatureError(.malformedPDF, "an unterminated hexadecimal string")
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
