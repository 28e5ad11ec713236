import Testing
@testable import MynaCodec

/// The address of the first byte of `slice`'s storage, to prove a parsed value shares the input's buffer.
private func address(of slice: ArraySlice<UInt8>) -> UnsafeRawPointer? {
    slice.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
}

/// The address of `array[offset]`.
private func address(of array: [UInt8], at offset: Int) -> UnsafeRawPointer? {
    array.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0 + offset) } }
}

// MARK: - Golden vectors

@Suite("BER-TLV golden vectors")
struct BERTLVGoldenTests {
    /// One primitive data object: `header ‖ pattern(valueLength)`.
    struct Vector: Sendable, CustomTestStringConvertible {
        let header: String
        let valueLength: Int
        let tag: UInt32
        /// Whether the length field is the shortest form (so `BERTLV.encode` reproduces the bytes).
        let isMinimal: Bool
        var testDescription: String { "\(header) +\(valueLength)" }
        var headerBytes: [UInt8] { bytes(header) }
        var wire: [UInt8] { headerBytes + pattern(valueLength) }
    }

    static let vectors: [Vector] = [
        Vector(header: "5F20 03", valueLength: 3, tag: 0x5F20, isMinimal: true),
        Vector(header: "DF22 00", valueLength: 0, tag: 0xDF22, isMinimal: true),
        Vector(header: "9F8101 02", valueLength: 2, tag: 0x9F_8101, isMinimal: true),
        Vector(header: "C1 01", valueLength: 1, tag: 0xC1, isMinimal: true),
        Vector(header: "04 7F", valueLength: 127, tag: 0x04, isMinimal: true),
        Vector(header: "04 81 80", valueLength: 128, tag: 0x04, isMinimal: true),
        Vector(header: "DF23 81 90", valueLength: 144, tag: 0xDF23, isMinimal: true),
        Vector(header: "04 81 FF", valueLength: 255, tag: 0x04, isMinimal: true),
        Vector(header: "5F37 82 0100", valueLength: 256, tag: 0x5F37, isMinimal: true),
        Vector(header: "04 82 FFFF", valueLength: 65535, tag: 0x04, isMinimal: true),
        Vector(header: "DF27 83 010000", valueLength: 65536, tag: 0xDF27, isMinimal: true),
        Vector(header: "04 83 012345", valueLength: 0x01_2345, tag: 0x04, isMinimal: true),
        // Non-minimal long forms: cards write `82 00 xx`; accepted and kept as stored.
        Vector(header: "04 81 05", valueLength: 5, tag: 0x04, isMinimal: false),
        Vector(header: "04 82 0005", valueLength: 5, tag: 0x04, isMinimal: false),
        Vector(header: "04 82 0080", valueLength: 128, tag: 0x04, isMinimal: false),
        Vector(header: "04 83 000005", valueLength: 5, tag: 0x04, isMinimal: false),
        Vector(header: "04 83 000100", valueLength: 256, tag: 0x04, isMinimal: false),
        Vector(header: "DF21 81 00", valueLength: 0, tag: 0xDF21, isMinimal: false),
    ]

    @Test(arguments: vectors)
    func parsesExactly(_ vector: Vector) throws {
        let wire = vector.wire
        let node = try BERTLV.parseSingle(wire[...])
        #expect(node.tag == BERTag(vector.tag))
        #expect(node.tag.byteCount == BERTag(vector.tag).byteCount)
        #expect(!node.isConstructed)
        #expect(node.children.isEmpty)
        #expect(node.value.count == vector.valueLength)
        #expect(node.value.elementsEqual(pattern(vector.valueLength)))
        // Zero copy: the value and the whole object are index ranges into `wire`.
        #expect(node.value.startIndex == vector.headerBytes.count)
        #expect(node.value.endIndex == wire.count)
        #expect(node.encoded.startIndex == 0)
        #expect(node.encoded.endIndex == wire.count)
        let sameBytes = node.encoded.elementsEqual(wire)
        #expect(sameBytes)
        if vector.valueLength > 0 {
            #expect(address(of: node.value) == address(of: wire, at: vector.headerBytes.count))
        }
        // The header of the object, from just its header or from the whole object.
        let header = try BERTLV.header(of: wire.prefix(vector.headerBytes.count))
        #expect(header?.headerLength == vector.headerBytes.count)
        #expect(header?.valueLength == vector.valueLength)
        let fromWhole = try BERTLV.header(of: wire[...])
        #expect(fromWhole?.headerLength == vector.headerBytes.count)
        #expect(fromWhole?.valueLength == vector.valueLength)
        // Encoding uses the shortest length; equal to the stored bytes exactly when they were minimal.
        let reencoded = BERTLV.encode(tag: node.tag, value: node.value)
        #expect((reencoded == wire) == vector.isMinimal)
        #expect(try BERTLV.parseSingle(reencoded[...]).value.elementsEqual(node.value))
    }

