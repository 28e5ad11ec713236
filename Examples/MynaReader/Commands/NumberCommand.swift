import ArgumentParser
import MynaCard
import MynaKit

/// `myna number`: the 12-digit individual number (個人番号), integrity checked by the library.
struct NumberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "number",
        abstract: "Read the 12-digit individual number with the card info PIN (personal data).",
        discussion: """
            The card info PIN comes from MYNA_CARD_INFO_PIN, standard input (--pin-stdin) or the prompt. The \
            library checks the number against the card's signed integrity record and its check digit.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runner(command: "number", options: global).run { context in
            let passcode = try context.passcode(.cardInfoPIN, .cardInfoPIN)
            let number = try await context.session.card.cardInfoInputSupport.individualNumber(
                using: passcode, options: context.verificationOptions)
            return NumberResult(individualNumber: number.digits, language: context.options.messageLanguage)
        }
    }
}

/// The result of `myna number`.
struct NumberResult: CommandResult {
    var individualNumber: String
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case individualNumber
    }

    var text: String { Words.text("number.individualNumber", language, individualNumber) + "\n" }
}
