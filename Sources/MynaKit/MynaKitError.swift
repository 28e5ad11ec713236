/// A failure of a MynaKit domain operation: a PIN-safety rule refused a step, a credential or face
/// authentication is locked, a certificate is not usable, or an operator declined.
///
/// Compared by ``code`` (an open set). Errors from lower layers — ``MynaTransport/TransportError`` (no
/// response from the card) and ``MynaISO7816/CardCommandError`` (a status word that means failure) — are
/// passed through unchanged, not wrapped, so a caller (and ``Diagnosis``) sees exactly what the card or
/// reader said. Never contains a PIN, a security code, the individual number or any other card-holder data.
public struct MynaKitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code.
        public let rawValue: String
        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// A PIN or password does not have its credential's format; nothing was sent to the card.
        public static let invalidPINFormat = Code("invalidPINFormat")
        /// A PIN was given for another credential than the operation needs; nothing was sent.
        public static let credentialMismatch = Code("credentialMismatch")
        /// The credential's retry counter is exhausted; no VERIFY was sent (or the card answered `6983`/`6984`).
        public static let credentialBlocked = Code("credentialBlocked")
        /// Only one try is left (or the card does not report how many) and the caller did not allow spending
        /// it; no VERIFY was sent.
        public static let lastAttemptNotAllowed = Code("lastAttemptNotAllowed")
        /// The card rejected the PIN; ``MynaKitError/retriesRemaining`` says how many tries are left.
        public static let wrongPIN = Code("wrongPIN")
        /// The credential does not exist on this card (a face-authentication card has no PIN and no signature
        /// password).
        public static let credentialAbsent = Code("credentialAbsent")
        /// The card answered an empty VERIFY with something that is not a retry count.
        public static let counterUnreadable = Code("counterUnreadable")
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
        /// The certificate bytes could not be parsed as X.509.
        public static let certificateInvalid = Code("certificateInvalid")
        /// The card's signature does not verify with the certificate's public key.
        public static let signatureInvalid = Code("signatureInvalid")
        /// The card in the reader has no JPKI applet: it is not a My Number Card.
        public static let notAMyNumberCard = Code("notAMyNumberCard")
        /// A value supplied by the caller (card-face values, challenge) is malformed.
        public static let invalidInput = Code("invalidInput")
        /// A card file does not have the structure this layer needs.
        public static let malformedCardData = Code("malformedCardData")
        /// The face-failure store could not be read or written.
        public static let storeFailure = Code("storeFailure")

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
    public init(
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

    public var description: String {
        var text = "MynaKitError.\(code): \(reason)"
        if let retriesRemaining { text += " (\(retriesRemaining) tries left)" }
        return text
    }

    public static func == (lhs: MynaKitError, rhs: MynaKitError) -> Bool {
        lhs.code == rhs.code && lhs.credential == rhs.credential && lhs.retriesRemaining == rhs.retriesRemaining
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(credential)
        hasher.combine(retriesRemaining)
    }
}
