import MynaCodec
import MynaISO7816

/// A My Number Card operation that did not succeed.
///
/// Compared by ``code``. ``credential`` names the credential involved (which one is blocked, which one was
/// wrong) and ``retriesRemaining`` says how many tries it has left, when the card said so. Neither
/// ``reason`` nor ``description`` ever contains a PIN, a password or a personal value read from the card.
///
/// A failure to reach the card at all (card removed, reader gone, timeout) is not this error: it is the
/// transport's `TransportError`, passed through unchanged.
public struct MyNumberCardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure. An open set: compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        /// A code with a stable name; only this package makes codes (compare against the static members).
        package init(_ name: String) { self.name = name }

        /// The card rejected the PIN or password; ``MyNumberCardError/retriesRemaining`` tries are left.
        public static let wrongCredential = Code("wrongCredential")
        /// The credential is blocked (no tries left); only the municipal office can reset it.
        /// ``MyNumberCardError/credential`` names it.
        public static let credentialBlocked = Code("credentialBlocked")
        /// Only one try is left — ``MyNumberCardError/retriesRemaining`` is `1` — or the card does not report
        /// how many are left (`9000` or `6300` to the empty VERIFY; ``MyNumberCardError/retriesRemaining`` is
        /// `nil`), and the caller did not allow spending a try that may be the last
        /// (``VerificationOptions/allowLastAttempt``). Nothing was sent that spends a try.
        public static let lastAttemptRefused = Code("lastAttemptRefused")
        /// The PIN or password does not have the credential's format (checked before anything is sent).
        public static let invalidCredentialFormat = Code("invalidCredentialFormat")
        /// This operation does not accept this credential (e.g. PIN-A for the basic attributes).
        public static let credentialNotAccepted = Code("credentialNotAccepted")
        /// The card requires a credential that has not been verified (status word `6982`).
        public static let securityStatusNotSatisfied = Code("securityStatusNotSatisfied")
        /// The applet, file or credential does not exist on this card (status word `6A82`), e.g. the signature
        /// certificate of a face-authentication card, or the card info applets of a smartphone token.
        public static let notPresentOnThisCard = Code("notPresentOnThisCard")
        /// A file's content does not match the card's integrity record (`DF31` / `DF32`).
        public static let integrityCheckFailed = Code("integrityCheckFailed")
        /// A signature (of a card record, of a challenge, or returned by JPKI signing) does not verify.
        public static let signatureInvalid = Code("signatureInvalid")
        /// A certificate cannot be parsed, or its chain does not validate against the trust anchors.
        public static let certificateInvalid = Code("certificateInvalid")
        /// A file read from the card does not have the layout it must have.
        public static let malformedFile = Code("malformedFile")
        /// An individual number whose 12th digit is not its check digit.
        public static let invalidCheckDigit = Code("invalidCheckDigit")
        /// An argument is outside its domain (a digest of the wrong length, a date before Meiji, …).
        public static let invalidArgument = Code("invalidArgument")
        /// The card answered a status word this operation does not expect;
        /// see ``MyNumberCardError/statusWord``.
        public static let cardRejectedCommand = Code("cardRejectedCommand")
        /// ``MyNumberCard/logOut()`` could not leave the current applet: the card accepted neither the ISD nor
        /// another applet. A verified credential may still be usable until the card is powered off.
        public static let notLoggedOut = Code("notLoggedOut")
        /// Under ``CardVerifiableAuthorityPolicy/strict``, a record whose issuer key is not authenticated by a
        /// production authority key (a test-hierarchy key, an unknown authority, or a certificate the named
        /// authority's key does not verify); ``MyNumberCardError/reason`` says which.
        public static let issuerNotAuthenticated = Code("issuerNotAuthenticated")

        /// The code's stable name, such as `wrongCredential`.
        public var description: String { name }
    }

    private struct Details: Sendable {
        let credential: Credential?
        let retriesRemaining: Int?
        let statusWord: StatusWord?
        let instruction: Instruction?
    }

    private let backing: ErrorBacking<Code, Details>

    /// What went wrong, for comparison.
    public var code: Code { backing.code }
    /// A human-readable reason. Never contains secrets or personal values.
    public var reason: String { backing.reason }
    /// The credential involved, if any.
    public var credential: Credential? { backing.details.credential }
    /// The tries the credential has left, when known (`0` when blocked).
    public var retriesRemaining: Int? { backing.details.retriesRemaining }
    /// The status word the card answered, when the failure came from the card.
    public var statusWord: StatusWord? { backing.details.statusWord }
    /// The command the card answered with ``statusWord``, when the failure came from the card.
    public var instruction: Instruction? { backing.details.instruction }

    /// An error with `code`, raised at the caller's `file` and `line`.
    package init(
        _ code: Code, _ reason: String, credential: Credential? = nil, retriesRemaining: Int? = nil,
        statusWord: StatusWord? = nil, instruction: Instruction? = nil, file: String = #fileID, line: UInt = #line
    ) {
        let details = Details(
            credential: credential, retriesRemaining: retriesRemaining, statusWord: statusWord, instruction: instruction)
        self.backing = ErrorBacking(code, reason, details, file: file, line: line)
    }

    /// The code, the reason, the credential, tries left and status word when known, and where the error was
    /// raised; never a PIN or a personal value.
    public var description: String {
        var facts: [String] = []
        if let credential { facts.append("credential: \(credential.name)") }
        if let retriesRemaining { facts.append("retries remaining: \(retriesRemaining)") }
        if let statusWord { facts.append("SW \(Hex.encode(statusWord.bytes))") }
        return backing.description("MyNumberCardError", facts: facts)
    }
}

extension MyNumberCardError {
    static func malformed(_ reason: String, file: String = #fileID, line: UInt = #line) -> MyNumberCardError {
        MyNumberCardError(.malformedFile, reason, file: file, line: line)
    }

    /// Translates an error from the layers below into this module's error, adding what is known about the
    /// operation. `TransportError` and errors of this type pass through unchanged.
    static func translating(
        _ error: any Error, what: @autoclosure () -> String, credential: Credential? = nil,
        file: String = #fileID, line: UInt = #line
    ) -> any Error {
        switch error {
        case let error as CardCommandError:
            let subject = what()
            switch error.code {
            case .fileNotFound:
                return MyNumberCardError(
                    .notPresentOnThisCard, "\(subject) is not present on this card", credential: credential,
                    statusWord: error.statusWord, instruction: error.instruction, file: file, line: line)
            case .securityStatusNotSatisfied:
                return MyNumberCardError(
                    .securityStatusNotSatisfied, "\(subject) needs a credential that has not been verified",
                    credential: credential, statusWord: error.statusWord, instruction: error.instruction, file: file, line: line)
            case .referenceDataBlocked:
                return MyNumberCardError(
                    .credentialBlocked, "\(subject): the credential is blocked", credential: credential,
                    retriesRemaining: 0, statusWord: error.statusWord, instruction: error.instruction, file: file, line: line)
            case .malformedResponse:
                return MyNumberCardError(
                    .malformedFile, "\(subject): \(error.reason)", credential: credential,
                    statusWord: error.statusWord, instruction: error.instruction, file: file, line: line)
            default:
                return MyNumberCardError(
                    .cardRejectedCommand, "\(subject): \(error.instruction.name) failed: \(error.reason)",
                    credential: credential, statusWord: error.statusWord, instruction: error.instruction, file: file, line: line)
            }
        case let error as CodecError:
            // Codec reasons name tags and lengths, never values.
            return MyNumberCardError(.malformedFile, "\(what()): \(error.reason)", file: file, line: line)
        default:
            return error
        }
    }
}
