import Logging
import MynaTransport
import Synchronization

/// Waits for reader and card changes (`SCardGetStatusChange`) on a context and a thread of its own, so that
/// a wait never holds up the calls of a ``PCSCContext``.
///
/// ``cancel()`` may be called from any thread: it calls `SCardCancel`, which ends a wait in progress.
/// PC/SC only honours `SCardCancel` while the wait is in progress, so a cancellation that lands between the
/// check before a wait and the wait itself would be lost; each wait is therefore bounded by
/// ``backstopMilliseconds`` and the flag is checked again after it (a backstop, not polling: nothing
/// happens on the way unless a reader or card changes).
actor PCSCStatusWatcher {
    /// The longest single `SCardGetStatusChange`, after which the cancellation flag is checked again.
    static let backstopMilliseconds: UInt32 = 60_000

    private struct Shared {
        var context: PCSCLibrary.ContextHandle?
        var isCancelled = false
    }

    private nonisolated let executor: DedicatedThreadExecutor
    private nonisolated let shared = Mutex(Shared())
    private let logger: Logger

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(logger: Logger) {
        self.executor = DedicatedThreadExecutor(name: "MynaPCSC watcher")
        self.logger = logger
    }

    deinit {
        shared.withLock { shared in
            if let context = shared.context { PCSCLibrary.releaseContext(context) }
            shared.context = nil
        }
        executor.shutdown()
    }

    /// Ends the current and every later wait with `.cancelled`. Safe from any thread.
    nonisolated func cancel() {
        shared.withLock { shared in
            shared.isCancelled = true
            if let context = shared.context { PCSCLibrary.cancel(context) }
        }
    }

    private var isCancelled: Bool { shared.withLock { $0.isCancelled } }

    private func cancelledError() -> TransportError {
        .pcsc(.cancelled, "SCardGetStatusChange")
    }

    /// Establishes the watcher's own context.
    func open() throws(TransportError) {
        let (rv, context) = PCSCLibrary.establishContext()
        guard rv == PCSCReturnCode.success.rawValue else {
            throw .pcsc(PCSCReturnCode(rawValue: rv), "SCardEstablishContext")
        }
        shared.withLock { $0.context = context }
    }

    private func context() throws(TransportError) -> PCSCLibrary.ContextHandle {
        guard let context = shared.withLock({ $0.context }) else {
            throw TransportError(.notConnected, "the watcher has no PC/SC context")
        }
        return context
    }

    private func readers(_ context: PCSCLibrary.ContextHandle) throws(TransportError) -> [String] {
        let (rv, names) = PCSCLibrary.listReaders(context)
        switch PCSCReturnCode(rawValue: rv) {
        case .success: return names
        case .noReadersAvailable: return []
        case let code: throw .pcsc(code, "SCardListReaders")
        }
    }

    /// The entry that reports reader attach and detach; pcsc-lite compares the reader count kept in the
    /// high 16 bits.
    private static func plugAndPlay(readerCount: Int) -> PCSCLibrary.ReaderState {
        PCSCLibrary.ReaderState(
            reader: PCSCLibrary.plugAndPlayReader, currentState: UInt32(truncatingIfNeeded: readerCount) << 16)
    }

    /// One `SCardGetStatusChange`, cancellable. Returns its code (success or timeout); throws otherwise.
    private func waitForChange(
        _ context: PCSCLibrary.ContextHandle, _ states: inout [PCSCLibrary.ReaderState], timeout: UInt32
    ) throws(TransportError) -> PCSCReturnCode {
        guard !isCancelled else { throw cancelledError() }
        let rv = PCSCReturnCode(rawValue: PCSCLibrary.getStatusChange(context, timeout: timeout, states: &states))
        guard !isCancelled else { throw cancelledError() }
        switch rv {
        case .success, .timeout: return rv
        case .cancelled: throw cancelledError()
        default: throw .pcsc(rv, "SCardGetStatusChange")
        }
    }

    // MARK: Wait for a card

    /// Returns as soon as a card is present in `reader` (any reader when `nil`, including readers attached
    /// during the wait).
    ///
    /// - Parameter deadline: when to give up with `.timeout`; `nil` waits without limit.
    func waitForCard(in reader: String?, until deadline: ContinuousClock.Instant?) throws(TransportError)
        -> PCSCCardPresence
    {
        let context = try context()
        var states = try initialStates(context, reader)
        var isFirst = true
        while true {
            let timeout = try nextTimeout(
                isFirst: isFirst, deadline: deadline,
                timedOut: "no card was inserted in " + (reader.map { "reader \"\($0)\"" } ?? "any reader"))
            isFirst = false
            let rv = try waitForChange(context, &states, timeout: timeout)
            if rv == .timeout { continue }
            if let present = states.first(where: {
                $0.reader != PCSCLibrary.plugAndPlayReader && $0.eventState & PCSCLibrary.statePresent != 0
            }) {
                return PCSCCardPresence(reader: present.reader, atr: present.atr)
            }
            let readersChanged = states.contains {
                $0.reader == PCSCLibrary.plugAndPlayReader && $0.eventState & PCSCLibrary.stateChanged != 0
            }
            if readersChanged && reader == nil {
                states = try initialStates(context, nil)
                isFirst = true
                continue
            }
            for index in states.indices {
                states[index].currentState = states[index].eventState & ~PCSCLibrary.stateChanged
            }
        }
    }

    /// The timeout of the next wait: none for the first (it reports the current state), else up to the
    /// deadline, at most the backstop.
    private func nextTimeout(isFirst: Bool, deadline: ContinuousClock.Instant?, timedOut: String)
        throws(TransportError) -> UInt32
    {
        if isFirst { return 0 }
        guard let deadline else { return Self.backstopMilliseconds }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else {
            throw TransportError(
                .timeout, timedOut + " before the timeout",
                systemCode: Int64(PCSCReturnCode.timeout.rawValue), systemCodeName: PCSCReturnCode.timeout.name)
        }
        return min(Self.backstopMilliseconds, Self.milliseconds(remaining))
    }

    // MARK: Wait for removal

    /// Returns as soon as `reader` holds no card.
    func waitForRemoval(from reader: String, until deadline: ContinuousClock.Instant?) throws(TransportError) {
        let context = try context()
        var states = [PCSCLibrary.ReaderState(reader: reader, currentState: PCSCLibrary.stateUnaware)]
        var isFirst = true
        while true {
            let timeout = try nextTimeout(
                isFirst: isFirst, deadline: deadline, timedOut: "the card was not removed from reader \"\(reader)\"")
            isFirst = false
            let rv = try waitForChange(context, &states, timeout: timeout)
            if rv == .timeout { continue }
            if states[0].eventState & PCSCLibrary.statePresent == 0 { return }
            states[0].currentState = states[0].eventState & ~PCSCLibrary.stateChanged
        }
    }

    private func initialStates(_ context: PCSCLibrary.ContextHandle, _ reader: String?) throws(TransportError)
        -> [PCSCLibrary.ReaderState]
    {
        if let reader {
            return [PCSCLibrary.ReaderState(reader: reader, currentState: PCSCLibrary.stateUnaware)]
        }
        let names = try readers(context)
        return names.map { PCSCLibrary.ReaderState(reader: $0, currentState: PCSCLibrary.stateUnaware) }
            + [Self.plugAndPlay(readerCount: names.count)]
    }

    private static func milliseconds(_ duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow, whole < Int64(UInt32.max) else { return UInt32.max }
        let total = whole + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return UInt32(clamping: max(1, total))
    }

    // MARK: Monitor

    /// Reports the current readers and cards, then every change, until cancelled.
    func monitor(_ yield: (PCSCReaderEvent) -> Void) throws(TransportError) {
        let context = try context()
        var tracker = PCSCReaderEventTracker()
        var (_, states) = tracker.reconcile(readers: try readers(context), watched: [])
        while true {
            // Entries not yet reported are UNAWARE, so a wait returns at once with their current state.
            let rv = try waitForChange(context, &states, timeout: Self.backstopMilliseconds)
            if rv == .timeout { continue }
            logger.trace("reader states changed", metadata: ["readers": "\(states.count - 1)"])
            let (events, readersChanged) = tracker.process(&states)
            events.forEach(yield)
            if readersChanged {
                let (detached, watched) = tracker.reconcile(readers: try readers(context), watched: states)
                detached.forEach(yield)
                states = watched
            }
        }
    }
}