    @Test(arguments: vectors)
    func parsesAtAnOffsetInsideALargerBuffer(_ vector: Vector) throws {
        let prefix = pattern(9, seed: 0xF0)
        let buffer = prefix + vector.wire + [0xAB, 0xCD]
        let slice = buffer[prefix.count..<(prefix.count + vector.wire.count)]
        let node = try BERTLV.parseSingle(slice)
        #expect(node.encoded.startIndex == prefix.count)
        #expect(node.value.startIndex == prefix.count + vector.headerBytes.count)
        #expect(node.encoded.elementsEqual(vector.wire))
        // parseFirst ignores what follows; parseSingle on the longer slice does not.
        #expect(try BERTLV.parseFirst(buffer[prefix.count...]) == node)
        expectCodecError(.trailingBytes) { () throws(CodecError) in try BERTLV.parseSingle(buffer[prefix.count...]) }
        let header = try BERTLV.header(of: buffer[prefix.count...])
        #expect(header?.headerLength == vector.headerBytes.count)
    }

    @Test func encodesPrimitiveAndConstructedObjects() {
        #expect(Hex.encode(BERTLV.encode(tag: BERTag(0x5F20), value: Array("ABC".utf8))) == "5F2003414243")
        #expect(Hex.encode(BERTLV.encode(tag: BERTag(0x04), value: [UInt8]())) == "0400")
        #expect(Hex.encode(BERTLV.encode(tag: BERTag(0x9F_8101), value: [0xAA])) == "9F810101AA")
        #expect(Hex.encode(BERTLV.encode(tag: BERTag(0xDF22), value: pattern(200)).prefix(4)) == "DF2281C8")
        let constructed = BERTLV.encode(
            tag: BERTag(0xFF20),
            children: [BERTLV.encode(tag: BERTag(0xDF24), value: Array("19800217".utf8)),
                       BERTLV.encode(tag: BERTag(0xDF25), value: Array("1".utf8))])
        #expect(Hex.encode(constructed) == "FF200FDF24083139383030323137DF250131")
        #expect(Hex.encode(BERTLV.encode(tag: BERTag(0x30), children: [])) == "3000")
    }

    struct LengthVector: Sendable, CustomTestStringConvertible {
        let length: Int
        let hex: String
        var testDescription: String { "\(length)" }
    }

    static let lengths: [LengthVector] = [
        LengthVector(length: 0, hex: "00"),
        LengthVector(length: 1, hex: "01"),
        LengthVector(length: 127, hex: "7F"),
        LengthVector(length: 128, hex: "8180"),
        LengthVector(length: 255, hex: "81FF"),
        LengthVector(length: 256, hex: "820100"),
        LengthVector(length: 65535, hex: "82FFFF"),
        LengthVector(length: 65536, hex: "83010000"),
        LengthVector(length: 0xFF_FFFF, hex: "83FFFFFF"),
    ]

    @Test(arguments: lengths)
    func encodeLengthBoundaries(_ vector: LengthVector) throws {
        let field = BERTLV.encodeLength(vector.length)
        #expect(Hex.encode(field) == vector.hex)
        // The field reads back through the parser's header reader.
        let header = try BERTLV.header(of: ([0x04] + field)[...])
        #expect(header?.headerLength == 1 + field.count)
        #expect(header?.valueLength == vector.length)
    }
}

// MARK: - Constructed objects and card files

/// The 4 basic attributes file of the text applet (EF `0002`): `FF20 82 00 LL` { `DF21` four offsets,
/// `DF22` name, `DF23` address, `DF24` birth date, `DF25` sex }, then filler to the fixed file size.
/// The `DF21` offsets point at the `DF22`…`DF25` data objects from the start of the file.
struct AttributesFile {
    let name = Array("山田\u{3000}太郎".utf8)
    let address = Array("東京都千代田区千代田１－１".utf8)
    let birthDate = Array("19800217".utf8)
    let sex = Array("1".utf8)
    let offsets: [Int]
    let content: [UInt8]

