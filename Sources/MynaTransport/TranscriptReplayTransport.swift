import Foundation
import MynaCodec
import Synchronization

/// A transport that answers from a ``Transcript``: each command must match the next recorded one
/// (masked bytes match anything), and gets the recorded response.
///
/// For tests and for reproducing bug reports without the card.
public final class TranscriptReplayTransport: TransactionalTransport {
    private let state: Mutex<(transcript: Transcript, position: Int)>

    /// Replays `transcript` from its first entry.
    public init(_ transcript: Transcript) {
        self.state = Mutex((transcript, 0))
    }

    /// Replays the transcript file at `path` (a file cut off mid-line replays up to the cut: see
    /// ``Transcript/init(contentsOf:)``).
    ///
    /// - Throws: ``TransportError/Code/transcriptInvalid`` when the file cannot be read, is larger than
    ///   64 MiB or cannot be parsed.
    public convenience init(contentsOf path: String) throws(TransportError) {
        self.init(try Transcript(contentsOf: path))
    }

    /// Whether every entry has been replayed.
    public var isComplete: Bool {
        state.withLock { $0.position == $0.transcript.entries.count }
    }

    /// How many entries have been replayed.
    package var position: Int { state.withLock { $0.position } }

    private func next() throws(TransportError) -> (Transcript.Entry, Int) {
        try state.withLock { (s) throws(TransportError) -> (Transcript.Entry, Int) in
            guard s.position < s.transcript.entries.count else {
                throw TransportError(.transcriptExhausted, "the transcript has no entry \(s.position + 1)")
            }
            let entry = s.transcript.entries[s.position]
            s.position += 1
            return (entry, s.position)
        }
    }

    /// Answers with the next recorded response when `command` matches the next recorded one; throws
    /// ``TransportError/Code/transcriptMismatch`` otherwise, or the recorded error of a failed exchange.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let (entry, index) = try next()
        switch entry {
        case .exchange(let expected, let response):
            guard expected.matches(command.encoded()) else {
                throw TransportError(
                    .transcriptMismatch, "entry \(index): expected \(expected), got \(Transcript.recordedCommand(command))")
            }
            return try ResponseAPDU(decoding: response.bytes)
        case .failedExchange(let expected, let code):
            guard expected.matches(command.encoded()) else {
                throw TransportError(
                    .transcriptMismatch, "entry \(index): expected \(expected), got \(Transcript.recordedCommand(command))")
            }
            throw TransportError(TransportError.Code(code), "replayed from the transcript (entry \(index))")
        default:
            throw TransportError(.transcriptMismatch, "entry \(index): expected \(Transcript.lines(for: entry).joined()), got a command")
        }
    }

    /// Returns the next recorded answer to reset; throws when the transcript expected something else.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        let (entry, index) = try next()
        switch entry {
        case .reset(let atr): return atr
        case .failedReset(let code):
            throw TransportError(TransportError.Code(code), "replayed from the transcript (entry \(index))")
        default:
            throw TransportError(.transcriptMismatch, "entry \(index): expected \(Transcript.lines(for: entry).joined()), got a reset")
        }
    }

    /// Consumes a recorded begin-transaction; throws when the transcript expected something else.
    package func beginTransaction() async throws {
        let (entry, index) = try next()
        guard entry == .beginTransaction else {
            throw TransportError(.transcriptMismatch, "entry \(index): expected \(Transcript.lines(for: entry).joined()), got begin")
        }
    }

    /// Consumes a recorded end-transaction; throws when the transcript expected something else.
    package func endTransaction() async throws {
        let (entry, index) = try next()
        guard entry == .endTransaction else {
            throw TransportError(.transcriptMismatch, "entry \(index): expected \(Transcript.lines(for: entry).joined()), got end")
        }
    }
}
