/// Strict BER-TLV parsing and encoding for card files (ISO/IEC 7816-4 §5.2).
///
/// Accepted: tags of one to three bytes; lengths in short form and in the `81`, `82`, `83` long forms
/// (non-minimal long forms too, as cards write `82 00 xx`); constructed nesting up to a depth limit.
/// Rejected with a typed error: truncation, indefinite length (`80`), length fields of four or more bytes,
/// lengths past the end of the input, nesting past the limit.
///
/// A data object whose tag has the constructed bit but whose value is not a sequence of data objects (card
/// files do this, e.g. `FF 10 0C` + twelve ASCII digits) is returned with its whole value and no children;
/// ``TLVNode/parseValue(maximumDepth:)`` reads such a value strictly and reports why it is not BER-TLV.
public enum BERTLV {
    /// The default limit on constructed nesting; card files nest two or three levels.
    public static let defaultMaximumDepth = 16

    /// The result of parsing a fixed-size card file.
    public struct File: Hashable, Sendable {
        /// The top-level data objects.
        public let nodes: [TLVNode]
        /// How many bytes from the start of the file were content; the rest is `FF` or `00` filler.
        public let contentLength: Int
        /// How many filler bytes followed the content.
        public let fillerLength: Int

        /// The first top-level data object with `tag`.
        @inlinable
        public func node(_ tag: BERTag) -> TLVNode? { nodes.first { $0.tag == tag } }
    }

    /// Parses a sequence of data objects that must cover `bytes` exactly.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(CodecError) -> [TLVNode] {
        var reader = ByteReader(bytes)
        var nodes: [TLVNode] = []
        while !reader.isAtEnd {
            nodes.append(try readNode(&reader, depth: 1, maximumDepth: maximumDepth))
        }
        return nodes
    }

    /// Parses a sequence of data objects that must cover `bytes` exactly.
    @inlinable
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(CodecError) -> [TLVNode] {
        try parse(bytes[...], maximumDepth: maximumDepth)
    }

    /// Parses exactly one data object at the start of `bytes` and returns it; bytes after it are ignored.
    public static func parseFirst(
        _ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(CodecError) -> TLVNode {
        var reader = ByteReader(bytes)
        return try readNode(&reader, depth: 1, maximumDepth: maximumDepth)
    }

    /// Parses exactly one data object that must cover `bytes` exactly.
    public static func parseSingle(
        _ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(CodecError) -> TLVNode {
        var reader = ByteReader(bytes)
        let node = try readNode(&reader, depth: 1, maximumDepth: maximumDepth)
        guard reader.isAtEnd else { throw .trailingBytes("\(reader.remaining) bytes after the data object") }
        return node
    }

    /// Parses a fixed-size card file: data objects up to the point where only `FF` or only `00` filler remains.
    ///
    /// A filler byte where a tag should start, with non-filler bytes after it, is an error: the file is not
    /// a TLV file, or it is damaged.
    public static func parseFile(
        _ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(CodecError) -> File {
        var reader = ByteReader(bytes)
        var nodes: [TLVNode] = []
        while !reader.isAtEnd {
            if isAllFiller(reader.bytes) { break }
            if reader.bytes.first == 0x00 {
                throw .invalidTag("filler byte 00 followed by data at offset \(reader.position - bytes.startIndex)")
            }
            nodes.append(try readNode(&reader, depth: 1, maximumDepth: maximumDepth))
        }
        let content = reader.position - bytes.startIndex
        return File(nodes: nodes, contentLength: content, fillerLength: reader.remaining)
    }

    /// Parses a fixed-size card file.
    @inlinable
    public static func parseFile(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(CodecError) -> File {
        try parseFile(bytes[...], maximumDepth: maximumDepth)
    }

    /// The header of the data object at the start of `prefix`: how many bytes the tag and length take and
    /// how long the value is. Used to learn a file's length from its first bytes.
    ///
    /// - Returns: `nil` when `prefix` is too short to hold the whole header (read more bytes).
    /// - Throws: when the header is malformed.
    public static func header(
        of prefix: ArraySlice<UInt8>
    ) throws(CodecError) -> (headerLength: Int, valueLength: Int)? {
        var reader = ByteReader(prefix)
        do throws(CodecError) {
            _ = try BERTag.read(from: &reader)
            let length = try readLength(&reader)
            return (reader.position - prefix.startIndex, length)
        } catch where error.code == .truncated {
            return nil
        }
    }

    // MARK: Encoding

    /// The length field for `length` in the shortest form.
    @inlinable
    package static func encodeLength(_ length: Int) -> [UInt8] {
        precondition(length >= 0 && length <= 0xFF_FFFF, "BER-TLV lengths here are at most 16 MiB")
        switch length {
        case 0..<0x80: return [UInt8(length)]
        case 0x80...0xFF: return [0x81, UInt8(length)]
        case 0x100...0xFFFF: return [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        default: return [0x83, UInt8(length >> 16), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
        }
    }

    /// One data object: tag, shortest length, value.
    @inlinable
    public static func encode(tag: BERTag, value: some Collection<UInt8>) -> [UInt8] {
        var out = tag.bytes
        out.append(contentsOf: encodeLength(value.count))
        out.append(contentsOf: value)
        return out
    }

    /// A constructed data object holding `children`, each already encoded.
    @inlinable
    package static func encode(tag: BERTag, children: [[UInt8]]) -> [UInt8] {
        encode(tag: tag, value: children.joined())
    }

    // MARK: Internals

    @usableFromInline
    static func isAllFiller(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, first == 0xFF || first == 0x00 else { return false }
        return bytes.allSatisfy { $0 == first }
    }

    @usableFromInline
    static func readLength(_ reader: inout ByteReader) throws(CodecError) -> Int {
        guard let first = reader.next() else { throw .truncated("missing length") }
        if first < 0x80 { return Int(first) }
        if first == 0x80 { throw .indefiniteLength() }
        let count = Int(first & 0x7F)
        guard count <= 3 else { throw .invalidLength("length field of \(count) bytes") }
        guard let bytes = reader.take(count) else { throw .truncated("length field cut short") }
        return bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    @usableFromInline
    static func readNode(_ reader: inout ByteReader, depth: Int, maximumDepth: Int) throws(CodecError) -> TLVNode {
        guard depth <= maximumDepth else { throw .nestingTooDeep(maximumDepth) }
        let start = reader.bytes
        let tag = try BERTag.read(from: &reader)
        let length = try readLength(&reader)
        guard let value = reader.take(length) else {
            throw .truncated("data object \(tag) declares \(length) bytes, \(reader.remaining) remain")
        }
        let encoded = start[start.startIndex..<value.endIndex]
        var children: [TLVNode] = []
        if tag.isConstructed {
            // Card files set the constructed bit on plain values: EF 0001 of the text applet is `FF 10 0C` and
            // twelve ASCII digits. A value that is not a sequence of data objects is kept whole with no children
            // (`TLVNode.parseValue()` gives the strict reading and its error); hostile nesting is still refused.
            do throws(CodecError) {
                var inner = ByteReader(value)
                var parsed: [TLVNode] = []
                while !inner.isAtEnd {
                    parsed.append(try readNode(&inner, depth: depth + 1, maximumDepth: maximumDepth))
                }
                children = parsed
            } catch where error.code == .nestingTooDeep {
                throw error
            } catch {
                children = []
            }
        }
        return TLVNode(tag: tag, value: value, encoded: encoded, children: children)
    }
}
