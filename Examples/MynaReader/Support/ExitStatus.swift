/// The process exit status, one per failure class, so that scripts can branch without parsing text.
///
/// The numbers are part of the documented interface (Documentation/example-reader.md): never renumber.
enum ExitStatus: Int32, CaseIterable, Sendable {
    /// The command did what it was asked.
    case success = 0
    /// Anything not covered by a more specific class.
    case failure = 1
    /// The command line or an input value is malformed (unknown option, PIN of the wrong format, …);
    /// nothing was sent to the card.
    case usage = 2
    /// No reader, no card in the reader, the card was removed, or waiting for a card timed out.
    case noReaderOrCard = 3
    /// The card rejected the PIN or password; tries remain.
    case wrongCredential = 4
    /// The credential (or face authentication) is locked; only the municipal office can unlock it.
    case credentialLocked = 5
    /// A certificate is expired, not yet valid or unusable.
    case certificateProblem = 6
    /// Data read from the card failed its integrity or signature check, or is malformed.
    case cardDataIntegrity = 7
    /// The reader, the smart-card service or the connection failed.
    case transport = 8
    /// What was asked for does not exist on this card (a face-authentication card's PIN, a child's
    /// signature certificate, a smartphone token's card-face applet, a card that is not a My Number Card).
    case notPresent = 9
    /// Only one try was left and the user did not agree to spend it; nothing was sent.
    case lastTryDeclined = 10
    /// A check ran and did not pass: a signature does not verify, the face did not match, the operator
    /// did not confirm the holder.
    case checkFailed = 11
    /// Interrupted by Ctrl-C (SIGINT), as shells report it.
    case interrupted = 130

    /// A short stable name, used in the JSON error object's documentation.
    var name: String {
        switch self {
        case .success: "success"
        case .failure: "failure"
        case .usage: "usage"
        case .noReaderOrCard: "noReaderOrCard"
        case .wrongCredential: "wrongCredential"
        case .credentialLocked: "credentialLocked"
        case .certificateProblem: "certificateProblem"
        case .cardDataIntegrity: "cardDataIntegrity"
        case .transport: "transport"
        case .notPresent: "notPresent"
        case .lastTryDeclined: "lastTryDeclined"
        case .checkFailed: "checkFailed"
        case .interrupted: "interrupted"
        }
    }
}
