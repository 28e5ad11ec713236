/// An error raised while encoding or decoding APDUs or BER-TLV.
///
/// Errors are compared by ``code``; the ``reason`` is for people and never contains
/// data that came from a card (no PINs, no personal values). The ``description`` adds where the error was
/// raised.
public struct CodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A code with a stable name; only this package makes codes (compare against the static members).
        package init(_ name: String) { self.name = name }

        /// The input ended before a complete structure was read.
        public static let truncated = Code("truncated")
        /// A length field is outside the range allowed for this field.
        public static let invalidLength = Code("invalidLength")
        /// Bytes remain after a complete structure where none are allowed.
        public static let trailingBytes = Code("trailingBytes")
        /// A BER-TLV tag is malformed or longer than three bytes.
        public static let invalidTag = Code("invalidTag")
        /// A BER-TLV length uses the indefinite form (`80`), which card files never use.
        public static let indefiniteLength = Code("indefiniteLength")
        /// Constructed data objects are nested deeper than the parser allows.
        public static let nestingTooDeep = Code("nestingTooDeep")
        /// A value is outside its domain (for example Ne of 0 or above 65536).
        public static let invalidValue = Code("invalidValue")
        /// A response APDU is shorter than its two status bytes.
        public static let missingStatusWord = Code("missingStatusWord")
        /// A constructed data object was expected but a primitive one was found (or the reverse).
        public static let unexpectedEncoding = Code("unexpectedEncoding")

        /// The code's stable name, such as `truncated`.
        public var description: String { name }
    }

    private let backing: ErrorBacking<Code, Void>

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// A human-readable reason.
    public var reason: String { backing.reason }

    /// An error with `code`, raised at the caller's `file` and `line`.
    package init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.backing = ErrorBacking(code, reason, (), file: file, line: line)
    }

    /// The code, the reason and where the error was raised; never the bytes that failed to parse.
    public var description: String { backing.description("CodecError") }
}

// The codec's own factories, one per code, callable from its inlinable parsers.
extension CodecError {
    @usableFromInline @inline(never)
    static func truncated(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.truncated, reason, file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func invalidLength(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.invalidLength, reason, file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func trailingBytes(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.trailingBytes, reason, file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func invalidTag(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.invalidTag, reason, file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func indefiniteLength(file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.indefiniteLength, "indefinite length (80) is not allowed", file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func nestingTooDeep(_ limit: Int, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.nestingTooDeep, "nesting deeper than \(limit) levels", file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func invalidValue(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.invalidValue, reason, file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func missingStatusWord(_ count: Int, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.missingStatusWord, "a response APDU needs at least 2 bytes, got \(count)", file: file, line: line)
    }
    @usableFromInline @inline(never)
    static func unexpectedEncoding(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(.unexpectedEncoding, reason, file: file, line: line)
    }
}
