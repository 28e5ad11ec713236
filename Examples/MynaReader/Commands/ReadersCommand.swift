import ArgumentParser
import MynaKit

/// `myna readers`: the PC/SC readers and whether each holds a card.
struct ReadersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readers",
        abstract: "List the PC/SC readers and whether each holds a card (sends nothing to any card).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(command: "readers", options: global)
        let language = global.messageLanguage
        try await runner.runWithoutCard {
            ReadersResult(readers: try await PCSCBackend.readers(logger: runner.logger), language: language)
        }
    }
}

/// The result of `myna readers`.
struct ReadersResult: CommandResult {
    var readers: [PCSCBackend.ReaderState]
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case readers
    }

    var text: String {
        guard !readers.isEmpty else {
            return Words.text("readers.none", language) + "\n"
        }
        return readers.map { reader in
            reader.cardPresent
                ? Words.text("readers.cardPresent", language, reader.name.escapingControlCharacters, spacedHex(reader.atr ?? ""))
                : Words.text("readers.noCard", language, reader.name.escapingControlCharacters)
        }.joined(separator: "\n") + "\n"
    }
}
