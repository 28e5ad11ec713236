/// One BER-TLV data object whose bytes are slices of the parsed input (no copies).
public struct TLVNode: Hashable, Sendable {
    /// The tag.
    public let tag: BERTag
    /// The value field, a slice of the input.
    public let value: ArraySlice<UInt8>
    /// The whole data object as stored — tag, length and value — a slice of the input.
    ///
    /// Card signatures are computed over data objects exactly as stored, length encoding included.
    public let encoded: ArraySlice<UInt8>
    /// The nested data objects of a constructed tag; empty for primitive tags, and for a constructed tag whose
    /// value is not a sequence of data objects (see ``parseValue(maximumDepth:)`` for the strict reading).
    public let children: [TLVNode]

    @usableFromInline
    init(tag: BERTag, value: ArraySlice<UInt8>, encoded: ArraySlice<UInt8>, children: [TLVNode]) {
        self.tag = tag
        self.value = value
        self.encoded = encoded
        self.children = children
    }

    /// Whether the tag is constructed.
    @inlinable public var isConstructed: Bool { tag.isConstructed }

    /// The first direct child with `tag`, if any.
    @inlinable
    public func child(_ tag: BERTag) -> TLVNode? { children.first { $0.tag == tag } }

    /// The first direct child with `tag`.
    ///
    /// - Throws: ``CodecError/Code/unexpectedEncoding`` when there is none.
    package func requiredChild(_ tag: BERTag) throws(CodecError) -> TLVNode {
        guard let node = child(tag) else {
            throw .unexpectedEncoding("data object \(self.tag) has no \(tag)")
        }
        return node
    }

    /// Parses the value of a primitive data object that itself holds concatenated data objects
    /// (for example the body `5F4E` of a card-verifiable certificate, or an RSA key `90`/`91`), or strictly
    /// re-reads the value of a constructed one, throwing the error that left it without ``children``.
    public func parseValue(maximumDepth: Int = BERTLV.defaultMaximumDepth) throws(CodecError) -> [TLVNode] {
        try BERTLV.parse(value, maximumDepth: maximumDepth)
    }
}
