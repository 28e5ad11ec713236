/// Why a signature could not be made or does not verify.
///
/// Like swift-asn1's errors: a ``code`` to compare, a human ``reason``, and where it was thrown.
public struct SignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure; an open set.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String

        /// Creates a code.
        public init(_ name: String) { self.name = name }

        /// An argument was rejected before anything was sent to the card.
        public static let invalidArgument = Code("invalidArgument")
        /// The CMS structure is not well-formed DER, or lacks what a signature needs.
        public static let malformedCMS = Code("malformedCMS")
        /// The PDF cannot be parsed (no trailer, a broken cross-reference section, a bad object).
        public static let malformedPDF = Code("malformedPDF")
        /// The PDF is well-formed but cannot be signed or verified safely here (encrypted, too large).
        public static let unsupportedPDF = Code("unsupportedPDF")
        /// The document holds no signature.
        public static let noSignature = Code("noSignature")
        /// The signed content does not match: message digest, ByteRange or attached content.
        public static let contentMismatch = Code("contentMismatch")
        /// The signature value does not verify with the signer's key.
        public static let signatureInvalid = Code("signatureInvalid")
        /// The signer's certificate does not chain to a trust anchor under the JPKI policy.
        public static let certificateInvalid = Code("certificateInvalid")

        /// The code's ``name``.
        public var description: String { name }
    }

    /// What kind of failure.
    public let code: Code
    /// A human explanation.
    public let reason: String
    /// The source file that threw.
    public let file: String
    /// The source line that threw.
    public let line: UInt

    /// Creates an error.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Code and reason.
    public var description: String { "SignatureError.\(code): \(reason)" }

    /// Two errors are equal when code and reason are.
    public static func == (lhs: SignatureError, rhs: SignatureError) -> Bool {
        lhs.code == rhs.code && lhs.reason == rhs.reason
    }

    /// Hashes code and reason.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(reason)
    }
}
