import ArgumentParser
import Dispatch
import MynaCodec
import MynaVPCD

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `myna vpcd`: the simulated card inserted into pcscd's virtual reader (vsmartcard vpcd), so that every
/// PC/SC program — `myna --reader`, OpenSC, `pcsc_scan` — sees it. The same as the `myna-vpcd` executable,
/// with the example's options.
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

    func validate() throws {
        if global.reader != nil { throw ValidationError("vpcd serves the simulated card; --reader does not apply.") }
    }

    func run() async throws {
        let runner = Runner(command: "vpcd", options: global)
        let endpoint = VPCDEndpoint(host: host, port: port)
        try await runner.runWithoutCard {
            let (card, persona) = try SimulatedBackend.card(options: global)
            let connection = VirtualCardConnection(endpoint: endpoint, card: card, atr: card.atr, logger: runner.logger)
            let signals = StopSignals { Task { await connection.stop() } }
            defer { signals.cancel() }
            let reader = Self.readerName(port: port)
            Output.note(
                "Simulated card (persona \(persona)) inserted into vpcd at \(endpoint)\(reader.map { ", reader \"\($0)\"" } ?? ""); Ctrl-C removes it."
            )
            try await connection.run()
            Output.note("The simulated card was removed.")
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