    init() {
        let objects = [
            BERTLV.encode(tag: BERTag(0xDF22), value: name),
            BERTLV.encode(tag: BERTag(0xDF23), value: address),
            BERTLV.encode(tag: BERTag(0xDF24), value: birthDate),
            BERTLV.encode(tag: BERTag(0xDF25), value: sex),
        ]
        let outerHeader = 5  // FF 20 82 00 LL
        let offsetTable = 11  // DF 21 08 + 8 bytes
        var offsets: [Int] = []
        var position = outerHeader + offsetTable
        for object in objects {
            offsets.append(position)
            position += object.count
        }
        let table = offsets.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let inner = BERTLV.encode(tag: BERTag(0xDF21), value: table) + objects.joined()
        self.offsets = offsets
        self.content = [0xFF, 0x20, 0x82, UInt8(inner.count >> 8), UInt8(inner.count & 0xFF)] + inner
    }

    func file(size: Int, filler: UInt8) -> [UInt8] {
        content + [UInt8](repeating: filler, count: size - content.count)
    }
}

@Suite("BER-TLV constructed objects and card files")
struct BERTLVFileTests {
    @Test(arguments: [UInt8(0xFF), 0x00])
    func attributesFileNestsAndStopsAtFiller(_ filler: UInt8) throws {
        let card = AttributesFile()
        let file = card.file(size: 512, filler: filler)
        let parsed = try BERTLV.parseFile(file)
        #expect(parsed.contentLength == card.content.count)
        #expect(parsed.fillerLength == 512 - card.content.count)
        #expect(parsed.nodes.count == 1)

        let outer = try #require(parsed.node(BERTag(0xFF20)))
        #expect(outer.isConstructed)
        #expect(outer.tag.tagClass == .private)
        #expect(outer.children.map(\.tag) == [0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25].map { BERTag($0) })
        // Stored bytes are kept exactly: the non-minimal `82 00 LL` survives, a re-encoding would not.
        #expect(outer.encoded.elementsEqual(card.content))
        #expect(Hex.encode(outer.encoded.prefix(3)) == "FF2082")
        #expect(BERTLV.encode(tag: outer.tag, value: outer.value) != card.content)
        #expect(outer.value.startIndex == 5)

        #expect(try outer.requiredChild(BERTag(0xDF22)).value.elementsEqual(card.name))
        #expect(outer.child(BERTag(0xDF23))?.value.elementsEqual(card.address) == true)
        #expect(outer.child(BERTag(0xDF24))?.value.elementsEqual(card.birthDate) == true)
        #expect(outer.child(BERTag(0xDF25))?.value.elementsEqual(card.sex) == true)
        #expect(outer.child(BERTag(0xDF26)) == nil)
        expectCodecError(.unexpectedEncoding) { () throws(CodecError) in try outer.requiredChild(BERTag(0xDF26)) }

        // The DF21 offset table agrees with where the parser found each object, as indices into `file`.
        let table = try #require(outer.child(BERTag(0xDF21))).value
        let offsets = stride(from: table.startIndex, to: table.endIndex, by: 2).map {
            Int(table[$0]) << 8 | Int(table[$0 + 1])
        }
        #expect(offsets == card.offsets)
        #expect(outer.children.dropFirst().map(\.encoded.startIndex) == offsets)
        // The children tile the parent's value exactly.
        var position = outer.value.startIndex
        for child in outer.children {
            #expect(child.encoded.startIndex == position)
            #expect(child.value.endIndex == child.encoded.endIndex)
            position = child.encoded.endIndex
        }
        #expect(position == outer.value.endIndex)
        // Zero copy all the way down.
        let name = try outer.requiredChild(BERTag(0xDF22)).value
        #expect(address(of: name) == address(of: file, at: name.startIndex))
    }

    /// EF `0001` of the text applet: `FF 10 0C` + 12 ASCII digits + `FF FF`. `FF10` has the constructed bit
    /// set, but its value is plain digits; the parser keeps it as a value with no children.
    @Test func individualNumberFile() throws {
        let digits = Array("123456789012".utf8)
        let file = bytes("FF 10 0C") + digits + bytes("FF FF")
        #expect(file.count == 17)
        let parsed = try BERTLV.parseFile(file)
        #expect(parsed.contentLength == 15)
        #expect(parsed.fillerLength == 2)
        let number = try #require(parsed.node(BERTag(0xFF10)))
        #expect(number.value.elementsEqual(digits))
        #expect(number.value.startIndex == 3)
        #expect(number.children.isEmpty)
        // The strict reading of its value as data objects is still available, and fails.
        #expect(throws: CodecError.self) { try number.parseValue() }
    }

