/// A PDF file's cross-reference data and objects, read from its bytes — classic cross-reference tables and
/// cross-reference streams (with object streams), following `/Prev` through every incremental update.
///
/// Bounded throughout: the file size, the number of sections and entries, decompressed sizes and nesting
/// are limited, and every offset is checked, so a hostile file gives a typed error, never a crash.
struct PDFDocument {
    /// Where an object lives.
    enum Location: Hashable {
        case offset(Int, generation: Int)
        case compressed(stream: Int, index: Int)
        case free
    }

    let bytes: [UInt8]
    /// The newest entry of every object number.
    private(set) var locations: [Int: Location] = [:]
    /// The newest trailer (for an xref stream: its dictionary).
    private(set) var trailer = PDFDictionary()
    /// The offset the file's last `startxref` names.
    private(set) var startXRef = 0
    /// Whether the newest section is a cross-reference stream (the update is written the same way).
    private(set) var usesXRefStream = false

    static let maximumFileSize = 512 * 1024 * 1024
    static let maximumSections = 4096
    static let maximumObjectNumber = 8_388_608
    static let maximumDecodedStream = 64 * 1024 * 1024

    private var objectStreams: [Int: (data: [UInt8], offsets: [Int: Int])] = [:]

    init(_ bytes: [UInt8]) throws(SignatureError) {
        guard bytes.count <= Self.maximumFileSize else {
            throw SignatureError(.unsupportedPDF, "the PDF is over \(Self.maximumFileSize / 1024 / 1024) MiB")
        }
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw SignatureError(.malformedPDF, "no %PDF- header") }
        self.bytes = bytes
        startXRef = try Self.lastStartXRef(bytes)
        var offset: Int? = startXRef
        var visited: Set<Int> = []
        var first = true
        while let current = offset {
            guard visited.insert(current).inserted, visited.count <= Self.maximumSections else {
                throw SignatureError(.malformedPDF, "the cross-reference sections loop or are too many")
            }
            let (sectionTrailer, isStream) = try readSection(at: current)
            if first {
                trailer = sectionTrailer
                usesXRefStream = isStream
                first = false
            }
            // A hybrid file's /XRefStm is read as part of its section.
            if !isStream, let streamOffset = sectionTrailer["XRefStm"]?.integer, visited.insert(streamOffset).inserted {
                _ = try readSection(at: streamOffset)
            }
            if let previous = sectionTrailer["Prev"] {
                guard let value = previous.integer else { throw SignatureError(.malformedPDF, "/Prev is not an offset") }
                offset = value
            } else {
                offset = nil
            }
        }
        guard trailer["Root"]?.reference != nil else { throw SignatureError(.malformedPDF, "the trailer has no /Root") }
    }

    /// The offset after the last `startxref` in the last 2 KiB.
    private static func lastStartXRef(_ bytes: [UInt8]) throws(SignatureError) -> Int {
        let keyword = Array("startxref".utf8)
        let tailStart = max(0, bytes.count - 2048)
        var index = bytes.count - keyword.count
        while index >= tailStart {
            if bytes[index..<(index + keyword.count)].elementsEqual(keyword) {
                var lexer = PDFLexer(bytes, at: index + keyword.count)
                guard let offset = Int(lexer.token()), offset >= 0, offset < bytes.count else {
                    throw SignatureError(.malformedPDF, "startxref names no offset inside the file")
                }
                return offset
            }
            index -= 1
        }
        throw SignatureError(.malformedPDF, "no startxref at the end of the file")
    }

    /// Reads one section; entries already known (from newer sections) are kept.
    private mutating func readSection(at offset: Int) throws(SignatureError) -> (PDFDictionary, Bool) {
        guard offset >= 0, offset < bytes.count else { throw SignatureError(.malformedPDF, "a cross-reference offset is outside the file") }
        var lexer = PDFLexer(bytes, at: offset)
        if lexer.accept("xref") {
            return (try readTable(&lexer), false)
        }
        lexer.position = offset
        _ = try lexer.objectHeader()
        let object = try lexer.object()
        guard case .stream(let dictionary, let range) = object, dictionary["Type"]?.name == "XRef" else {
            throw SignatureError(.malformedPDF, "startxref or /Prev points at neither `xref` nor a cross-reference stream")
        }
        try readStream(dictionary, data: try decode(dictionary, bytes[range]))
        return (dictionary, true)
    }

    private mutating func readTable(_ lexer: inout PDFLexer) throws(SignatureError) -> PDFDictionary {
        var count = 0
        while true {
            let saved = lexer.position
            if lexer.accept("trailer") { break }
            lexer.position = saved
            guard let start = Int(lexer.token()), let entries = Int(lexer.token()), start >= 0, entries >= 0,
                start <= Self.maximumObjectNumber, entries <= Self.maximumObjectNumber - start
            else { throw SignatureError(.malformedPDF, "a cross-reference subsection header is malformed") }
            for number in start..<(start + entries) {
                count += 1
                guard count <= Self.maximumObjectNumber else { throw SignatureError(.malformedPDF, "too many objects") }
                guard let field1 = Int(lexer.token()), let field2 = Int(lexer.token()) else {
                    throw SignatureError(.malformedPDF, "a cross-reference entry is malformed")
                }
                let kind = lexer.token()
                guard kind == "n" || kind == "f" else { throw SignatureError(.malformedPDF, "a cross-reference entry is neither n nor f") }
                if locations[number] == nil {
                    if kind == "n" {
                        guard field1 >= 0, field1 < bytes.count else {
                            throw SignatureError(.malformedPDF, "object \(number) lies outside the file")
                        }
                        locations[number] = .offset(field1, generation: field2)
                    } else {
                        locations[number] = .free
                    }
                }
            }
        }
        guard case .dictionary(let dictionary) = try lexer.object() else {
            throw SignatureError(.malformedPDF, "the trailer is not a dictionary")
        }
        return dictionary
    }

    private mutating func readStream(_ dictionary: PDFDictionary, data: [UInt8]) throws(SignatureError) {
        guard let widths = dictionary["W"]?.array?.compactMap(\.integer), widths.count == 3,
            widths.allSatisfy({ $0 >= 0 && $0 <= 8 }), let size = dictionary["Size"]?.integer, size >= 0,
            size <= Self.maximumObjectNumber
        else { throw SignatureError(.malformedPDF, "a cross-reference stream's /W or /Size is malformed") }
        let index = dictionary["Index"]?.array?.compactMap(\.integer) ?? [0, size]
        guard index.count % 2 == 0 else { throw SignatureError(.malformedPDF, "a cross-reference stream's /Index is odd") }
        let rowLength = widths[0] + widths[1] + widths[2]
        guard rowLength > 0 else { throw SignatureError(.malformedPDF, "a cross-reference stream's /W is empty") }
        var position = 0
        for pair in stride(from: 0, to: index.count, by: 2) {
            let start = index[pair]
            let count = index[pair + 1]
            guard start >= 0, count >= 0, start <= Self.maximumObjectNumber, count <= Self.maximumObjectNumber - start else {
                throw SignatureError(.malformedPDF, "a cross-reference stream's /Index is out of range")
            }
            for number in start..<(start + count) {
                guard position + rowLength <= data.count else {
                    throw SignatureError(.malformedPDF, "a cross-reference stream is shorter than its /Index")
                }
                func field(_ at: Int, _ width: Int) -> Int {
                    var value = 0
                    for byte in data[at..<(at + width)] { value = (value << 8) | Int(byte) }
                    return value
                }
                let type = widths[0] == 0 ? 1 : field(position, widths[0])
                let second = field(position + widths[0], widths[1])
                let third = field(position + widths[0] + widths[1], widths[2])
                position += rowLength
                guard locations[number] == nil else { continue }
                switch type {
                case 0: locations[number] = .free
                case 1:
                    guard second >= 0, second < bytes.count else { throw SignatureError(.malformedPDF, "object \(number) lies outside the file") }
                    locations[number] = .offset(second, generation: third)
                case 2: locations[number] = .compressed(stream: second, index: third)
                default: break  // Unknown types are null references (ISO 32000-1 §7.5.8.3).
                }
            }
        }
    }

    /// The decoded data of a stream: no filter or FlateDecode, with PNG predictors (what cross-reference and
    /// object streams use).
    func decode(_ dictionary: PDFDictionary, _ data: ArraySlice<UInt8>) throws(SignatureError) -> [UInt8] {
        var filters: [String] = []
        switch dictionary["Filter"] {
        case nil: break
        case .name(let name)?: filters = [name]
        case .array(let items)?: filters = items.compactMap(\.name)
        default: throw SignatureError(.malformedPDF, "a stream's /Filter is malformed")
        }
        guard filters.count <= 1 else { throw SignatureError(.unsupportedPDF, "a stream has several filters") }
        guard let filter = filters.first else { return Array(data) }
        guard filter == "FlateDecode" else { throw SignatureError(.unsupportedPDF, "a stream uses the \(filter) filter") }
        var output = try Inflate.decompress(data, limit: Self.maximumDecodedStream)
        let parameters: PDFDictionary? =
            switch dictionary["DecodeParms"] {
            case .dictionary(let value)?: value
            case .array(let items)?: items.first?.dictionary
            default: nil
            }
        if let parameters, let predictor = parameters["Predictor"]?.integer, predictor >= 10 {
            let columns = parameters["Columns"]?.integer ?? 1
            guard columns > 0, columns <= 1 << 16 else { throw SignatureError(.malformedPDF, "a predictor's /Columns is out of range") }
            output = try Self.undoPNGPredictor(output, columns: columns)
        } else if let predictor = parameters?["Predictor"]?.integer, predictor > 1 {
            throw SignatureError(.unsupportedPDF, "TIFF predictors are not supported")
        }
        return output
    }

    private static func undoPNGPredictor(_ data: [UInt8], columns: Int) throws(SignatureError) -> [UInt8] {
        let rowLength = columns + 1
        guard data.count % rowLength == 0 else { throw SignatureError(.malformedPDF, "predicted data is not whole rows") }
        var output: [UInt8] = []
        output.reserveCapacity(data.count / rowLength * columns)
        var previous = [UInt8](repeating: 0, count: columns)
        var row = [UInt8](repeating: 0, count: columns)
        for start in stride(from: 0, to: data.count, by: rowLength) {
            let type = data[start]
            for column in 0..<columns {
                let raw = data[start + 1 + column]
                let left = column > 0 ? row[column - 1] : 0
                let up = previous[column]
                let upLeft = column > 0 ? previous[column - 1] : 0
                switch type {
                case 0: row[column] = raw
                case 1: row[column] = raw &+ left
                case 2: row[column] = raw &+ up
                case 3: row[column] = raw &+ UInt8((Int(left) + Int(up)) / 2)
                case 4:
                    let estimate = Int(left) + Int(up) - Int(upLeft)
                    let (a, b, c) = (abs(estimate - Int(left)), abs(estimate - Int(up)), abs(estimate - Int(upLeft)))
                    row[column] = raw &+ (a <= b && a <= c ? left : (b <= c ? up : upLeft))
                default: throw SignatureError(.malformedPDF, "an unknown PNG predictor row type")
                }
            }
            output += row
            previous = row
        }
        return output
    }

    // MARK: Objects

    /// The object `reference` names, with its span in the file for uncompressed objects; `nil` for a free or
    /// missing object.
    ///
    /// An indirect stream /Length is resolved one level deep only (so a length that names its own stream
    /// cannot recurse).
    mutating func object(_ reference: PDFReference, resolvingLengths: Bool = true) throws(SignatureError)
        -> (object: PDFObject, span: Range<Int>?)?
    {
        switch locations[reference.number] {
        case nil, .free?: return nil
        case .offset(let offset, _)?:
            var lexer = PDFLexer(bytes, at: offset)
            let header = try lexer.objectHeader()
            guard header.number == reference.number else {
                throw SignatureError(.malformedPDF, "the cross-reference offset of object \(reference.number) points at object \(header.number)")
            }
            var document = self
            let object = try lexer.object { value throws(SignatureError) in
                if let number = value.integer { return number }
                guard resolvingLengths, let reference = value.reference, case .offset? = document.locations[reference.number],
                    case .integer(let number)? = try document.object(reference, resolvingLengths: false)?.object
                else { return nil }
                return number
            }
            try lexer.expect("endobj")
            return (object, offset..<lexer.position)
        case .compressed(let stream, let index)?:
            if objectStreams[stream] == nil {
                guard case .offset? = locations[stream],
                    case .stream(let dictionary, let range)? = try object(PDFReference(number: stream, generation: 0))?.object, dictionary["Type"]?.name == "ObjStm",
                    let count = dictionary["N"]?.integer, let first = dictionary["First"]?.integer, count >= 0, first >= 0,
                    first <= Self.maximumDecodedStream
                else { throw SignatureError(.malformedPDF, "object stream \(stream) is missing or malformed") }
                let data = try decode(dictionary, bytes[range])
                var header = PDFLexer(data, at: 0)
                var offsets: [Int: Int] = [:]
                for _ in 0..<min(count, 1 << 20) {
                    guard let number = Int(header.token()), let offset = Int(header.token()), offset >= 0,
                        offset < data.count - first
                    else { throw SignatureError(.malformedPDF, "object stream \(stream)'s header is malformed") }
                    offsets[number] = first + offset
                }
                objectStreams[stream] = (data, offsets)
            }
            guard case let (data, offsets)? = objectStreams[stream], let offset = offsets[reference.number] else {
                throw SignatureError(.malformedPDF, "object \(reference.number) is not in object stream \(stream) (index \(index))")
            }
            var lexer = PDFLexer(data, at: offset)
            return (try lexer.object(), nil)
        }
    }

    /// The object, following one level of reference.
    mutating func resolve(_ object: PDFObject?) throws(SignatureError) -> PDFObject? {
        guard let object else { return nil }
        if let reference = object.reference { return try self.object(reference)?.object }
        return object
    }

    /// The numbers of the objects stored uncompressed (signature dictionaries are never in object streams:
    /// their /Contents must be a hole in the file).
    ///
    /// - Throws: ``SignatureError/Code/unsupportedPDF`` for more than `limit` objects.
    func uncompressedObjectNumbers(limit: Int) throws(SignatureError) -> [Int] {
        let numbers = locations.compactMap { number, location -> Int? in
            if case .offset = location { return number }
            return nil
        }
        guard numbers.count <= limit else { throw SignatureError(.unsupportedPDF, "the PDF has more than \(limit) objects") }
        return numbers.sorted()
    }

    /// The highest object number in use plus one (never less than the trailer's /Size).
    var nextObjectNumber: Int {
        max(trailer["Size"]?.integer ?? 0, (locations.keys.max() ?? 0) + 1)
    }
}
