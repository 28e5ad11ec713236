import Foundation
import Logging
import MynaCard
import MynaISO7816
import MynaTransport

/// One card, open for one command: the library's entry point on the chosen backend, wrapped in the
/// library's transport layers.
///
/// Layers, card side first: the backend → `tracing(to:)` with `--trace` (so the trace shows what crosses
/// the wire, 61xx included; PINs always masked, response data only with `--trace-data`) →
/// `normalizingResponses()` (GET RESPONSE for 61xx, resend for 6Cxx).
final class CardSession: Sendable {
    /// The card.
    let card: MyNumberCard
    /// Which card this is.
    let backend: BackendDescription
    /// The answer to reset.
    let atr: [UInt8]
    private let closing: @Sendable () async -> Void
    /// The lengths the card was read with, and where to keep them (`--size-hints`).
    private let sizeHints: ReadSizeHints
    private let sizeHintsPath: String?

    init(
        card: MyNumberCard, backend: BackendDescription, atr: [UInt8], sizeHints: ReadSizeHints, options: GlobalOptions,
        closing: @escaping @Sendable () async -> Void
    ) {
        self.card = card
        self.backend = backend
        self.atr = atr
        self.sizeHints = sizeHints
        self.sizeHintsPath = SizeHintsFile.path(options)
        self.closing = closing
    }

    /// Disconnects from the reader, or leaves the simulated card (its state file is already saved); keeps
    /// the lengths read in `--size-hints`.
    func close() async {
        await closing()
        SizeHintsFile.save(sizeHints, to: sizeHintsPath)
    }

    /// The hints every card of this run reads with: those kept by earlier runs in `--size-hints`, if any.
    static func sizeHints(_ options: GlobalOptions) -> ReadSizeHints {
        SizeHintsFile.load(SizeHintsFile.path(options))
    }

    /// Opens the card the options choose: `--reader` → that PC/SC reader; `--simulated`/`--persona`/
    /// `--state-file` (or `MYNA_SIMULATED=1`) → the simulated card; neither → the first PC/SC reader
    /// holding a card. Never the simulated card unless it was asked for: with no service, no reader or no
    /// card the command fails (exit 8 or 3), so that a tester's or a script's check cannot pass on the
    /// simulator by accident.
    static func open(_ options: GlobalOptions, logger: Logger) async throws -> CardSession {
        if let reader = options.reader {
            return try await PCSCBackend.open(reader: reader, options: options, logger: logger)
        }
        if options.wantsSimulatedCard {
            return try SimulatedBackend.open(options: options, fallbackReason: nil, logger: logger)
        }
        switch await PCSCBackend.firstCard(logger: logger) {
        case .found(let reader):
            return try await PCSCBackend.open(reader: reader, options: options, logger: logger)
        case .unavailable(_, let error):
            throw error
        }
    }

    /// `transport` with the library's layers, as `--trace` asks.
    static func layered<Base: CardTransport>(_ transport: Base, options: GlobalOptions, logger: Logger) -> any CardTransport {
        guard options.trace else { return transport.normalizingResponses() }
        return transport
            .tracing(to: logger, options: TracingTransport<Base>.Options(revealsResponseData: options.traceData))
            .normalizingResponses()
    }
}
