import MynaTransport

extension PCSCContext {
    /// Waits until a card is present, and returns where and its answer to reset.
    ///
    /// Returns at once when a card is already in the reader. Built on `SCardGetStatusChange` (no polling),
    /// on a PC/SC context and thread of its own, so the context stays usable meanwhile. Cancelling the task
    /// ends the wait through `SCardCancel`.
    ///
    /// - Parameters:
    ///   - reader: the reader to watch; `nil` watches every reader, including readers attached during the
    ///     wait (through the PnP pseudo-reader `\\?PnP?\Notification`).
    ///   - timeout: how long to wait; `nil`, or more than ``maximumTimeout``, waits without limit; zero or
    ///     less looks once.
    /// - Throws: ``/MynaTransport/TransportError`` `.timeout` (`SCARD_E_TIMEOUT`), `.cancelled`
    ///   (`SCARD_E_CANCELLED`), `.noReader` when `reader` is not attached, `.serviceUnavailable`.
    public nonisolated func waitForCard(in reader: String? = nil, timeout: Duration? = nil) async throws
        -> PCSCCardPresence
    {
        let deadline = Self.deadline(after: timeout)
        let watcher = PCSCStatusWatcher(logger: logger)
        return try await withTaskCancellationHandler {
            try await watcher.open()
            let presence = try await watcher.waitForCard(in: reader, until: deadline)
            logger.debug("card present", metadata: ["reader": "\(presence.reader)"])
            return presence
        } onCancel: {
            watcher.cancel()
        }
    }

    /// The longest timeout the waits count down: 100 years. A longer one (up to `Duration`'s largest, which
    /// no clock can add to the present) waits without limit.
    public static let maximumTimeout = Duration.seconds(100 * 365 * 24 * 3600)

    /// The instant `timeout` from now: `nil` (no limit) for `nil` or more than ``maximumTimeout``; now for
    /// zero or a negative timeout. Never overflows the clock.
    static func deadline(after timeout: Duration?) -> ContinuousClock.Instant? {
        guard let timeout, timeout <= maximumTimeout else { return nil }
        return ContinuousClock.now.advanced(by: max(timeout, .zero))
    }

    /// Waits until `reader` holds no card ("remove your card"). Returns at once when it is empty.
    ///
    /// - Parameter reader: the reader's name, as ``readers()`` lists it.
    /// - Parameter timeout: as for ``waitForCard(in:timeout:)``.
    ///
    /// - Throws: ``/MynaTransport/TransportError`` `.timeout`, `.cancelled`, `.noReader`,
    ///   `.serviceUnavailable`.
    public nonisolated func waitForRemoval(from reader: String, timeout: Duration? = nil) async throws {
        let deadline = Self.deadline(after: timeout)
        let watcher = PCSCStatusWatcher(logger: logger)
        try await withTaskCancellationHandler {
            try await watcher.open()
            try await watcher.waitForRemoval(from: reader, until: deadline)
        } onCancel: {
            watcher.cancel()
        }
    }

    /// Reader and card events, as they happen.
    ///
    /// The sequence starts with the current state — ``PCSCReaderEvent/readerAttached(reader:)`` for each
    /// attached reader and ``PCSCReaderEvent/cardInserted(_:)`` for each card present — then reports every
    /// change: readers attached and detached (through the PnP pseudo-reader), cards inserted (with their
    /// ATR) and removed. It runs on a PC/SC context and thread of its own; it ends when the consuming task is
    /// cancelled or stops iterating (through `SCardCancel`), and ends with a
    /// ``/MynaTransport/TransportError`` if the service fails (`.serviceUnavailable`).
    public nonisolated func readerEvents() -> AsyncThrowingStream<PCSCReaderEvent, any Error> {
        let watcher = PCSCStatusWatcher(logger: logger)
        let (stream, continuation) = AsyncThrowingStream<PCSCReaderEvent, any Error>.makeStream()
        let producer = Task {
            do {
                try await watcher.open()
                try await watcher.monitor { continuation.yield($0) }
                continuation.finish()
            } catch let error as TransportError where error.code == .cancelled {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in
            watcher.cancel()
            producer.cancel()
        }
        return stream
    }
}
