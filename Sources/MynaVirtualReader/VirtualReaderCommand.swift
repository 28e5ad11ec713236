import ArgumentParser
import Dispatch
import Foundation
import Logging
import MynaCodec
import MynaSimulator
import MynaTransport
import MynaVPCD

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `myna-vpcd`: puts a simulated My Number Card into vsmartcard's virtual reader, so that pcscd and every
/// PC/SC program (`pcsc_scan`, OpenSC, MynaPCSC) see a card in "Virtual PCD 00 00".
@main
struct VirtualReaderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myna-vpcd",
        abstract: "Insert a simulated My Number Card into pcscd's virtual reader (vsmartcard vpcd).",
        discussion: """
            Needs pcscd running with the vpcd driver (Debian: apt-get install pcscd vsmartcard-vpcd). \
            Port 35963 is the reader "Virtual PCD 00 00", 35964 is "Virtual PCD 00 01". \
            The card is inserted while this runs; Ctrl-C (SIGINT) or SIGTERM removes it. \
            Then try: opensc-tool --list-readers; opensc-tool -n; pkcs15-tool --list-pins.
            """)

    @Option(help: "The persona: \(Persona.builtInNames.joined(separator: ", ")).")
    var persona: String = "standard"

    @Option(help: "The answer to reset in hex, or one of: \(SimulatedCard.knownATRs.keys.sorted().joined(separator: ", ")).")
    var atr: String = "contact"

    @Option(help: "vpcd's TCP port (35963: Virtual PCD 00 00, 35964: Virtual PCD 00 01).")
    var port: UInt16 = 35963

    @Option(help: "vpcd's host.")
    var host: String = "127.0.0.1"

    @Option(help: "Keep counters and changed PINs in this JSON file (a locked PIN stays locked across runs).")
    var stateFile: String?

    @Flag(help: "Answer like a T=0 card (61xx / 6Cxx, GET RESPONSE).")
    var t0Style = false

    @Flag(help: "Refuse extended-length APDUs with 6700.")
    var shortAPDUsOnly = false

    @Option(help: "Delay every answer by this many milliseconds (a slow card).")
    var responseDelay: Int = 0

    @Flag(name: .shortAndLong, help: "Log every APDU (status words and lengths; never PINs or card data).")
    var verbose = false

    func run() async throws {
        let level: Logger.Level = verbose ? .trace : .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "myna-vpcd")

        let chosen: Persona
        do {
            chosen = try Persona.named(persona)
        } catch {
            throw ValidationError(error.reason)
        }
        let answerToReset = try parseATR(atr)
        let faults = FaultInjection(
            answersLikeT0: t0Style, shortAPDUsOnly: shortAPDUsOnly, responseDelay: .milliseconds(max(0, responseDelay)))

        let card: SimulatedCard
        if let stateFile {
            card = try SimulatedCard.persistent(
                stateFile: URL(fileURLWithPath: stateFile), persona: chosen, atr: answerToReset, faults: faults,
                logger: logger)
            if card.image.persona.identifier != chosen.identifier {
                logger.notice(
                    "the state file holds another persona; using it",
                    metadata: ["persona": "\(card.image.persona.identifier)", "stateFile": "\(stateFile)"])
            }
        } else {
            card = try SimulatedCard(persona: chosen, atr: answerToReset, faults: faults, logger: logger)
        }

        let endpoint = VPCDEndpoint(host: host, port: port)
        let connection = VirtualCardConnection(endpoint: endpoint, card: card, atr: answerToReset, logger: logger)
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in
            logger.info("stopping: the card is removed", metadata: ["signal": "\(signal)"])
            Task { await connection.stop() }
        }
        defer { signals.cancel() }

        logger.info(
            "simulated My Number Card inserted; try: opensc-tool --list-readers",
            metadata: [
                "persona": "\(card.image.persona.identifier)", "vpcd": "\(endpoint)",
                "atr": "\(Hex.encode(answerToReset, separator: " "))",
            ])
        do {
            try await connection.run()
        } catch let error as TransportError where error.code == .serviceUnavailable {
            logger.error(
                "pcscd with the vpcd driver is not listening; start it (e.g. `pcscd -f -a &`) after installing vsmartcard-vpcd",
                metadata: ["vpcd": "\(endpoint)", "error": "\(error)"])
            throw ExitCode(2)
        }
        logger.info("the card was removed")
    }

    func parseATR(_ text: String) throws -> [UInt8] {
        if let known = SimulatedCard.knownATRs[text] { return known }
        guard let bytes = try? Hex.decode(text), (2...33).contains(bytes.count), bytes.first == 0x3B || bytes.first == 0x3F
        else {
            throw ValidationError("--atr must be 2…33 hex bytes starting 3B or 3F, or one of \(SimulatedCard.knownATRs.keys.sorted())")
        }
        return bytes
    }
}
