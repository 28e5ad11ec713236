import ArgumentParser
import Foundation
import MynaCodec
import MynaKit
import MynaPCSC
import MynaSimulator
import MynaTransport

/// `myna watch`: reader and card events as they happen, or — with `--wait-for-card` — until a card is
/// there.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show reader and card events until Ctrl-C or --timeout; with --wait-for-card, wait for a card.",
        discussion: """
            The current state is reported first (each attached reader, each card present), then every change. \
            With --json each event is one JSON document on its own line. On a terminal a spinner shows the \
            wait on stderr. With --simulated the simulated card is reported as inserted in the reader \
            "Simulated card" and the command ends.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "End as soon as a card is present (exit 0), or fail with exit 3 at the timeout.")
    var waitForCard = false

    @Option(name: .long, help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout >= 0 && timeout <= 86_400) {
            throw ValidationError("--timeout must be between 0 and 86400 seconds.")
        }
    }

    func run() async throws {
        let runner = Runner(command: "watch", options: global)
        if global.wantsSimulatedCard {
            do {
                let (card, _) = try SimulatedBackend.card(options: global)
                emit(.readerAttached, reader: "Simulated card", atr: nil, runner: runner)
                emit(.cardInserted, reader: "Simulated card", atr: card.atr, runner: runner)
            } catch {
                throw runner.report(Failure(error), backend: nil)
            }
            return
        }
        let language = global.messageLanguage
        let spinner =
            waitForCard && Terminal.standardErrorIsTerminal
            ? Spinner(message: Words.text("watch.waiting", language), language: language) : nil
        spinner?.start()
        do {
            try await watch(runner: runner, spinner: spinner)
            await spinner?.stop()
        } catch {
            await spinner?.stop()
            throw runner.report(Failure(error), backend: nil)
        }
    }

    private func watch(runner: Runner, spinner: Spinner?) async throws {
        let context = try await PCSCContext.establish(logger: runner.logger)
        let reader = global.reader
        let stopAtCard = waitForCard
        let limit = timeout.map { Duration.milliseconds(Int64($0 * 1000)) }
        let waitForCard = self.waitForCard
        let seconds = timeout ?? 0
        let language = global.messageLanguage
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await event in context.readerEvents() {
                    if let reader, event.reader != reader { continue }
                    switch event {
                    case .readerAttached(let name): self.emit(.readerAttached, reader: name, atr: nil, runner: runner, spinner: spinner)
                    case .readerDetached(let name): self.emit(.readerDetached, reader: name, atr: nil, runner: runner, spinner: spinner)
                    case .cardInserted(let presence):
                        self.emit(.cardInserted, reader: presence.reader, atr: presence.atr, runner: runner, spinner: spinner)
                        if stopAtCard { return }
                    case .cardRemoved(let name): self.emit(.cardRemoved, reader: name, atr: nil, runner: runner, spinner: spinner)
                    }
                }
            }
            if let limit {
                group.addTask {
                    try await Task.sleep(for: limit)
                    if waitForCard { throw Self.noCard(within: seconds, language: language) }
                }
            }
            try await group.next()
            group.cancelAll()
        }
        await context.release()
    }

    /// The failure when no card came within `seconds` (`--wait-for-card --timeout`), in `language`.
    static func noCard(within seconds: Double, language: MessageLanguage) -> Failure {
        var failure = Failure(
            code: "noCard",
            message: Words.text(seconds == 1 ? "watch.noCard.one" : "watch.noCard.other", language, format(seconds)),
            remedy: Words.text("watch.noCard.remedy", language), exitStatus: .noReaderOrCard)
        failure.language = language
        return failure
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private func emit(_ kind: WatchEvent.Kind, reader: String, atr: [UInt8]?, runner: Runner, spinner: Spinner? = nil) {
        let event = WatchEvent(
            event: kind, reader: reader, atr: atr.map { Hex.encode($0) }, time: Date().formatted(.iso8601),
            language: global.messageLanguage)
        if let spinner {
            spinner.printing { runner.emit(event, backend: nil) }
        } else {
            runner.emit(event, backend: nil)
        }
    }
}

/// One line of `myna watch`.
struct WatchEvent: CommandResult {
    /// What happened.
    enum Kind: String, Encodable, Sendable {
        case readerAttached, readerDetached, cardInserted, cardRemoved
    }

    var event: Kind
    var reader: String
    var atr: String?
    var time: String
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case event, reader, atr, time
    }

    var text: String {
        let reader = reader.escapingControlCharacters
        let line =
            switch event {
            case .readerAttached: Words.text("watch.readerAttached", language, time, reader)
            case .readerDetached: Words.text("watch.readerDetached", language, time, reader)
            case .cardInserted:
                atr.map { Words.text("watch.cardInsertedATR", language, time, reader, spacedHex($0)) }
                    ?? Words.text("watch.cardInserted", language, time, reader)
            case .cardRemoved: Words.text("watch.cardRemoved", language, time, reader)
            }
        return line + "\n"
    }
}