    @Test(arguments: [
        "31 32 33 34 35 36 37 38 39 30 31 32",
        "30 30 30 30 30 30 30 30 30 30 30 30",
        "39 39 39 39 39 39 39 39 39 39 39 39",
        "20 20 20 20 20 20 20 20 20 20 20 20",
    ])
    func individualNumberFileWithAnyDigits(_ digits: String) throws {
        let parsed = try BERTLV.parseFile(bytes("FF 10 0C " + digits + " FF FF"))
        #expect(parsed.contentLength == 15)
        #expect(parsed.nodes.first?.value.elementsEqual(bytes(digits)) == true)
    }

    struct FileVector: Sendable, CustomTestStringConvertible {
        let name: String
        let hex: String
        let tags: [UInt32]
        let contentLength: Int
        let fillerLength: Int
        var testDescription: String { name }
    }

    static let files: [FileVector] = [
        FileVector(name: "empty", hex: "", tags: [], contentLength: 0, fillerLength: 0),
        FileVector(name: "only FF", hex: "FF FF FF FF", tags: [], contentLength: 0, fillerLength: 4),
        FileVector(name: "only 00", hex: "00 00 00", tags: [], contentLength: 0, fillerLength: 3),
        FileVector(name: "one FF", hex: "FF", tags: [], contentLength: 0, fillerLength: 1),
        FileVector(name: "no filler", hex: "5F20 01 41 DF22 00", tags: [0x5F20, 0xDF22], contentLength: 7, fillerLength: 0),
        FileVector(name: "FF filler", hex: "5F20 01 41 FF FF FF", tags: [0x5F20], contentLength: 4, fillerLength: 3),
        FileVector(name: "00 filler", hex: "5F20 01 41 00 00", tags: [0x5F20], contentLength: 4, fillerLength: 2),
        FileVector(name: "one 00", hex: "5F20 01 41 00", tags: [0x5F20], contentLength: 4, fillerLength: 1),
        FileVector(name: "value ending in FF", hex: "04 02 FF FF FF FF", tags: [0x04], contentLength: 4, fillerLength: 2),
        FileVector(name: "value ending in 00", hex: "04 02 00 00 00", tags: [0x04], contentLength: 4, fillerLength: 1),
        FileVector(name: "applet info", hex: "FF40 07 DF41 04 01 03 0E 01 FF FF", tags: [0xFF40], contentLength: 10, fillerLength: 2),
    ]

    @Test(arguments: files)
    func parseFileReportsContentAndFiller(_ vector: FileVector) throws {
        let parsed = try BERTLV.parseFile(bytes(vector.hex))
        #expect(parsed.nodes.map(\.tag) == vector.tags.map { BERTag($0) })
        #expect(parsed.contentLength == vector.contentLength)
        #expect(parsed.fillerLength == vector.fillerLength)
    }

    @Test func parseFileOfASliceCountsFromTheSliceStart() throws {
        let buffer = bytes("AA BB CC 5F20 01 41 FF FF")
        let parsed = try BERTLV.parseFile(buffer[3...])
        #expect(parsed.contentLength == 4)
        #expect(parsed.fillerLength == 2)
        #expect(parsed.nodes.first?.value.startIndex == 6)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let hex: String
        let code: CodecError.Code
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "00 then data", hex: "5F20 01 41 00 5F20 01 42", code: .invalidTag),
        BadFile(name: "00 00 then data", hex: "5F20 01 41 00 00 04 00", code: .invalidTag),
        BadFile(name: "00 filler then FF", hex: "5F20 01 41 00 00 FF", code: .invalidTag),
        BadFile(name: "leading 00 then data", hex: "00 04 01 AA", code: .invalidTag),
        BadFile(name: "FF then a tag", hex: "5F20 01 41 FF 5F20 01 42", code: .truncated),
        BadFile(name: "FF FF then data", hex: "5F20 01 41 FF FF 01", code: .truncated),
        BadFile(name: "truncated object before filler", hex: "5F20 05 41 42 FF FF", code: .truncated),
    ]

    /// Filler is only filler when nothing but filler follows; anywhere else it is a damaged file.
    @Test(arguments: badFiles)
    func fillerInTheMiddleIsAnError(_ vector: BadFile) {
        expectCodecError(vector.code) { () throws(CodecError) in try BERTLV.parseFile(bytes(vector.hex)) }
    }
}

