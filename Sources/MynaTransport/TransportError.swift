/// A failure to exchange an APDU: no response came back from the card.
///
/// Compared by ``code``. Backends keep their own system code (for PC/SC the `SCARD_E_…` value and name)
/// in ``systemCode`` and ``systemCodeName`` so that nothing is lost when errors are classified.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, such as `"cardRemoved"`.
        public let rawValue: String
        /// Creates a code; backends use the static members, or a name of their own for a failure none describes.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The card was removed (or the simulated card pulled).
        public static let cardRemoved = Code("cardRemoved")
        /// The card was reset by someone else; its state (selection, verification) is lost.
        public static let cardReset = Code("cardReset")
        /// No card is in the reader.
        public static let noCard = Code("noCard")
        /// The card did not answer the reset or does not respond.
        public static let unresponsiveCard = Code("unresponsiveCard")
        /// The named reader is not there (unplugged, or never was).
        public static let noReader = Code("noReader")
        /// No reader is attached at all.
        public static let noReadersAvailable = Code("noReadersAvailable")
        /// The card did not answer in time.
        public static let timeout = Code("timeout")
        /// The smart-card service (pcscd) is not running.
        public static let serviceUnavailable = Code("serviceUnavailable")
        /// Another application holds the card exclusively.
        public static let sharingViolation = Code("sharingViolation")
        /// The card and reader share no protocol that was asked for.
        public static let unsupportedProtocol = Code("unsupportedProtocol")
        /// The operation was cancelled.
        public static let cancelled = Code("cancelled")
        /// The bytes that came back are not a response APDU.
        public static let malformedResponse = Code("malformedResponse")
        /// A replayed transcript expected another command than the one sent.
        public static let transcriptMismatch = Code("transcriptMismatch")
        /// A replayed transcript has no more exchanges.
        public static let transcriptExhausted = Code("transcriptExhausted")
        /// A transcript file could not be read or written, or is malformed.
        public static let transcriptInvalid = Code("transcriptInvalid")
        /// The connection was closed or not open.
        public static let notConnected = Code("notConnected")
        /// Any other backend failure; see ``TransportError/systemCode``.
        public static let backendFailure = Code("backendFailure")

        /// The code's stable name.
        public var description: String { rawValue }
    }

    /// What went wrong, for comparison.
    public let code: Code
    /// A human-readable reason, with the remedy where there is one. Never contains card data.
    public let reason: String
    /// The backend's own error code (for PC/SC the `LONG` return value), if any.
    public let systemCode: Int64?
    /// The backend's name for ``systemCode`` (for PC/SC, e.g. `SCARD_E_NO_SERVICE`).
    public let systemCodeName: String?
    /// Where the error was raised.
    public let file: String
    /// The line where the error was raised.
    public let line: UInt

    /// Creates an error.
    public init(
        _ code: Code, _ reason: String, systemCode: Int64? = nil, systemCodeName: String? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.code = code
        self.reason = reason
        self.systemCode = systemCode
        self.systemCodeName = systemCodeName
        self.file = file
        self.line = line
    }

    /// The code, the reason, and the backend's system code and its name when known.
    public var description: String {
        var text = "TransportError.\(code): \(reason)"
        if let systemCodeName {
            text += " [\(systemCodeName)"
            if let systemCode { text += " 0x" + String(UInt32(truncatingIfNeeded: systemCode), radix: 16, uppercase: true) }
            text += "]"
        }
        return text
    }

    /// Errors are equal when their codes are: the reason and the system code are for people.
    public static func == (lhs: TransportError, rhs: TransportError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, as ``==(_:_:)`` compares it.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
