import MynaCodec
import MynaTransport
import Synchronization
import Testing

/// A transport that expects an exact sequence of commands and answers each with a fixed response.
///
/// Any deviation — another command, a command after the script ended, an unexpected reset — records a test
/// issue at the place the script was written and throws ``TransportError/Code/transcriptMismatch``.
/// Call ``expectComplete(sourceLocation:)`` at the end of a test to check nothing was left unsent.
final class ScriptedTransport: CardTransport {
    /// One scripted event.
    enum Step: Sendable {
        /// Expect this command (hex, spaces ignored) and answer with this response (hex: data then SW).
        case exchange(String, String)
        /// Expect this command and fail it with a transport error (no response arrived).
        case failure(String, TransportError.Code)
        /// Expect a reset.
        case reset
    }

    private struct State {
        var steps: [Step]
        var position = 0
        var received: [String] = []
    }

    private let state: Mutex<State>
    private let sourceLocation: SourceLocation

    /// A script of (command hex → response hex) pairs.
    convenience init(_ pairs: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(steps: pairs.map { .exchange($0.0, $0.1) }, sourceLocation: sourceLocation)
    }

    /// A script of steps.
    init(steps: [Step], sourceLocation: SourceLocation = #_sourceLocation) {
        self.state = Mutex(State(steps: steps))
        self.sourceLocation = sourceLocation
    }

    /// The commands received so far, as spaced hex.
    var received: [String] { state.withLock { $0.received } }

    /// Whether every step has been used.
    var isComplete: Bool { state.withLock { $0.position == $0.steps.count } }

    /// Records an issue unless every step has been used.
    func expectComplete(sourceLocation: SourceLocation = #_sourceLocation) {
        let (position, count) = state.withLock { ($0.position, $0.steps.count) }
        #expect(position == count, "only \(position) of \(count) scripted steps were used", sourceLocation: sourceLocation)
    }

    private func deviation(_ message: String) -> TransportError {
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return TransportError(.transcriptMismatch, message)
    }

    private static func normalized(_ hex: String) -> String {
        String(hex.filter { !$0.isWhitespace }).uppercased()
    }

    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let sent = Hex.encode(command.encoded())
        let step: Step? = state.withLock { s in
            s.received.append(Hex.encode(command.encoded(), separator: " "))
            guard s.position < s.steps.count else { return nil }
            s.position += 1
            return s.steps[s.position - 1]
        }
        switch step {
        case nil:
            throw deviation("unexpected command \(sent) after the end of the script")
        case .reset:
            throw deviation("expected a reset, got command \(sent)")
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
        }
    }

    @discardableResult
    func reset() async throws -> [UInt8] {
        let step: Step? = state.withLock { s in
            s.received.append("RESET")
            guard s.position < s.steps.count else { return nil }
            s.position += 1
            return s.steps[s.position - 1]
        }
        guard case .reset = step else { throw deviation("unexpected reset") }
        return [0x3B, 0x00]
    }
}