// MARK: - Errors

@Suite("BER-TLV errors")
struct BERTLVErrorTests {
    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let hex: String
        let code: CodecError.Code
        var testDescription: String { "\(name): \(hex)" }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "truncated 2-byte tag", hex: "5F", code: .truncated),
        Malformed(name: "truncated 3-byte tag", hex: "9F 81", code: .truncated),
        Malformed(name: "missing length", hex: "5F20", code: .truncated),
        Malformed(name: "81 without its byte", hex: "04 81", code: .truncated),
        Malformed(name: "82 with one byte", hex: "04 82 01", code: .truncated),
        Malformed(name: "83 with two bytes", hex: "04 83 01 00", code: .truncated),
        Malformed(name: "length past the end", hex: "04 05 AA BB", code: .truncated),
        Malformed(name: "82 length past the end", hex: "04 82 01 00 AA", code: .truncated),
        Malformed(name: "16 MiB length, 1 byte", hex: "04 83 FF FF FF AA", code: .truncated),
        Malformed(name: "indefinite length", hex: "30 80 04 00 00 00", code: .indefiniteLength),
        Malformed(name: "indefinite primitive", hex: "04 80", code: .indefiniteLength),
        Malformed(name: "84 length", hex: "04 84 00 00 00 01 AA", code: .invalidLength),
        Malformed(name: "85 length", hex: "04 85 00 00 00 00 01 AA", code: .invalidLength),
        Malformed(name: "FF length", hex: "04 FF", code: .invalidLength),
        Malformed(name: "4-byte tag", hex: "9F 81 81 01 00", code: .invalidTag),
        Malformed(name: "zero subsequent tag byte", hex: "9F 80 01 00", code: .invalidTag),
        Malformed(name: "5F 00", hex: "5F 00 00", code: .invalidTag),
    ]

    @Test(arguments: malformed)
    func parseRejects(_ vector: Malformed) {
        let input = bytes(vector.hex)
        expectCodecError(vector.code, "parse") { () throws(CodecError) in try BERTLV.parse(input) }
        expectCodecError(vector.code, "parseFile") { () throws(CodecError) in try BERTLV.parseFile(input) }
        expectCodecError(vector.code, "parseSingle") { () throws(CodecError) in try BERTLV.parseSingle(input[...]) }
    }

    /// The same errors inside a constructed object's value surface through `parseValue`.
    @Test(arguments: malformed)
    func parseValueRejects(_ vector: Malformed) throws {
        let inner = bytes(vector.hex)
        let outer = try BERTLV.parseSingle(BERTLV.encode(tag: BERTag(0xFF20), value: inner)[...])
        #expect(outer.value.elementsEqual(inner))
        expectCodecError(vector.code) { () throws(CodecError) in try outer.parseValue() }
    }

    @Test func secondObjectTruncated() throws {
        let input = bytes("04 01 AA 04 02 BB")
        expectCodecError(.truncated) { () throws(CodecError) in try BERTLV.parse(input) }
        expectCodecError(.truncated) { () throws(CodecError) in try BERTLV.parseFile(input) }
        expectCodecError(.trailingBytes) { () throws(CodecError) in try BERTLV.parseSingle(input[...]) }
        #expect(try BERTLV.parseFirst(input[...]).value.elementsEqual([0xAA]))
    }

    @Test func parseSingleRejectsEmptyAndTrailingBytes() {
        expectCodecError(.truncated) { () throws(CodecError) in try BERTLV.parseSingle([UInt8]()[...]) }
        expectCodecError(.truncated) { () throws(CodecError) in try BERTLV.parseFirst([UInt8]()[...]) }
        expectCodecError(.trailingBytes) { () throws(CodecError) in try BERTLV.parseSingle(bytes("04 01 AA BB")[...]) }
        expectCodecError(.trailingBytes) { () throws(CodecError) in try BERTLV.parseSingle(bytes("04 00 FF")[...]) }
    }

    @Test func emptyInputIsNoObjects() throws {
        #expect(try BERTLV.parse([UInt8]()).isEmpty)
        #expect(try BERTLV.parse(bytes("AA BB")[2...]).isEmpty)
    }

    /// `n` constructed objects nested inside each other around one primitive: `n + 1` levels.
    static func nested(_ n: Int) -> [UInt8] {
        var object = bytes("04 01 AA")
        for level in 0..<n {
            object = BERTLV.encode(tag: BERTag(level.isMultiple(of: 2) ? 0x30 : 0xFF20), value: object)
        }
        return object
    }

    @Test func twentyNestedObjectsExceedTheDefaultLimit() {
        let input = Self.nested(20)
        let error = expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parse(input) }
        #expect(error?.reason.contains("16") == true)
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parseFile(input) }
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parseSingle(input[...]) }
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parseFirst(input[...]) }
    }

    @Test func defaultLimitBoundary() throws {
        #expect(BERTLV.defaultMaximumDepth == 16)
        // 15 constructed levels + the primitive = 16 levels: accepted, and every level is there.
        var node = try BERTLV.parseSingle(Self.nested(15)[...])
        var levels = 1
        while let child = node.children.first {
            node = child
            levels += 1
        }
        #expect(levels == 16)
        #expect(node.value.elementsEqual([0xAA]))
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parse(Self.nested(16)) }
    }

    @Test(arguments: [0, 1, 2, 3, 5, 30])
    func customMaximumDepth(_ limit: Int) throws {
        // `limit` levels in total are accepted, one more is not.
        if limit >= 1 {
            #expect(try BERTLV.parse(Self.nested(limit - 1), maximumDepth: limit).count == 1)
        }
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in
            try BERTLV.parse(Self.nested(limit), maximumDepth: limit)
        }
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in
            try BERTLV.parseFile(Self.nested(limit) + [0xFF, 0xFF], maximumDepth: limit)
        }
    }

    @Test func parseValueHonoursItsLimit() throws {
        let outer = try BERTLV.parseSingle(BERTLV.encode(tag: BERTag(0x5F4E), value: Self.nested(3))[...])
        #expect(!outer.isConstructed)
        #expect(try outer.parseValue().count == 1)
        #expect(try outer.parseValue(maximumDepth: 4).count == 1)
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try outer.parseValue(maximumDepth: 3) }
    }

    /// Hostile nesting far beyond the limit is refused at the limit, without recursing into the rest.
    @Test func hostileDeepNestingIsRefusedQuickly() {
        let depth = 100_000
        var input: [UInt8] = []
        input.reserveCapacity(depth * 5 + 3)
        for level in 0..<depth {
            let length = (depth - 1 - level) * 5 + 3
            input += [0x30, 0x83, UInt8(length >> 16), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        }
        input += [0x04, 0x01, 0xAA]
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parse(input) }
        expectCodecError(.nestingTooDeep) { () throws(CodecError) in try BERTLV.parseFile(input) }
    }
}

