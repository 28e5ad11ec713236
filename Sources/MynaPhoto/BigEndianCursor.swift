/// Reads big-endian integers from a byte array with every access bounds-checked.
///
/// Running out of bytes throws ``PhotoError/Code/truncated`` naming what was being read.
struct BigEndianCursor {
    let bytes: [UInt8]
    private(set) var offset: Int
    /// One past the last byte this cursor may read.
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        let limit = min(end ?? bytes.count, bytes.count)
        self.offset = min(max(start, 0), limit)
        self.end = limit
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset >= end }

    mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws(PhotoError) {
        guard count >= 0, count <= remaining else {
            throw .truncated("\(what()) needs \(count) bytes, \(remaining) remain")
        }
        offset += count
    }

    mutating func uint8(_ what: @autoclosure () -> String) throws(PhotoError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated("\(what()): the data ends") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(_ what: @autoclosure () -> String) throws(PhotoError) -> UInt16 {
        UInt16(truncatingIfNeeded: try integer(2, what()))
    }

    mutating func uint32(_ what: @autoclosure () -> String) throws(PhotoError) -> UInt32 {
        UInt32(truncatingIfNeeded: try integer(4, what()))
    }

    mutating func uint64(_ what: @autoclosure () -> String) throws(PhotoError) -> UInt64 {
        try integer(8, what())
    }

    /// The next two bytes without consuming them, or `nil` when fewer remain.
    func peekUInt16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    private mutating func integer(_ width: Int, _ what: @autoclosure () -> String) throws(PhotoError) -> UInt64 {
        guard remaining >= width else {
            throw .truncated("\(what()) needs \(width) bytes, \(remaining) remain")
        }
        var value: UInt64 = 0
        for index in offset..<(offset + width) {
            value = value << 8 | UInt64(bytes[index])
        }
        offset += width
        return value
    }
}
