import Foundation
import Logging
import MynaCard
import MynaSimulator

/// The embedded simulated card (MynaSimulator): built from a persona, optionally with its counters and
/// changed PINs kept in a state file across runs.
enum SimulatedBackend {
    /// The persona used when none is named.
    static let defaultPersona = "standard"

    /// Faults for testing `myna` itself, from the environment (never set by a user):
    /// `MYNA_SIMULATOR_REMOVE_AFTER=N` pulls the card after it has answered N APDUs;
    /// `MYNA_SIMULATOR_SHORT_APDUS=1` makes it a card behind a reader limited to short APDUs;
    /// `MYNA_SIMULATOR_T0=1` has it answer like a T=0 card.
    static func faults() throws -> FaultInjection {
        let environment = ProcessInfo.processInfo.environment
        var faults = FaultInjection.none
        if let text = environment["MYNA_SIMULATOR_REMOVE_AFTER"] {
            guard let count = Int(text), count >= 0 else {
                throw Failure.usage(Phrase("usage.removeAfter"))
            }
            faults.removeAfterCommands = count
        }
        faults.shortAPDUsOnly = environment["MYNA_SIMULATOR_SHORT_APDUS"] == "1"
        faults.answersLikeT0 = environment["MYNA_SIMULATOR_T0"] == "1"
        return faults
    }

    /// The simulated card the options describe.
    static func card(
        options: GlobalOptions, atr: [UInt8] = SimulatedCard.defaultATR, faults extra: FaultInjection = .none
    ) throws -> (SimulatedCard, persona: String) {
        let requested = try options.persona.map { name throws(SimulatorError) in try Persona.named(name) }
        // `myna vpcd`'s fault options add to the testing environment's.
        var faults = try faults()
        if extra.answersLikeT0 { faults.answersLikeT0 = true }
        if extra.shortAPDUsOnly { faults.shortAPDUsOnly = true }
        if extra.responseDelay > .zero { faults.responseDelay = extra.responseDelay }
        guard let path = options.stateFile else {
            let persona = requested ?? .standard
            return (try SimulatedCard(persona: persona, atr: atr, faults: faults), persona.identifier)
        }
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: url.path) {
            let saved = try SimulatedCardState(contentsOf: url)
            if let requested, requested.identifier != saved.persona.identifier {
                throw Failure.usage(
                    Phrase("usage.stateFilePersona", path, saved.persona.identifier, requested.identifier),
                    remedy: Phrase("usage.stateFilePersona.remedy", saved.persona.identifier, path))
            }
            return (try SimulatedCard(state: saved, stateFile: url, atr: atr, faults: faults), saved.persona.identifier)
        }
        let persona = requested ?? .standard
        return (try SimulatedCard.persistent(stateFile: url, persona: persona, atr: atr, faults: faults), persona.identifier)
    }

    /// Opens the simulated card; says so on stderr (in every output mode).
    static func open(options: GlobalOptions, fallbackReason: String?, logger: Logger) throws -> CardSession {
        let (simulated, persona) = try card(options: options)
        let backend = BackendDescription(
            kind: .simulated, persona: persona, stateFile: options.stateFile, fallbackReason: fallbackReason)
        Output.note(backend.notice(options.messageLanguage))
        let hints = CardSession.sizeHints(options)
        let card = MyNumberCard(transport: CardSession.layered(simulated, options: options, logger: logger), logger: logger, sizeHints: hints)
        return CardSession(card: card, backend: backend, atr: simulated.atr, sizeHints: hints, options: options, closing: {})
    }
}
