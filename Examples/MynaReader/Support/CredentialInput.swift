#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MynaCard
import MynaISO7816

/// A secret a command may need: what to call it and where it comes from by default.
struct SecretKind: Sendable {
    /// What the prompt and the messages call it.
    let label: String
    /// The environment variable read when no other source is chosen.
    let environment: String
    /// Its format, for the prompt: the library's rule for the credential (`Credential.Format`).
    let format: String

    static let userAuthenticationPIN = SecretKind(
        label: "user-authentication PIN", environment: "MYNA_PIN", format: Credential.userAuthenticationPIN.format.description)
    static let signaturePassword = SecretKind(
        label: "signature password", environment: "MYNA_SIGN_PASSWORD", format: Credential.signaturePassword.format.description)
    static let cardInfoPIN = SecretKind(
        label: "card info PIN", environment: "MYNA_CARD_INFO_PIN", format: Credential.cardInfoPIN.format.description)
    static let individualNumber = SecretKind(
        label: "individual number (PIN-A)", environment: "MYNA_PIN_A", format: Credential.cardInfoPINA.format.description)
    static let securityCode = SecretKind(
        label: "security code printed under the photo (for PIN-B)", environment: "MYNA_SECURITY_CODE", format: "4 digits")
    static let newUserAuthenticationPIN = SecretKind(
        label: "new user-authentication PIN", environment: "MYNA_NEW_PIN", format: Credential.userAuthenticationPIN.format.description)
    static let newSignaturePassword = SecretKind(
        label: "new signature password", environment: "MYNA_NEW_SIGN_PASSWORD", format: Credential.signaturePassword.format.description)
    static let newCardInfoPIN = SecretKind(
        label: "new card info PIN", environment: "MYNA_NEW_CARD_INFO_PIN", format: Credential.cardInfoPIN.format.description)

    /// Every kind, for the documentation and `myna help`.
    static let all: [SecretKind] = [
        .userAuthenticationPIN, .signaturePassword, .cardInfoPIN, .individualNumber, .securityCode,
        .newUserAuthenticationPIN, .newSignaturePassword, .newCardInfoPIN,
    ]
}

/// Where a command's secrets come from — never from a command-line value:
///
/// 1. `--pin-stdin`: standard input, one per line, in the order the command documents (echo off while it
///    is read when standard input is a terminal);
/// 2. else the environment variable (`--pin-env VAR` / `--new-pin-env VAR` rename the command's first
///    and new secret; every secret has a default name, e.g. `MYNA_PIN`);
/// 3. else, when standard input is a terminal, a prompt with echo off (a new value is asked twice);
/// 4. else a ``Failure/credentialMissing(_:environment:)`` (exit 2), never a hang.
///
/// Also the last-try guard: ``confirmLastTry(_:)`` asks before the final try is spent.
final class CredentialInput {
    /// Which role a secret has in the command, for the choice of environment variable.
    enum Role {
        /// The command's first secret: `--pin-env` renames its variable.
        case primary
        /// A new value (change-pin): `--new-pin-env` renames its variable; prompts ask twice.
        case new
        /// Any other secret: always its default variable.
        case other
    }

    private let fromStandardInput: Bool
    private let primaryEnvironment: String?
    private let newEnvironment: String?
    private let allowsLastTry: Bool
    private lazy var terminal: Terminal? = Terminal.open()

    init(fromStandardInput: Bool, primaryEnvironment: String?, newEnvironment: String?, allowsLastTry: Bool) {
        self.fromStandardInput = fromStandardInput
        self.primaryEnvironment = primaryEnvironment
        self.newEnvironment = newEnvironment
        self.allowsLastTry = allowsLastTry
    }

