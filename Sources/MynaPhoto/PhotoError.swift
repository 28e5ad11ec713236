/// An error raised while decoding, validating or rendering a card-face image.
///
/// Errors are compared by ``code``; the ``reason`` is for people. A reason describes the structure that
/// was wrong (a box, a marker, a limit) and never contains pixel data or other personal data.
public struct PhotoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline let rawValue: UInt8
        @inlinable init(_ rawValue: UInt8) { self.rawValue = rawValue }

        /// The input holds no bytes at all.
        public static let empty = Code(1)
        /// The input is neither a JP2 file nor a raw JPEG 2000 codestream.
        public static let unrecognizedFormat = Code(2)
        /// The input ended before a complete structure was read (a cut-off file).
        public static let truncated = Code(3)
        /// A box, marker segment or field is malformed.
        public static let malformed = Code(4)
        /// The declared image is wider or taller than the decoder's limits allow.
        public static let dimensionsTooLarge = Code(5)
        /// The codestream declares more tiles than the decoder's limits allow.
        public static let tooManyTiles = Code(6)
        /// A valid but unsupported feature: too many components, too deep samples, subsampling, CMYK.
        public static let unsupported = Code(7)
        /// OpenJPEG rejected the data or failed while decoding it.
        public static let decodeFailed = Code(8)
        /// An image's dimensions and pixel count do not agree.
        public static let invalidImage = Code(9)
        /// Bytes that should be a PNG file are not a valid one.
        public static let invalidPNG = Code(10)
        /// An argument is outside its allowed range (for example zero preview columns).
        public static let invalidArgument = Code(11)

        /// The code's name.
        public var description: String {
            switch self {
            case .empty: "empty"
            case .unrecognizedFormat: "unrecognizedFormat"
            case .truncated: "truncated"
            case .malformed: "malformed"
            case .dimensionsTooLarge: "dimensionsTooLarge"
            case .tooManyTiles: "tooManyTiles"
            case .unsupported: "unsupported"
            case .decodeFailed: "decodeFailed"
            case .invalidImage: "invalidImage"
            case .invalidPNG: "invalidPNG"
            case .invalidArgument: "invalidArgument"
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

    /// The code and the reason.
    public var description: String { "PhotoError.\(code): \(reason)" }

    /// Errors are equal when their codes are; reason and location are not compared.
    public static func == (lhs: PhotoError, rhs: PhotoError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    static func empty(file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .empty, reason: "no bytes to decode", file: file, line: line)
    }
    static func unrecognizedFormat(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .unrecognizedFormat, reason: reason, file: file, line: line)
    }
    static func truncated(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .truncated, reason: reason, file: file, line: line)
    }
    static func malformed(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .malformed, reason: reason, file: file, line: line)
    }
    static func dimensionsTooLarge(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .dimensionsTooLarge, reason: reason, file: file, line: line)
    }
    static func tooManyTiles(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .tooManyTiles, reason: reason, file: file, line: line)
    }
    static func unsupported(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .unsupported, reason: reason, file: file, line: line)
    }
    static func decodeFailed(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .decodeFailed, reason: reason, file: file, line: line)
    }
    static func invalidImage(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .invalidImage, reason: reason, file: file, line: line)
    }
    static func invalidPNG(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .invalidPNG, reason: reason, file: file, line: line)
    }
    // `package`: the example reader's terminal preview rejects a width with the same error as resizing.
    package static func invalidArgument(_ reason: String, file: String = #fileID, line: UInt = #line) -> PhotoError {
        PhotoError(code: .invalidArgument, reason: reason, file: file, line: line)
    }
}
