import MynaCodec

/// A failure to exchange an APDU: no response came back from the card.
///
/// Compared by ``code``. Backends keep their own system code (for PC/SC the `SCARD_E_…` value and name)
/// in ``systemCode`` and ``systemCodeName`` so that nothing is lost when errors are classified. The
/// ``description`` adds the system code and where the error was raised.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A code with a stable name; only this package makes codes (compare against the static members). A
        /// replayed transcript keeps a code this version does not name.
        package init(_ name: String) { self.name = name }

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

        /// The code's stable name, such as `cardRemoved`.
        public var description: String { name }
    }

    private struct Details: Sendable {
        let systemCode: Int64?
        let systemCodeName: String?
    }

    private let backing: ErrorBacking<Code, Details>

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// A human-readable reason, with the remedy where there is one. Never contains card data.
    public var reason: String { backing.reason }
    /// The backend's own error code (for PC/SC the `LONG` return value), if any.
    public var systemCode: Int64? { backing.details.systemCode }
    /// The backend's name for ``systemCode`` (for PC/SC, e.g. `SCARD_E_NO_SERVICE`).
    public var systemCodeName: String? { backing.details.systemCodeName }

    /// Creates an error, raised at the caller's `file` and `line`.
    ///
    /// Public, unlike the other layers' errors, because an app's own ``CardTransport`` (a phone's NFC
    /// reader, say) reports a lost card with it, so that the layers above classify the failure as they
    /// classify a backend's.
    public init(
        _ code: Code, _ reason: String, systemCode: Int64? = nil, systemCodeName: String? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.backing = ErrorBacking(
            code, reason, Details(systemCode: systemCode, systemCodeName: systemCodeName), file: file, line: line)
    }

    /// The code, the reason, the backend's system code and its name when known, and where the error was
    /// raised.
    public var description: String {
        guard var fact = systemCodeName else { return backing.description("TransportError") }
        if let systemCode { fact += " 0x" + String(UInt32(truncatingIfNeeded: systemCode), radix: 16, uppercase: true) }
        return backing.description("TransportError", facts: [fact])
    }
}