// MARK: - header(of:)

@Suite("BERTLV.header(of:)")
struct BERTLVHeaderTests {
    @Test(arguments: ["", "5F", "9F 81", "5F20", "04 81", "04 82", "04 82 01", "04 83 01 00", "DF27 83 01"])
    func shortPrefixesNeedMoreBytes(_ hex: String) throws {
        #expect(try BERTLV.header(of: bytes(hex)[...]) == nil)
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        let hex: String
        let headerLength: Int
        let valueLength: Int
        var testDescription: String { hex }
    }

    static let vectors: [Vector] = [
        Vector(hex: "04 00", headerLength: 2, valueLength: 0),
        Vector(hex: "04 05", headerLength: 2, valueLength: 5),
        Vector(hex: "FF 10 0C 31 32", headerLength: 3, valueLength: 12),
        Vector(hex: "5F20 81 80", headerLength: 4, valueLength: 128),
        Vector(hex: "FF20 82 00 59 DF", headerLength: 5, valueLength: 0x59),
        Vector(hex: "7F21 82 01 00", headerLength: 5, valueLength: 256),
        Vector(hex: "30 82 06 1A 30 82", headerLength: 4, valueLength: 0x061A),
        Vector(hex: "9F8101 83 01 00 00", headerLength: 7, valueLength: 65536),
    ]

