import ArgumentParser
import Dispatch
import MynaCodec
import MynaSimulator
import MynaVPCD

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `myna vpcd`: the simulated card inserted into pcscd's virtual reader (vsmartcard vpcd), so that every
/// PC/SC program — `myna --reader`, OpenSC, `pcsc_scan` — sees it. The package's one way to serve the
/// simulator to vpcd: the endpoint, the answer to reset and the fault injection are options.
struct VPCDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpcd",
        abstract: "Serve the simulated card to pcscd's virtual reader until Ctrl-C (needs pcscd with vsmartcard-vpcd).",
        discussion: """
            Port 35963 is the reader "Virtual PCD 00 00", 35964 "Virtual PCD 00 01" (pcscd's default vpcd \
            configuration). The card is inserted while this runs; Ctrl-C or SIGTERM removes it. Choose the \
            card with --persona and keep its counters with --state-file. Then, in another terminal: \
            myna --reader "Virtual PCD 00 00" info
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "vpcd's TCP port.")
    var port: UInt16 = VPCDEndpoint.reader0.port

    @Option(name: .long, help: "vpcd's host.")
    var host: String = VPCDEndpoint.reader0.host

    @Option(
        name: .long,
        help: "The answer to reset in hex, or one of: \(SimulatedCard.knownATRs.keys.sorted().joined(separator: ", ")).")
    var atr: String = "contact"

    @Flag(name: .long, help: "Answer like a T=0 card (61xx / 6Cxx, GET RESPONSE).")
    var t0Style = false

    @Flag(name: .customLong("short-apdus-only"), help: "Refuse extended-length APDUs with 6700.")
    var shortAPDUsOnly = false

    @Option(name: .long, help: "Delay every answer by this many milliseconds (a slow card).")
    var responseDelay: Int = 0

    func validate() throws {
        if global.reader != nil { throw ValidationError("vpcd serves the simulated card; --reader does not apply.") }
        _ = try Self.answerToReset(atr)
        if responseDelay < 0 { throw ValidationError("--response-delay must not be negative.") }
    }

    /// `--atr`: a known name or 2…33 hex bytes starting `3B` or `3F`.
    static func answerToReset(_ text: String) throws -> [UInt8] {
        if let known = SimulatedCard.knownATRs[text] { return known }
        guard let bytes = try? Hex.decode(text), (2...33).contains(bytes.count), bytes.first == 0x3B || bytes.first == 0x3F
        else {
            throw ValidationError(
                "--atr must be 2…33 hex bytes starting 3B or 3F, or one of \(SimulatedCard.knownATRs.keys.sorted())")
        }
        return bytes
    }

    func run() async throws {
        let runner = Runner(command: "vpcd", options: global)
        let endpoint = VPCDEndpoint(host: host, port: port)
        try await runner.runWithoutCard {
            let faults = FaultInjection(
                answersLikeT0: t0Style, shortAPDUsOnly: shortAPDUsOnly, responseDelay: .milliseconds(responseDelay))
            let (card, persona) = try SimulatedBackend.card(
                options: global, atr: try Self.answerToReset(atr), faults: faults)
            let connection = VirtualCardConnection(endpoint: endpoint, card: card, atr: card.atr, logger: runner.logger)
            let signals = StopSignals { Task { await connection.stop() } }
            defer { signals.cancel() }
            let reader = Self.readerName(port: port)
            let language = global.messageLanguage
            if let reader {
                // English quotes the reader's name; Japanese brackets it in the sentence itself.
                let name = language == .english ? "\"\(reader)\"" : reader
                Output.note(Words.text("vpcd.insertedReader", language, persona, "\(endpoint)", name))
            } else {
                Output.note(Words.text("vpcd.inserted", language, persona, "\(endpoint)"))
            }
            try await connection.run()
            Output.note(Words.text("vpcd.removed", language))
            return VPCDResult(endpoint: "\(endpoint)", reader: reader, persona: persona, atr: Hex.encode(card.atr))
        }
    }

    /// The reader name pcscd's default vpcd configuration gives `port`.
    static func readerName(port: UInt16) -> String? {
        let base = VPCDEndpoint.reader0.port
        guard port >= base, port - base < 10 else { return nil }
        return "Virtual PCD 00 0\(port - base)"
    }
}

/// The result of `myna vpcd`, printed when the card has been removed.
struct VPCDResult: CommandResult {
    var endpoint: String
    var reader: String?
    var persona: String
    var atr: String

    var text: String { "" }
}

/// SIGINT and SIGTERM call `stop` instead of killing the process, so that the card is removed cleanly.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }

    /// Stops listening and restores the default actions.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
