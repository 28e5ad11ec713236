/// Why a command failed, in plain words with the remedy, and the exit status of its failure class.
///
/// Every error a command meets — the library's, the backend's, the example's own — becomes one of these
/// before it is shown (``Failure/init(_:)``), as text on stderr or as the JSON `error` object. Nothing in
/// it contains a PIN or card-holder data: it is built from error codes and library reasons, which never
/// hold either.
struct Failure: Error, Sendable, Encodable {
    /// A stable camelCase name: the troubleshooting chart's code where the library's chart
    /// (`MynaKit.Diagnosis`) knows the failure, else the example's own (see the documentation).
    var code: String
    /// What happened.
    var message: String
    /// What to do about it.
    var remedy: String
    /// The failure class.
    var exitStatus: ExitStatus
    /// The credential involved (`userAuthenticationPIN`, `signaturePassword`, …), if any.
    var credential: String?
    /// Tries the credential has left, when known.
    var retriesRemaining: Int?
    /// The status word the card answered, in hex, when the failure came from the card.
    var statusWord: String?
    /// The library error behind the failure (`MyNumberCardError.wrongCredential`, …), for bug reports.
    var libraryError: String?
    /// For failures that concern the insurance qualification check: the modes (`pin`, `face`, `visual`)
    /// that still work meanwhile, from the library's troubleshooting chart.
    var stillWorks: [String]?

    init(
        code: String, message: String, remedy: String, exitStatus: ExitStatus, credential: String? = nil,
        retriesRemaining: Int? = nil, statusWord: String? = nil, libraryError: String? = nil
    ) {
        self.code = code
        self.message = message
        self.remedy = remedy
        self.exitStatus = exitStatus
        self.credential = credential
        self.retriesRemaining = retriesRemaining
        self.statusWord = statusWord
        self.libraryError = libraryError
    }

    private enum CodingKeys: String, CodingKey {
        case code, message, remedy, exitCode, credential, retriesRemaining, statusWord, libraryError, stillWorks
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(remedy, forKey: .remedy)
        try container.encode(exitStatus.rawValue, forKey: .exitCode)
        try container.encodeIfPresent(credential, forKey: .credential)
        try container.encodeIfPresent(retriesRemaining, forKey: .retriesRemaining)
        try container.encodeIfPresent(statusWord, forKey: .statusWord)
        try container.encodeIfPresent(libraryError, forKey: .libraryError)
        try container.encodeIfPresent(stillWorks, forKey: .stillWorks)
    }

    /// The text shown on stderr: the message, then the remedy.
    var text: String {
        "Error: \(message)\n\(remedy)"
    }

    // MARK: The example's own failures

    /// The command line or an input is malformed.
    static func usage(_ message: String, remedy: String = "Run `myna help` for the commands and their options.") -> Failure {
        Failure(code: "usage", message: message, remedy: remedy, exitStatus: .usage)
    }

    /// A credential is needed and none of the allowed sources gave one.
    static func credentialMissing(_ label: String, environment: String) -> Failure {
        Failure(
            code: "credentialMissing",
            message: "No \(label) was given, and there is no terminal to ask for it.",
            remedy: "Set the environment variable \(environment), or pass --pin-stdin and write it on standard input, or run the command on a terminal to be asked for it (it is never accepted as a command-line argument).",
            exitStatus: .usage)
    }

    /// The user did not agree to spend the last try — or a try the card does not count
    /// (`retriesRemaining` `nil`), which may be the last. `statusWord` is the card's answer to the empty
    /// VERIFY, in hex.
    static func lastTryDeclined(
        _ label: String, credential: String?, retriesRemaining: Int?, statusWord: String?
    ) -> Failure {
        let message =
            retriesRemaining == 1
            ? "Only one try of the \(label) is left, and spending it was not confirmed; nothing was sent to the card."
            : "The card does not report how many tries of the \(label) are left, so this one may be the last; spending it was not confirmed, and nothing was sent to the card."
        return Failure(
            code: "lastTryDeclined", message: message,
            remedy: "A wrong value now would lock the \(label) until it is reset at the municipal office. If you are sure of it, run again on a terminal and answer yes, or pass --allow-last-try. For the insurance check, face authentication and visual confirmation need no PIN.",
            exitStatus: .lastTryDeclined, credential: credential, retriesRemaining: retriesRemaining,
            statusWord: statusWord)
    }

    /// A file could not be read or written.
    static func file(_ message: String) -> Failure {
        Failure(
            code: "fileError", message: message,
            remedy: "Check the path, that its directory exists and that you may write there.", exitStatus: .failure)
    }
}
