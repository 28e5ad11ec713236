import ArgumentParser
import MynaCard
import MynaCodec
import MynaISO7816
import MynaKit
import MynaPhoto
import MynaSignature
import MynaSimulator
import MynaTransport

/// Why a command failed, in plain words with the remedy, and the exit status of its failure class.
///
/// Every error a command meets — the library's, the backend's, the example's own — becomes one of these
/// before it is shown (``Failure/init(_:language:)``), as text on stderr or as the JSON `error` object.
/// For the library's errors the example decides nothing: MynaKit's troubleshooting chart (`Diagnosis`)
/// gives the code, the words in the chosen language and what still works; the example maps the code to
/// its exit status and copies the error's own fields. Nothing in it contains a PIN or card-holder data.
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
    /// The library error's own reason (English, for bug reports), when the library raised the failure.
    var detail: String?
    /// The chart's diagnosis, when the library's chart decided the failure: ``localized(_:)`` renders its
    /// words in another language.
    var diagnosis: Diagnosis?
    /// The language ``message`` and ``remedy`` are in.
    var language: MessageLanguage = .english
    /// The example's own words for ``message`` and ``remedy``, when they come from its string table:
    /// ``localized(_:)`` renders them in another language.
    var phrases: (message: Phrase, remedy: Phrase)?

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
        case code, message, remedy, exitCode, credential, retriesRemaining, statusWord, libraryError, stillWorks,
            detail
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
        try container.encodeIfPresent(detail, forKey: .detail)
    }

    /// The text shown on stderr: the message, then the remedy, then the library's detail.
    var text: String {
        var lines = [Words.text("failure.error", language, message), remedy]
        if let detail { lines.append(Words.text("failure.detail", language, detail)) }
        return lines.joined(separator: "\n")
    }

    /// The same failure with the chart's words in `language` (the example's own failures keep theirs).
    func localized(_ language: MessageLanguage) -> Failure {
        guard let diagnosis else {
            guard let phrases else { return self }
            var failure = self
            failure.message = phrases.message.text(language)
            failure.remedy = phrases.remedy.text(language)
            failure.language = language
            return failure
        }
        var failure = self
        failure.message = diagnosis.summary(in: language)
        failure.remedy = diagnosis.remedy(in: language)
        failure.language = language
        return failure
    }

    // MARK: From an error

    /// The failure for any error a command met, with the chart's words in `language`.
    init(_ error: any Error, language: MessageLanguage = .current) {
        switch error {
        case let failure as Failure:
            self = failure.localized(language)
        case let error as SimulatorError:
            self = Self.simulator(error)
        case let error as SignatureError:
            self = Self.signature(error)
        case let error as PhotoError:
            self = Failure(
                code: "photoUndecodable", message: "The face photo could not be decoded: \(error.reason).",
                remedy: "The photo's JPEG 2000 bytes are still written with --photo-jp2; report the problem with --trace output.",
                exitStatus: .cardDataIntegrity, libraryError: "PhotoError.\(error.code)")
        case let error as ValidationError:
            self = .usage(error.message)
        default:
            self = Self.chart(error, language: language)
        }
    }

    /// The library's chart decides; the error's own fields are copied as they are.
    private static func chart(_ error: any Error, language: MessageLanguage) -> Failure {
        let diagnosis = Diagnosis(error: error)
        var failure = Failure(
            code: diagnosis.code.rawValue, message: diagnosis.summary(in: language), remedy: diagnosis.remedy(in: language),
            exitStatus: ExitStatus(diagnosis.code), retriesRemaining: diagnosis.retriesRemaining)
        failure.diagnosis = diagnosis
        failure.language = language
        if !diagnosis.stillWorks.isEmpty { failure.stillWorks = diagnosis.stillWorks.map(\.rawValue) }
        switch error {
        case let error as MyNumberCardError:
            failure.credential = error.credential?.name
            failure.retriesRemaining = error.retriesRemaining
            failure.statusWord = error.statusWord.map { Hex.encode($0.bytes) }
            failure.libraryError = "MyNumberCardError.\(error.code)"
            failure.detail = error.reason
        case let error as MynaKitError:
            failure.credential = error.credential?.name
            failure.retriesRemaining = error.retriesRemaining
            failure.libraryError = "MynaKitError.\(error.code)"
            failure.detail = error.reason
        case let error as TransportError:
            failure.libraryError = "TransportError.\(error.code)"
            failure.detail = error.systemCodeName.map { "\(error.reason) (\($0))" } ?? error.reason
        case let error as CardCommandError:
            failure.retriesRemaining = error.retriesRemaining
            failure.statusWord = Hex.encode(error.statusWord.bytes)
            failure.libraryError = "CardCommandError.\(error.code)"
            // Not `description`: it ends with the source file and line, which is for developers, not for the
            // people at the desk who read this line.
            failure.detail = "\(error.instruction) failed: \(error.reason)"
        case let error as CodecError:
            failure.libraryError = "CodecError.\(error.code)"
            failure.detail = error.reason
        case is CancellationError:
            break
        default:
            failure.detail = "\(error)"
        }
        return failure
    }

    private static func simulator(_ error: SimulatorError) -> Failure {
        switch error.code {
        case .unknownPersona, .invalidPersona:
            return Failure(
                code: "unknownPersona", message: sentence(error.reason),
                remedy: "Pick one of the built-in personas: \(Persona.builtInNames.joined(separator: ", ")).",
                exitStatus: .usage, libraryError: "SimulatorError.\(error.code)")
        default:
            return Failure(
                code: "simulatorFailure", message: sentence(error.reason),
                remedy: "Check the --state-file path (delete the file to start from a freshly issued card).",
                exitStatus: .failure, libraryError: "SimulatorError.\(error.code)")
        }
    }

    /// `reason` with a capital first letter and a final full stop.
    static func sentence(_ reason: String) -> String {
        guard let first = reason.first else { return reason }
        var text = first.uppercased() + reason.dropFirst()
        if !(text.hasSuffix(".") || text.hasSuffix("!") || text.hasSuffix("?")) { text += "." }
        return text
    }

    // MARK: The example's own failures

    /// The command line or an input is malformed.
    static func usage(_ message: String, remedy: String = "Run `myna help` for the commands and their options.") -> Failure {
        Failure(code: "usage", message: message, remedy: remedy, exitStatus: .usage)
    }

    /// The command line or an input is malformed, in the example's words (``localized(_:)`` translates them).
    static func usage(_ message: Phrase, remedy: Phrase = Phrase("failure.usage.remedy")) -> Failure {
        var failure = Failure(
            code: "usage", message: message.text(.english), remedy: remedy.text(.english), exitStatus: .usage)
        failure.phrases = (message, remedy)
        return failure
    }

    /// A file could not be read or written, in the example's words.
    static func file(
        _ message: Phrase, remedy: Phrase = Phrase("failure.file.remedy"), exitStatus: ExitStatus = .failure
    ) -> Failure {
        var failure = Failure(
            code: "fileError", message: message.text(.english), remedy: remedy.text(.english), exitStatus: exitStatus)
        failure.phrases = (message, remedy)
        return failure
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
