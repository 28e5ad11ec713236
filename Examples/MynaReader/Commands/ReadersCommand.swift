import ArgumentParser

/// `myna readers`: the PC/SC readers and whether each holds a card.
struct ReadersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readers",
        abstract: "List the PC/SC readers and whether each holds a card (sends nothing to any card).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runner = Runner(command: "readers", options: global)
        try await runner.runWithoutCard {
            ReadersResult(readers: try await PCSCBackend.readers(logger: runner.logger))
        }
    }
}

/// The result of `myna readers`.
struct ReadersResult: CommandResult {
    var readers: [PCSCBackend.ReaderState]

    var text: String {
        guard !readers.isEmpty else {
            return "No PC/SC reader is attached. Connect a reader, or use --simulated for the simulated card.\n"
        }
        return readers.map { reader in
            let card = reader.cardPresent ? "card present, ATR \(spacedHex(reader.atr ?? ""))" : "no card"
            return "\(reader.name.escapingControlCharacters): \(card)"
        }.joined(separator: "\n") + "\n"
    }
}
