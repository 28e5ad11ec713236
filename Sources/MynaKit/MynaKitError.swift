import MynaCard

/// A failure of a MynaKit domain operation: a PIN-safety rule refused a step, a credential or face
/// authentication is locked, a certificate is not usable, or an operator declined.
///
/// Compared by ``code`` (an open set). Errors from lower layers — `TransportError` (no response from the
/// card), `MyNumberCardError` (a PIN refused or wrong, a file missing, a signature that does not verify; it
/// carries the card's status word) — are passed through unchanged, not wrapped, so a caller (and ``Diagnosis``) sees exactly what the card or
/// reader said. Never contains a PIN, a security code, the individual number or any other card-holder data.
public struct MynaKitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code.
        public let rawValue: String
        /// Creates a code.
        package init(_ rawValue: String) { self.rawValue = rawValue }

        /// PIN mode on a card without a user-authentication PIN (a face-authentication card).
        public static let pinNotAvailable = Code("pinNotAvailable")
        /// Face authentication is locked for this card after too many consecutive failures.
        public static let faceAuthenticationLocked = Code("faceAuthenticationLocked")
        /// The face matcher found that the live capture does not match the card photo.
        public static let faceNotMatched = Code("faceNotMatched")
        /// The operator did not confirm the card holder in a visual (目視) check.
        public static let visualConfirmationDeclined = Code("visualConfirmationDeclined")
        /// The mode is not allowed in this profile or on this card (face mode in the emergency profile).
        public static let modeNotAllowed = Code("modeNotAllowed")
        /// The user-authentication certificate expired more than the 3-month grace period ago.
        public static let certificateExpired = Code("certificateExpired")
        /// The user-authentication certificate is not valid yet.
        public static let certificateNotYetValid = Code("certificateNotYetValid")
        /// The card in the reader has no JPKI applet: it is not a My Number Card.
        public static let notAMyNumberCard = Code("notAMyNumberCard")
        /// A value supplied by the caller (card-face values, challenge) is malformed.
        public static let invalidInput = Code("invalidInput")
        /// The face-failure store could not be read or written.
        public static let storeFailure = Code("storeFailure")

        /// The code's stable name.
        public var description: String { rawValue }
    }

    /// What went wrong, for comparison.
    public let code: Code
    /// A human-readable reason. Never contains secrets or card-holder data.
    public let reason: String
    /// The credential involved, if any.
    public let credential: Credential?
    /// Tries left on ``credential`` when known (`0` when blocked).
    public let retriesRemaining: Int?
    /// Where the error was raised.
    public let file: String
    /// The line where the error was raised.
    public let line: UInt

    /// Creates an error.
    package init(
        _ code: Code, _ reason: String, credential: Credential? = nil, retriesRemaining: Int? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.code = code
        self.reason = reason
        self.credential = credential
        self.retriesRemaining = retriesRemaining
        self.file = file
        self.line = line
    }

    /// The code, the reason and the tries left when known; never a PIN or a personal value.
    public var description: String {
        var text = "MynaKitError.\(code): \(reason)"
        if let retriesRemaining { text += " (\(retriesRemaining) tries left)" }
        return text
    }

    /// Errors are equal when their code, credential and tries left are: the reason and source location are for people.
    public static func == (lhs: MynaKitError, rhs: MynaKitError) -> Bool {
        lhs.code == rhs.code && lhs.credential == rhs.credential && lhs.retriesRemaining == rhs.retriesRemaining
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(credential)
        hasher.combine(retriesRemaining)
    }
}
