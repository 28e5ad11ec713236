import Logging
import MynaCard
import MynaCodec
import MynaPCSC
import MynaTransport

/// Cards in PC/SC readers (MynaPCSC).
enum PCSCBackend {
    /// The outcome of looking for a card when no backend was named.
    enum Probe {
        /// This reader holds a card.
        case found(reader: String)
        /// Why there is no card: in words, and as the transport error the situation amounts to (for the
        /// troubleshooting chart).
        case unavailable(String, TransportError)
    }

    /// One attached reader and its card, if any.
    struct ReaderState: Encodable, Sendable {
        /// The reader's name, as `--reader` takes it.
        var name: String
        /// Whether a card is in it.
        var cardPresent: Bool
        /// The card's answer to reset, in hex, when a card is present.
        var atr: String?
    }

    /// The attached readers and whether each holds a card. Spends nothing and sends nothing to a card.
    ///
    /// - Throws: `TransportError` `.serviceUnavailable` when pcscd is not running.
    static func readers(logger: Logger) async throws -> [ReaderState] {
        let context = try await PCSCContext.establish(logger: logger)
        defer { Task { await context.release() } }
        var states: [ReaderState] = []
        for name in try await context.readers() {
            states.append(await state(of: name, in: context))
        }
        return states
    }

    /// Whether `reader` holds a card, asked without waiting.
    static func state(of reader: String, in context: PCSCContext) async -> ReaderState {
        do {
            let presence = try await context.waitForCard(in: reader, timeout: .zero)
            return ReaderState(name: reader, cardPresent: true, atr: Hex.encode(presence.atr))
        } catch {
            return ReaderState(name: reader, cardPresent: false, atr: nil)
        }
    }

    /// The first reader holding a card, or why there is none.
    static func firstCard(logger: Logger) async -> Probe {
        let states: [ReaderState]
        do {
            states = try await readers(logger: logger)
        } catch let error as TransportError where error.code == .serviceUnavailable {
            return .unavailable("no smart-card service: pcscd is not running", error)
        } catch let error as TransportError {
            return .unavailable("the smart-card service failed: \(error.reason)", error)
        } catch {
            return .unavailable(
                "the smart-card service failed: \(error)", TransportError(.backendFailure, "\(error)"))
        }
        guard !states.isEmpty else {
            return .unavailable("no reader found", TransportError(.noReadersAvailable, "no card reader is attached"))
        }
        guard let reader = states.first(where: \.cardPresent) else {
            let names = states.map(\.name).joined(separator: ", ")
            return .unavailable("no card in \(names)", TransportError(.noCard, "no card in \(names)"))
        }
        return .found(reader: reader.name)
    }

    /// Connects to the card in `reader`; says which on stderr.
    ///
    /// - Throws: `TransportError` `.serviceUnavailable`, `.noReader`, `.noCard`, `.sharingViolation`, ….
    static func open(reader: String, options: GlobalOptions, logger: Logger) async throws -> CardSession {
        let context = try await PCSCContext.establish(logger: logger)
        let connection: PCSCConnection
        let atr: [UInt8]
        do {
            guard try await context.readers().contains(reader) else {
                throw TransportError(.noReader, "there is no reader named \"\(reader)\"")
            }
            connection = try await context.connect(to: reader)
            atr = try await connection.status().atr
        } catch {
            await context.release()
            throw error
        }
        let backend = BackendDescription(kind: .pcsc, reader: reader)
        Output.note(backend.notice(options.messageLanguage))
        let hints = CardSession.sizeHints(options)
        let card = MyNumberCard(transport: CardSession.layered(connection, options: options, logger: logger), logger: logger, sizeHints: hints)
        return CardSession(card: card, backend: backend, atr: atr, sizeHints: hints, options: options) {
            // Powers the card off when a VERIFY went through this connection (a verified state survives
            // SCARD_LEAVE_CARD); leaves it as it is otherwise.
            try? await connection.disconnect()
            await context.release()
        }
    }
}
