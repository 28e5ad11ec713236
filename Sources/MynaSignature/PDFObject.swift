/// A PDF object (ISO 32000-1 §7.3), as parsed from a file.
indirect enum PDFObject: Hashable, Sendable {
    case null
    case boolean(Bool)
    case integer(Int)
    /// A real number, kept as written so it is written back unchanged.
    case real(String)
    /// A string's bytes (literal or hexadecimal).
    case string([UInt8])
    case name(String)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)
    /// A stream: its dictionary and where its data lies in the file (or in a decoded buffer).
    case stream(PDFDictionary, Range<Int>)

    var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    var name: String? { if case .name(let value) = self { value } else { nil } }
    var reference: PDFReference? { if case .reference(let value) = self { value } else { nil } }
    var array: [PDFObject]? { if case .array(let value) = self { value } else { nil } }
    var string: [UInt8]? { if case .string(let value) = self { value } else { nil } }
    var dictionary: PDFDictionary? {
        switch self {
        case .dictionary(let value), .stream(let value, _): value
        default: nil
        }
    }

    /// The PDF syntax of the object (strings as hexadecimal, so their bytes are kept exactly).
    func serialized(into output: inout [UInt8]) {
        switch self {
        case .null: output += Array("null".utf8)
        case .boolean(let value): output += Array((value ? "true" : "false").utf8)
        case .integer(let value): output += Array(String(value).utf8)
        case .real(let text): output += Array(text.utf8)
        case .string(let bytes):
            output.append(UInt8(ascii: "<"))
            output += Array(PDFObject.hex(bytes).utf8)
            output.append(UInt8(ascii: ">"))
        case .name(let name): output += PDFObject.nameBytes(name)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: " ")) }
                item.serialized(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary), .stream(let dictionary, _):
            // Streams are never rewritten; their dictionaries are.
            dictionary.serialized(into: &output)
        case .reference(let reference): output += Array("\(reference.number) \(reference.generation) R".utf8)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `/Name` with delimiters, whitespace and bytes outside `!`…`~` written as `#xx`.
    static func nameBytes(_ name: String) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "/")]
        for byte in name.utf8 {
            if byte < 0x21 || byte > 0x7E || PDFLexer.isDelimiter(byte) || byte == UInt8(ascii: "#") {
                output += Array("#\(hex([byte]))".utf8)
            } else {
                output.append(byte)
            }
        }
        return output
    }
}

/// An indirect object's number and generation.
struct PDFReference: Hashable, Sendable {
    var number: Int
    var generation: Int
}

/// A PDF dictionary, keeping its keys' order.
struct PDFDictionary: Hashable, Sendable {
    var entries: [(key: String, value: PDFObject)] = []

    subscript(key: String) -> PDFObject? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    func serialized(into output: inout [UInt8]) {
        output += Array("<<".utf8)
        for (key, value) in entries {
            output += PDFObject.nameBytes(key)
            output.append(UInt8(ascii: " "))
            value.serialized(into: &output)
            output.append(UInt8(ascii: "\n"))
        }
        output += Array(">>".utf8)
    }

    static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    func hash(into hasher: inout Hasher) {
        for (key, value) in entries {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}
