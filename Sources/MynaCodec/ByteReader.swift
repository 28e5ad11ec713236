/// A bounds-checked cursor over a byte slice. Every read returns `nil` or throws instead of trapping.
@usableFromInline
struct ByteReader {
    @usableFromInline var bytes: ArraySlice<UInt8>

    @inlinable init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    @inlinable var isAtEnd: Bool { bytes.isEmpty }
    @inlinable var remaining: Int { bytes.count }
    @inlinable var position: Int { bytes.startIndex }

    @inlinable
    mutating func next() -> UInt8? { bytes.popFirst() }

    @inlinable
    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= bytes.count else { return nil }
        let end = bytes.index(bytes.startIndex, offsetBy: count)
        let out = bytes[bytes.startIndex..<end]
        bytes = bytes[end...]
        return out
    }
}
