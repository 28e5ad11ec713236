import ArgumentParser
import MynaCard
import MynaKit

/// `myna change-pin`: changes the user-authentication PIN, the signature password or the card info PIN.
struct ChangePINCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-pin",
        abstract: "Change a PIN: auth (user-authentication PIN), sign (signature password) or card-info.",
        discussion: """
            The current value comes first, then the new one: from MYNA_PIN / MYNA_SIGN_PASSWORD / \
            MYNA_CARD_INFO_PIN and MYNA_NEW_PIN / MYNA_NEW_SIGN_PASSWORD / MYNA_NEW_CARD_INFO_PIN, or two \
            lines on standard input (--pin-stdin), or the prompt (the new value is asked twice). The library \
            checks both formats before anything is sent, and the last-try guard applies to the current value.
            """)

    /// Which credential.
    enum Which: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case auth, sign
        case cardInfo = "card-info"

        var credential: Credential {
            switch self {
            case .auth: .userAuthenticationPIN
            case .sign: .signaturePassword
            case .cardInfo: .cardInfoPIN
            }
        }

        var kinds: (current: SecretKind, new: SecretKind) {
            switch self {
            case .auth: (.userAuthenticationPIN, .newUserAuthenticationPIN)
            case .sign: (.signaturePassword, .newSignaturePassword)
            case .cardInfo: (.cardInfoPIN, .newCardInfoPIN)
            }
        }
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "auth (default), sign or card-info.")
    var which: Which = .auth

    func run() async throws {
        let which = which
        try await Runner(command: "change-pin", options: global).run { context in
            let current = try context.passcode(which.credential, which.kinds.current)
            let new = try context.passcode(which.credential, which.kinds.new, role: .new)
            let options = context.verificationOptions
            let change: PasscodeChange
            switch which {
            case .auth, .sign: change = try await context.session.card.jpki.changePasscode(current, to: new, options: options)
            case .cardInfo: change = try await context.session.card.changePasscode(current, to: new, options: options)
            }
            // The card accepted the new value: the change is reported as made whatever happens next.
            // JSON keeps its English words; the text output says it in the chosen language.
            let warning = change.endOfTransactionFailure.map { _ in Words.text("changePIN.releaseFailed", .english) }
            return ChangePINResult(
                which: which, credential: which.credential.name, changed: true, warning: warning,
                language: context.options.messageLanguage)
        }
    }
}

/// The result of `myna change-pin`.
struct ChangePINResult: CommandResult {
    var which: ChangePINCommand.Which
    var credential: String
    var changed: Bool
    /// Set when the change was made but the card could not be released cleanly afterwards.
    var warning: String?
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case which, credential, changed, warning
    }

    var text: String {
        let changed =
            switch which {
            case .auth: Words.text("changePIN.changed.auth", language)
            case .sign: Words.text("changePIN.changed.sign", language)
            case .cardInfo: Words.text("changePIN.changed.cardInfo", language)
            }
        guard warning != nil else { return changed + "\n" }
        return changed + "\n" + Words.text("changePIN.warning", language, Words.text("changePIN.releaseFailed", language)) + "\n"
    }
}
