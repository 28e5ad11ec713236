/// An error raised while encoding or decoding APDUs or BER-TLV.
///
/// Errors are compared by ``code``; the ``reason`` is for people and never contains
/// data that came from a card (no PINs, no personal values).
public struct CodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline let rawValue: UInt8
        @inlinable init(_ rawValue: UInt8) { self.rawValue = rawValue }

        /// The input ended before a complete structure was read.
        public static let truncated = Code(1)
        /// A length field is outside the range allowed for this field.
        public static let invalidLength = Code(2)
        /// Bytes remain after a complete structure where none are allowed.
        public static let trailingBytes = Code(3)
        /// A BER-TLV tag is malformed or longer than three bytes.
        public static let invalidTag = Code(4)
        /// A BER-TLV length uses the indefinite form (`80`), which card files never use.
        public static let indefiniteLength = Code(5)
        /// Constructed data objects are nested deeper than the parser allows.
        public static let nestingTooDeep = Code(6)
        /// A value is outside its domain (for example Ne of 0 or above 65536).
        public static let invalidValue = Code(7)
        /// A response APDU is shorter than its two status bytes.
        public static let missingStatusWord = Code(8)
        /// A constructed data object was expected but a primitive one was found (or the reverse).
        public static let unexpectedEncoding = Code(9)

        /// The code's name, such as `truncated`; `code(n)` for a code this version does not name.
        public var description: String {
            switch self {
            case .truncated: "truncated"
            case .invalidLength: "invalidLength"
            case .trailingBytes: "trailingBytes"
            case .invalidTag: "invalidTag"
            case .indefiniteLength: "indefiniteLength"
            case .nestingTooDeep: "nestingTooDeep"
            case .invalidValue: "invalidValue"
            case .missingStatusWord: "missingStatusWord"
            case .unexpectedEncoding: "unexpectedEncoding"
            default: "code(\(rawValue))"
            }
        }
    }

    /// What went wrong, for comparison.
    public let code: Code
    /// A human-readable reason.
    public let reason: String
    /// Where the error was raised.
    public let file: String
    /// The line where the error was raised.
    public let line: UInt

    @inlinable
    init(code: Code, reason: String, file: String, line: UInt) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// The code and the reason; never the bytes that failed to parse.
    public var description: String { "CodecError.\(code): \(reason)" }

    /// Errors are equal when their codes are: the reason and the source location are for people.
    public static func == (lhs: CodecError, rhs: CodecError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, as ``==(_:_:)`` compares it.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    @inlinable
    static func truncated(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .truncated, reason: reason, file: file, line: line)
    }
    @inlinable
    static func invalidLength(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .invalidLength, reason: reason, file: file, line: line)
    }
    @inlinable
    static func trailingBytes(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .trailingBytes, reason: reason, file: file, line: line)
    }
    @inlinable
    static func invalidTag(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .invalidTag, reason: reason, file: file, line: line)
    }
    @inlinable
    static func indefiniteLength(file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .indefiniteLength, reason: "indefinite length (80) is not allowed", file: file, line: line)
    }
    @inlinable
    static func nestingTooDeep(_ limit: Int, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .nestingTooDeep, reason: "nesting deeper than \(limit) levels", file: file, line: line)
    }
    @inlinable
    static func invalidValue(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .invalidValue, reason: reason, file: file, line: line)
    }
    @inlinable
    static func missingStatusWord(_ count: Int, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(
            code: .missingStatusWord,
            reason: "a response APDU needs at least 2 bytes, got \(count)",
            file: file, line: line)
    }
    @inlinable
    static func unexpectedEncoding(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .unexpectedEncoding, reason: reason, file: file, line: line)
    }
}

extension CodecError {
    /// An ``Code/invalidLength`` error, for the modules above the codec.
    package static func invalidLengthError(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .invalidLength, reason: reason, file: file, line: line)
    }
    /// An ``Code/invalidValue`` error, for the modules above the codec.
    package static func invalidValueError(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .invalidValue, reason: reason, file: file, line: line)
    }
    /// An ``Code/unexpectedEncoding`` error, for the modules above the codec.
    package static func unexpectedEncodingError(_ reason: String, file: String = #fileID, line: UInt = #line) -> CodecError {
        CodecError(code: .unexpectedEncoding, reason: reason, file: file, line: line)
    }
}
