import ArgumentParser
import Foundation
import MynaKit

/// The options every command takes: where the card is, how to print, where secrets come from.
///
/// They may be written before or after the command name (`myna --simulated info` = `myna info --simulated`).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use the PC/SC reader with this name (see `myna readers`).", valueName: "name"))
    var reader: String?

    @Flag(
        name: .long,
        help: "Use the embedded simulated card instead of a reader (also MYNA_SIMULATED=1). Without it, a missing reader or card is an error, never the simulated card.")
    var simulated = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The simulated card's persona (implies --simulated): standard, faceAuthentication, smartphoneAndroid, smartphoneIPhone, oldJukiCard, pinLocked, certificateExpired, certificateExpiringSoon, gaijiName, child.",
            valueName: "name"))
    var persona: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep the simulated card's retry counters and changed PINs in this file across runs (implies --simulated).",
            valueName: "file"))
    var stateFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep the lengths of the card's public files (certificates) in this file between runs, so that each is read in one command (default $MYNA_SIZE_HINTS; none).",
            valueName: "file"))
    var sizeHints: String?

    @Flag(name: .long, help: "Print one JSON object on stdout (schema in Documentation/json-schema/).")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The language of diagnoses, remedies and check results: ja or en. Default: from LC_ALL, LC_MESSAGES or LANG.",
            valueName: "ja|en"))
    var language: LanguageOption?

    @Flag(name: .long, help: "Trace every APDU on stderr. PINs are always masked; response data is shown only as a length.")
    var trace = false

    @Flag(name: .long, help: "With --trace, also show response data (certificates, names, photos: personal data).")
    var traceData = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read the command's PIN or password from this environment variable instead of its default (e.g. MYNA_PIN).",
            valueName: "variable"))
    var pinEnv: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Read the new value (change-pin) from this environment variable instead of its default.", valueName: "variable"))
    var newPinEnv: String?

    @Flag(name: .long, help: "Read every secret the command needs from standard input, one per line.")
    var pinStdin = false

    @Flag(
        name: .long,
        help: "Agree in advance to spend the last remaining try of a PIN (otherwise it is asked on the terminal, and refused without one).")
    var allowLastTry = false

    func validate() throws {
        if reader != nil, simulated || persona != nil || stateFile != nil {
            throw ValidationError("--reader cannot be combined with --simulated, --persona or --state-file.")
        }
        if traceData, !trace {
            throw ValidationError("--trace-data needs --trace.")
        }
        if pinStdin, pinEnv != nil || newPinEnv != nil {
            throw ValidationError("--pin-stdin cannot be combined with --pin-env or --new-pin-env.")
        }
    }

    /// The language of the words printed: `--language`, else the locale's (`ja_JP.UTF-8` → Japanese).
    var messageLanguage: MessageLanguage { language?.language ?? .current }

    /// Whether the simulated card was asked for explicitly: `--simulated`, `--persona`, `--state-file`, or
    /// `MYNA_SIMULATED=1` in the environment (for scripts and CI). Never by default.
    var wantsSimulatedCard: Bool {
        simulated || persona != nil || stateFile != nil || Self.simulatedByEnvironment
    }

    /// `MYNA_SIMULATED` is `1`, `yes` or `true`.
    static var simulatedByEnvironment: Bool {
        guard let value = ProcessInfo.processInfo.environment["MYNA_SIMULATED"]?.lowercased() else { return false }
        return value == "1" || value == "yes" || value == "true"
    }

    /// The credential sources these options choose.
    func credentialInput() -> CredentialInput {
        CredentialInput(
            fromStandardInput: pinStdin, primaryEnvironment: pinEnv, newEnvironment: newPinEnv, allowsLastTry: allowLastTry)
    }
}