    /// Reads one secret.
    func secret(_ kind: SecretKind, role: Role = .primary) throws(Failure) -> SecretBytes {
        if fromStandardInput {
            // `--pin-stdin` typed at a terminal: echo goes off first, so that the secret is never shown.
            var echoGuard: SecretEchoGuard?
            if isatty(STDIN_FILENO) == 1 {
                let guardian = SecretEchoGuard(fd: STDIN_FILENO)
                guardian.disableEcho()
                echoGuard = guardian
                terminal?.write("\(Self.capitalized(kind.label)) (\(kind.format)): ")
            }
            let read = Self.readStandardInputLine()
            if let echoGuard {
                echoGuard.restore()
                terminal?.write("\n")
            }
            guard var line = read else {
                throw Failure.usage(
                    "Standard input ended before the \(kind.label).",
                    remedy: "With --pin-stdin, write each secret the command needs on its own line (see `myna help <command>`).")
            }
            defer { Self.zero(&line) }
            return SecretBytes(line)
        }
        let variable: String
        switch role {
        case .primary: variable = primaryEnvironment ?? kind.environment
        case .new: variable = newEnvironment ?? kind.environment
        case .other: variable = kind.environment
        }
        let renamed = (role == .primary && primaryEnvironment != nil) || (role == .new && newEnvironment != nil)
        if let value = getenv(variable) {
            var bytes = UnsafeBufferPointer(start: value, count: strlen(value)).map { UInt8(bitPattern: $0) }
            defer { Self.zero(&bytes) }
            return SecretBytes(bytes)
        }
        if renamed {
            throw Failure.usage(
                "The environment variable \(variable) is not set.", remedy: "Export \(variable) with the \(kind.label).")
        }
        guard let terminal else { throw Failure.credentialMissing(kind.label, environment: variable) }
        guard var first = terminal.readSecret(prompt: "\(Self.capitalized(kind.label)) (\(kind.format)): ") else {
            throw Failure.usage("No \(kind.label) was entered.", remedy: "Run the command again and type it at the prompt.")
        }
        defer { Self.zero(&first) }
        if role == .new {
            guard var again = terminal.readSecret(prompt: "\(Self.capitalized(kind.label)) again: ") else {
                throw Failure.usage("The \(kind.label) was not confirmed.", remedy: "Run the command again.")
            }
            defer { Self.zero(&again) }
            guard again == first else {
                throw Failure.usage(
                    "The two entries of the \(kind.label) differ; nothing was changed.",
                    remedy: "Run the command again and type the same value twice.")
            }
        }
        return SecretBytes(first)
    }

    /// The last-try guard: whether the user agrees to spend the try `question` describes — the last one,
    /// or one the card does not count (it may be the last).
    ///
    /// `--allow-last-try` agrees in advance (for scripts; the library then does not ask). Otherwise the
    /// question is asked on the terminal; without one (stdin not a terminal) the answer is no.
    func confirmLastTry(_ question: LastAttemptQuestion) -> Bool {
        if allowsLastTry { return true }
        guard let terminal else { return false }
        let label = question.credential.name
        let prompt: String
        if question.retriesRemaining == 1 {
            prompt = "Spend the last try? Type yes to continue: "
            terminal.write(
                "Only 1 try of the \(label) is left. A wrong value now locks it until it is reset at the municipal office.\n")
        } else {
            prompt = "Spend this try? Type yes to continue: "
            terminal.write(
                "The card does not report how many tries of the \(label) are left: this one may be the last, and a wrong value could lock it until it is reset at the municipal office.\n")
        }
        let answer = terminal.ask(prompt)?.lowercased()
        return answer == "yes" || answer == "y"
    }

    /// Asks a yes/no question on the terminal; `nil` without a terminal.
    func askYesNo(_ question: String) -> Bool? {
        guard let terminal else { return nil }
        guard let answer = terminal.ask(question + " [yes/no] ")?.lowercased() else { return false }
        return answer == "yes" || answer == "y"
    }

    /// Asks for a line of text on the terminal; `nil` without a terminal.
    func askText(_ question: String) -> String? {
        terminal?.ask(question)
    }

    /// Writes to the terminal, if there is one.
    func show(_ text: String) {
        terminal?.write(text)
    }

    /// Whether prompts can be shown.
    var isInteractive: Bool { terminal != nil }

    private static func readStandardInputLine() -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        var sawAnything = false
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            sawAnything = true
            if byte == 0x0A { break }
            if byte != 0x0D, line.count < Terminal.maximumSecretLength { line.append(byte) }
        }
        return sawAnything ? line : nil
    }

    private static func zero(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }

    private static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
