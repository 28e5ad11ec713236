import MynaCard
import MynaCodec

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
        private let name: String

        /// A code with a stable name; only this package makes codes (compare against the static members).
        package init(_ name: String) { self.name = name }

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

        /// The code's stable name, such as `faceNotMatched`.
        public var description: String { name }
    }

    private struct Details: Sendable {
        let credential: Credential?
        let retriesRemaining: Int?
    }

    private let backing: ErrorBacking<Code, Details>

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// A human-readable reason. Never contains secrets or card-holder data.
    public var reason: String { backing.reason }
    /// The credential involved, if any.
    public var credential: Credential? { backing.details.credential }
    /// Tries left on ``credential`` when known (`0` when blocked).
    public var retriesRemaining: Int? { backing.details.retriesRemaining }

    /// An error with `code`, raised at the caller's `file` and `line`.
    package init(
        _ code: Code, _ reason: String, credential: Credential? = nil, retriesRemaining: Int? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.backing = ErrorBacking(
            code, reason, Details(credential: credential, retriesRemaining: retriesRemaining), file: file, line: line)
    }

    /// The code, the reason, the credential and tries left when known, and where the error was raised; never
    /// a PIN or a personal value.
    public var description: String {
        var facts: [String] = []
        if let credential { facts.append("credential: \(credential.name)") }
        if let retriesRemaining { facts.append("retries remaining: \(retriesRemaining)") }
        return backing.description("MynaKitError", facts: facts)
    }
}