    /// A certificate file's length is learned from its first bytes, before the value has been read.
    @Test(arguments: vectors)
    func headerOfAPrefix(_ vector: Vector) throws {
        let header = try #require(try BERTLV.header(of: bytes(vector.hex)[...]))
        #expect(header.headerLength == vector.headerLength)
        #expect(header.valueLength == vector.valueLength)
        let framed = [0x01, 0x02] + bytes(vector.hex)
        let atOffset = try #require(try BERTLV.header(of: framed[2...]))
        #expect(atOffset.headerLength == vector.headerLength)
    }

    @Test func malformedHeadersThrow() {
        expectCodecError(.indefiniteLength) { () throws(CodecError) in try BERTLV.header(of: bytes("30 80")[...]) }
        expectCodecError(.invalidLength) { () throws(CodecError) in try BERTLV.header(of: bytes("04 84")[...]) }
        expectCodecError(.invalidLength) { () throws(CodecError) in
            try BERTLV.header(of: bytes("04 84 00 00 00 01")[...])
        }
        expectCodecError(.invalidTag) { () throws(CodecError) in try BERTLV.header(of: bytes("9F 81 81 01")[...]) }
        expectCodecError(.invalidTag) { () throws(CodecError) in try BERTLV.header(of: bytes("5F 80 01")[...]) }
    }
}

// MARK: - Randomised round trips

/// A generated data object and how it was written, to compare with what the parser returns.
private indirect enum Tree {
    case primitive(BERTag, [UInt8], lengthField: [UInt8])
    case constructed(BERTag, [Tree], lengthField: [UInt8])

    var tag: BERTag {
        switch self {
        case .primitive(let tag, _, _), .constructed(let tag, _, _): tag
        }
    }

    var encoded: [UInt8] {
        switch self {
        case .primitive(let tag, let value, let lengthField): tag.bytes + lengthField + value
        case .constructed(let tag, let children, let lengthField): tag.bytes + lengthField + children.flatMap(\.encoded)
        }
    }
}

private struct TreeGenerator {
    var rng: SplitMix64

    mutating func tag(constructed: Bool, allowZeroFirstByte: Bool) throws -> BERTag {
        let head = UInt8(rng.int(0...3) << 6) | (constructed ? 0x20 : 0)
        switch rng.int(0...2) {
        case 0:
            var low = UInt8(rng.int(0...0x1E))
            if !allowZeroFirstByte && head == 0 && low == 0 { low = 1 }
            return try BERTag(bytes: [head | low])
        case 1:
            return try BERTag(bytes: [head | 0x1F, UInt8(rng.int(1...0x7F))])
        default:
            return try BERTag(bytes: [head | 0x1F, UInt8(rng.int(0x81...0xFF)), UInt8(rng.int(0...0x7F))])
        }
    }

    /// The shortest length field most of the time, otherwise a longer form with leading zeros.
    mutating func lengthField(_ length: Int) -> [UInt8] {
        let minimal = BERTLV.encodeLength(length)
        guard rng.oneIn(4) else { return minimal }
        let width = rng.int(max(1, minimal.count - 1)...3)
        return [0x80 | UInt8(width)] + (0..<width).reversed().map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
    }

    mutating func tree(depth: Int, topLevel: Bool = false) throws -> Tree {
        let constructed = depth < 4 && rng.oneIn(3)
        let tag = try tag(constructed: constructed, allowZeroFirstByte: !topLevel)
        if constructed {
            let children = try (0..<rng.int(0...4)).map { _ in try tree(depth: depth + 1) }
            let count = children.reduce(0) { $0 + $1.encoded.count }
            return .constructed(tag, children, lengthField: lengthField(count))
        }
        let size = rng.oneIn(10) ? rng.int(120...700) : rng.int(0...20)
        return .primitive(tag, rng.bytes(size), lengthField: lengthField(size))
    }
}

