import MynaCodec
import MynaTransport
import Synchronization
import Testing

/// A transport that expects an exact sequence of events and answers each with a fixed result.
///
/// Any deviation — another command, a command after the script ended, an unexpected reset or transaction —
/// records a test issue at the place the script was written and throws
/// ``/MynaTransport/TransportError/Code/transcriptMismatch``. Call ``expectComplete(sourceLocation:)`` at the end of a test.
public final class ScriptedTransport: TransactionalTransport {
    /// One scripted event.
    public enum Step: Sendable, Equatable {
        /// Expect this command (hex, spaces ignored) and answer with this response (hex: data then SW).
        case exchange(String, String)
        /// Expect this command and fail it with a transport error (no response arrived).
        case failure(String, TransportError.Code)
        /// Expect a reset and answer with this ATR.
        case reset([UInt8])
        /// Expect a reset and fail it.
        case resetFailure(TransportError.Code)
        /// Expect the start of a transaction.
        case begin
        /// Expect the end of a transaction.
        case end
    }

    private struct State {
        var steps: [Step]
        var position = 0
        var received: [String] = []
    }

    private let state: Mutex<State>
    private let sourceLocation: SourceLocation

    /// A script of (command hex → response hex) pairs.
    public convenience init(_ pairs: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(steps: pairs.map { .exchange($0.0, $0.1) }, sourceLocation: sourceLocation)
    }

    /// A script of steps.
    public init(steps: [Step], sourceLocation: SourceLocation = #_sourceLocation) {
        self.state = Mutex(State(steps: steps))
        self.sourceLocation = sourceLocation
    }

    /// The events received so far: commands as spaced hex, `RESET`, `BEGIN`, `END`.
    public var received: [String] { state.withLock { $0.received } }

    /// Whether every step has been used.
    public var isComplete: Bool { state.withLock { $0.position == $0.steps.count } }

    /// Records an issue unless every step has been used.
    public func expectComplete(sourceLocation: SourceLocation = #_sourceLocation) {
        let (position, count) = state.withLock { ($0.position, $0.steps.count) }
        #expect(position == count, "only \(position) of \(count) scripted steps were used", sourceLocation: sourceLocation)
    }

    private func deviation(_ message: String) -> TransportError {
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return TransportError(.transcriptMismatch, message)
    }

    private func nextStep(_ event: String) -> Step? {
        state.withLock { s in
            s.received.append(event)
            guard s.position < s.steps.count else { return nil }
            s.position += 1
            return s.steps[s.position - 1]
        }
    }

    private static func normalized(_ hex: String) -> String {
        String(hex.filter { !$0.isWhitespace }).uppercased()
    }

    /// Checks `command` against the next step and answers as scripted.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let sent = Hex.encode(command.encoded())
        let step = nextStep(Hex.encode(command.encoded(), separator: " "))
        switch step {
        case .exchange(let expected, let response):
            guard Self.normalized(expected) == sent else {
                throw deviation("expected command \(Self.normalized(expected)), got \(sent)")
            }
            return try ResponseAPDU(decoding: Hex.decode(response))
        case .failure(let expected, let code):
            guard Self.normalized(expected) == sent else {
                throw deviation("expected command \(Self.normalized(expected)), got \(sent)")
            }
            throw TransportError(code, "scripted failure")
        default:
            throw deviation("expected \(step.map { "\($0)" } ?? "the end of the script"), got command \(sent)")
        }
    }

    /// Checks that the next step is a reset and answers as scripted.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        let step = nextStep("RESET")
        switch step {
        case .reset(let atr): return atr
        case .resetFailure(let code): throw TransportError(code, "scripted reset failure")
        default: throw deviation("expected \(step.map { "\($0)" } ?? "the end of the script"), got a reset")
        }
    }

    /// Checks that the next step is the start of a transaction.
    package func beginTransaction() async throws {
        let step = nextStep("BEGIN")
        guard step == .begin else {
            throw deviation("expected \(step.map { "\($0)" } ?? "the end of the script"), got begin")
        }
    }

    /// Checks that the next step is the end of a transaction.
    package func endTransaction() async throws {
        let step = nextStep("END")
        guard step == .end else {
            throw deviation("expected \(step.map { "\($0)" } ?? "the end of the script"), got end")
        }
    }
}
