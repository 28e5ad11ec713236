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

    private let backing: Backing

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// A human-readable reason. Never contains secrets or card-holder data.
    public var reason: String { backing.reason }
    /// The credential involved, if any.
    public var credential: Credential? { backing.credential }
    /// Tries left on ``credential`` when known (`0` when blocked).
    public var retriesRemaining: Int? { backing.retriesRemaining }

    /// An error with `code`, raised at the caller's `file` and `line`.
    package init(
        _ code: Code, _ reason: String, credential: Credential? = nil, retriesRemaining: Int? = nil,
        file: String = #fileID, line: UInt = #line
    ) {
        self.backing = Backing(
            code: code, reason: reason, credential: credential, retriesRemaining: retriesRemaining, file: file, line: line)
    }

    /// The code, the reason, the credential and tries left when known, and where the error was raised; never
    /// a PIN or a personal value.
    public var description: String {
        var details: [String] = []
        if let credential { details.append("credential: \(credential.name)") }
        if let retriesRemaining { details.append("retries remaining: \(retriesRemaining)") }
        return ErrorDescription.text(
            "MynaKitError", code: code, reason: reason, details: details, file: backing.file, line: backing.line)
    }
}

extension MynaKitError {
    /// The error's storage: one reference, so that a thrown error is one word. Equal when the codes are: the
    /// reason, the credential, the tries left and the source location are for people.
    fileprivate final class Backing: Hashable, Sendable {
        let code: Code
        let reason: String
        let credential: Credential?
        let retriesRemaining: Int?
        let file: String
        let line: UInt

        init(code: Code, reason: String, credential: Credential?, retriesRemaining: Int?, file: String, line: UInt) {
            self.code = code
            self.reason = reason
            self.credential = credential
            self.retriesRemaining = retriesRemaining
            self.file = file
            self.line = line
        }

        static func == (lhs: Backing, rhs: Backing) -> Bool { lhs.code == rhs.code }
        func hash(into hasher: inout Hasher) { hasher.combine(code) }
    }
}