/// Compares a parsed node with the tree it came from; the node's slices must index into `input`.
private func mismatch(_ node: TLVNode, _ tree: Tree, in input: [UInt8]) -> String? {
    guard node.tag == tree.tag else { return "tag \(node.tag) ≠ \(tree.tag)" }
    guard node.encoded.elementsEqual(tree.encoded) else { return "encoded bytes of \(node.tag)" }
    guard input[node.encoded.startIndex..<node.encoded.endIndex].elementsEqual(node.encoded),
        node.value.endIndex == node.encoded.endIndex
    else { return "slice indices of \(node.tag)" }
    switch tree {
    case .primitive(_, let value, _):
        guard node.value.elementsEqual(value), node.children.isEmpty else { return "value of \(node.tag)" }
    case .constructed(_, let children, _):
        guard node.children.count == children.count else { return "children of \(node.tag)" }
        var position = node.value.startIndex
        for (child, expected) in zip(node.children, children) {
            guard child.encoded.startIndex == position else { return "child offset in \(node.tag)" }
            if let problem = mismatch(child, expected, in: input) { return problem }
            position = child.encoded.endIndex
        }
        guard position == node.value.endIndex else { return "children do not fill \(node.tag)" }
    }
    return nil
}

@Suite("BER-TLV randomised round trips")
struct BERTLVRoundTripTests {
    @Test func randomTreesParseBackExactly() throws {
        var generator = TreeGenerator(rng: SplitMix64(seed: 0xB3B7_1F00))
        var failures: [String] = []
        var constructedSeen = 0
        var nonMinimalSeen = 0
        for iteration in 0..<400 {
            let trees = try (0..<generator.rng.int(1...4)).map { _ in try generator.tree(depth: 1, topLevel: true) }
            let input = trees.flatMap(\.encoded)
            let nodes = try BERTLV.parse(input)
            guard nodes.count == trees.count else {
                failures.append("#\(iteration): \(nodes.count) nodes for \(trees.count) trees")
                continue
            }
            for (node, tree) in zip(nodes, trees) {
                if let problem = mismatch(node, tree, in: input) { failures.append("#\(iteration): \(problem)") }
                if node.isConstructed { constructedSeen += 1 }
                if BERTLV.encode(tag: node.tag, value: node.value) != Array(node.encoded) { nonMinimalSeen += 1 }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(constructedSeen > 50)
        #expect(nonMinimalSeen > 50)
    }

    @Test func randomFilesWithFillerParseBackExactly() throws {
        var generator = TreeGenerator(rng: SplitMix64(seed: 0xF11E_0002))
        var failures: [String] = []
        for iteration in 0..<300 {
            let trees = try (0..<generator.rng.int(0...3)).map { _ in try generator.tree(depth: 1, topLevel: true) }
            let content = trees.flatMap(\.encoded)
            let filler: UInt8 = generator.rng.oneIn(2) ? 0xFF : 0x00
            let fillerCount = generator.rng.int(0...40)
            let file = content + [UInt8](repeating: filler, count: fillerCount)
            let parsed = try BERTLV.parseFile(file)
            if parsed.contentLength != content.count || parsed.fillerLength != fillerCount {
                failures.append("#\(iteration): \(parsed.contentLength)+\(parsed.fillerLength)")
            }
            guard parsed.nodes.count == trees.count else {
                failures.append("#\(iteration): \(parsed.nodes.count) nodes for \(trees.count) trees")
                continue
            }
            for (node, tree) in zip(parsed.nodes, trees) {
                if let problem = mismatch(node, tree, in: file) { failures.append("#\(iteration): \(problem)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    /// Random damage to valid encodings: every parser either throws a typed error or returns objects that
    /// cover the input exactly and re-read identically.
    @Test func damagedEncodingsNeverCrash() throws {
        var generator = TreeGenerator(rng: SplitMix64(seed: 0xDA3A_6E00))
        var failures: [String] = []
        var rejected = 0
        for _ in 0..<3_000 {
            var input = try generator.tree(depth: 1, topLevel: true).encoded
            switch generator.rng.int(0...3) {
            case 0: input = Array(input.prefix(generator.rng.int(0...input.count)))
            case 1:
                let index = generator.rng.int(0...max(0, min(input.count - 1, 8)))
                if index < input.count { input[index] = generator.rng.byte() }
            case 2: input += generator.rng.bytes(generator.rng.int(1...4))
            default: input = generator.rng.bytes(generator.rng.int(0...16))
            }
            do {
                let nodes = try BERTLV.parse(input)
                let covered = nodes.reduce(0) { $0 + $1.encoded.count }
                if covered != input.count { failures.append("coverage \(Hex.encode(input.prefix(16)))") }
                if try BERTLV.parse(nodes.flatMap(\.encoded)) != nodes { failures.append("reparse") }
            } catch {
                rejected += 1
            }
            _ = try? BERTLV.parseFile(input)
            _ = try? BERTLV.header(of: input[...])
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(rejected > 300)
    }
}
