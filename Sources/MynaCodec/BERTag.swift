/// A BER-TLV tag of one to three bytes (ISO/IEC 7816-4 §5.2.2.1, ISO/IEC 8825-1).
///
/// The tag is kept as the bytes it was written with (`0xDF22` for `DF 22`, `0x7F21` for `7F 21`), so values
/// from the wire that are not named here are still representable.
public struct BERTag: Hashable, Sendable, CustomStringConvertible {
    /// The tag bytes big-endian in the low bytes of a `UInt32` (`DF 22` → `0xDF22`).
    public let rawValue: UInt32
    /// How many bytes the tag takes on the wire (1…3).
    @usableFromInline package let byteCount: Int

    /// The class bits of the first byte.
    @usableFromInline package enum TagClass: UInt8, Hashable, Sendable {
        /// Universal class (class bits `00`): types defined by ASN.1 itself.
        case universal = 0
        /// Application class (class bits `01`): the tags of an application, such as `5F20` or `7F21`.
        case application = 1
        /// Context-specific class (class bits `10`): the meaning depends on the enclosing data object, such as
        /// `80` or `A0`.
        case contextSpecific = 2
        /// Private class (class bits `11`): the card issuer's own tags, such as the My Number Card's `DF22`.
        case `private` = 3
    }

    /// Creates a tag from its wire bytes, validating the multi-byte form.
    ///
    /// - Throws: ``CodecError/Code/truncated`` when the bytes end inside the tag (or are empty),
    ///   ``CodecError/Code/invalidTag`` when they are not one well-formed tag of 1…3 bytes.
    package init(bytes: some Collection<UInt8>) throws(CodecError) {
        var parser = ByteReader(Array(bytes)[...])
        let tag = try BERTag.read(from: &parser)
        guard parser.isAtEnd else { throw .invalidTag("bytes after the end of the tag") }
        self = tag
    }

    /// Creates a tag from its big-endian value, e.g. `BERTag(0xDF22)`, inferring the byte count.
    ///
    /// Intended for constants; a malformed value produces a tag whose wire bytes round-trip as given.
    @inlinable
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
        self.byteCount = rawValue > 0xFFFF ? 3 : (rawValue > 0xFF ? 2 : 1)
    }

    @usableFromInline
    init(rawValue: UInt32, byteCount: Int) {
        self.rawValue = rawValue
        self.byteCount = byteCount
    }

    /// The tag on the wire.
    @inlinable
    package var bytes: [UInt8] {
        (0..<byteCount).reversed().map { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32($0))) }
    }

    @inlinable
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32(byteCount - 1))) }

    /// The tag class.
    @inlinable
    package var tagClass: TagClass { TagClass(rawValue: firstByte >> 6) ?? .universal }

    /// Whether the data object is constructed (holds nested data objects).
    @inlinable
    package var isConstructed: Bool { firstByte & 0x20 != 0 }

    /// The tag bytes in upper-case hex, such as `DF22`.
    public var description: String { Hex.encode(bytes) }

    /// Reads one tag. Tags are at most three bytes; `00` and `FF` are rejected only by the file-level parser
    /// which treats them as filler.
    @usableFromInline
    static func read(from reader: inout ByteReader) throws(CodecError) -> BERTag {
        guard let first = reader.next() else { throw .truncated("missing tag") }
        var value = UInt32(first)
        var count = 1
        if first & 0x1F == 0x1F {
            // Subsequent bytes: bit 8 set means another byte follows.
            while true {
                guard let next = reader.next() else { throw .truncated("multi-byte tag cut short") }
                count += 1
                guard count <= 3 else { throw .invalidTag("tag longer than three bytes") }
                if count == 2 && next & 0x7F == 0 {
                    throw .invalidTag("tag with a zero first subsequent byte")
                }
                value = value << 8 | UInt32(next)
                if next & 0x80 == 0 { break }
            }
        }
        return BERTag(rawValue: value, byteCount: count)
    }
}
