import Foundation
import MynaCodec
import Synchronization

/// Collects a ``Transcript`` as ``TranscriptRecordingTransport`` exchanges go by, and optionally appends
/// each entry to a file as it happens (so a transcript survives a crash).
public final class TranscriptRecorder: Sendable {
    /// Whether response data is written.
    public enum ResponseData: Hashable, Sendable {
        /// Response data is recorded: a transcript that replays, and that holds the card's personal data.
        case recorded
        /// Response data is replaced by `**` bytes; only status words and lengths are kept.
        case redacted
    }

    /// What is done with response data.
    package let responseData: ResponseData
    private let state: Mutex<Transcript>
    private let file: Mutex<FileHandle?>

    /// A recorder that keeps the transcript in memory only.
    ///
    /// - Parameter responseData: there is no default: a transcript with response data holds personal data.
    public init(responseData: ResponseData) {
        self.responseData = responseData
        self.state = Mutex(Transcript())
        self.file = Mutex(nil)
    }

    /// A recorder that also writes to `path`, one line per event: a new file, readable and writable by its
    /// owner only from the start (it may hold personal data), replacing any file there.
    ///
    /// - Throws: ``TransportError/Code/transcriptInvalid`` when the file cannot be created.
    public init(writingTo path: String, responseData: ResponseData) throws(TransportError) {
        self.responseData = responseData
        self.state = Mutex(Transcript())
        let fd: Int32
        do {
            fd = try ProtectedFile.create(path, initial: Array((Transcript.header + "\n").utf8))
        } catch {
            throw TransportError(.transcriptInvalid, "cannot create the transcript file: \(error.reason)")
        }
        self.file = Mutex(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    deinit {
        file.withLock { try? $0?.close() }
    }

    /// The transcript so far.
    public var transcript: Transcript { state.withLock { $0 } }

    /// Adds an entry.
    package func record(_ entry: Transcript.Entry) {
        let entry = redacted(entry)
        state.withLock { $0.entries.append(entry) }
        file.withLock { handle in
            guard let open = handle else { return }
            let text = Transcript.lines(for: entry).joined(separator: "\n") + "\n"
            // The legacy `write(_:)` traps on an I/O error (a full disk). On failure the file stops here, so it
            // is a truncated transcript rather than one with a gap; the in-memory transcript stays complete.
            do {
                try open.write(contentsOf: Data(text.utf8))
            } catch {
                try? open.close()
                handle = nil
            }
        }
    }

    private func redacted(_ entry: Transcript.Entry) -> Transcript.Entry {
        guard responseData == .redacted, case .exchange(let command, let response) = entry else { return entry }
        let dataCount = response.bytes.count - 2
        let bytes = Array(repeating: UInt8(0), count: dataCount) + response.bytes.suffix(2)
        let recorded = Array(repeating: false, count: dataCount) + [true, true]
        return .exchange(command: command, response: Transcript.MaskedBytes(bytes: bytes, recorded: recorded))
    }
}

/// A layer that records every exchange into a ``TranscriptRecorder``.
public struct TranscriptRecordingTransport<Base: CardTransport>: CardTransportLayer, TransactionalTransport {
    /// The transport underneath.
    package let base: Base
    /// The transport underneath, for the forwarding that ``CardTransportLayer`` does.
    public var wrappedTransport: any CardTransport { base }
    /// Where entries go.
    package let recorder: TranscriptRecorder

    /// Wraps `base`; apps write `base.recording(into: recorder)`.
    package init(_ base: Base, recorder: TranscriptRecorder) {
        self.base = base
        self.recorder = recorder
    }

    /// Sends the command and records the exchange (the command's secret data masked), or the failure.
    public func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let recordedCommand = Transcript.recordedCommand(command)
        do {
            let response = try await base.transmit(command)
            recorder.record(.exchange(command: recordedCommand, response: Transcript.MaskedBytes(response.encoded())))
            return response
        } catch let error as TransportError {
            recorder.record(.failedExchange(command: recordedCommand, error: error.code.description))
            throw error
        }
    }

    /// Resets the card and records the answer to reset, or the failure.
    @discardableResult
    public func reset() async throws -> [UInt8] {
        do {
            let atr = try await base.reset()
            recorder.record(.reset(atr: atr))
            return atr
        } catch let error as TransportError {
            recorder.record(.failedReset(error: error.code.description))
            throw error
        }
    }

    /// Begins a transaction and records it.
    package func beginTransaction() async throws {
        try await base.beginTransactionIfSupported()
        recorder.record(.beginTransaction)
    }

    /// Ends the transaction and records it.
    package func endTransaction() async throws {
        try await base.endTransactionIfSupported()
        recorder.record(.endTransaction)
    }
}
