import Logging
import MynaTransport
import Synchronization

/// Makes any ``/MynaTransport/CardTransport`` appear to pcscd as a card in vsmartcard's virtual reader.
///
/// pcscd's `vpcd` driver listens on a TCP port per virtual reader (see ``VPCDEndpoint``); ``run()``
/// connects to it — the card is inserted — and answers vpcd's requests until ``stop()`` is called, the task
/// is cancelled or vpcd closes the connection. Then the socket is closed: the card is removed. Any PC/SC
/// application (MynaPCSC, OpenSC, `pcsc_scan`) then sees a card in `Virtual PCD 00 00` (or `00 01`).
///
/// Reset requests call the card's ``/MynaTransport/CardTransport/reset()`` (a warm reset); power-off and power-on
/// reach a ``/MynaTransport/PowerControlledCard`` as such (other cards are reset at power-on); the answer to reset
/// sent to vpcd is the `atr` given at creation. Socket reads block on a dedicated thread, never on Swift's
/// cooperative pool.
///
/// Logging is at `.trace` and `.debug` only and never includes APDU data (VERIFY carries a PIN): a command
/// is logged by its instruction byte and lengths, a response by its length and status word.
///
/// ```swift
/// let connection = VirtualCardConnection(endpoint: .reader0, card: simulatedCard, atr: atr)
/// let serving = Task { try await connection.run() }
/// // … use the card through PC/SC …
/// await connection.stop()          // the card is removed
/// try await serving.value
/// ```
public final class VirtualCardConnection: Sendable {
    private enum RunState {
        case idle
        case running(socket: VPCDSocket?, isStopped: Bool)
    }

    /// Where vpcd listens.
    public let endpoint: VPCDEndpoint
    /// The answer to reset reported to vpcd.
    public let atr: [UInt8]
    private let card: any CardTransport
    private let logger: Logger
    private let state = Mutex(RunState.idle)

    /// Creates a connection; nothing happens until ``run()``.
    ///
    /// - Parameters:
    ///   - endpoint: the virtual reader to insert the card into.
    ///   - card: answers the commands PC/SC applications send.
    ///   - atr: the answer to reset (e.g. the My Number Card's `3B E0 00 FF 81 31 FE 45 14`).
    ///   - logger: receives `.debug` events (inserted, removed) and `.trace` per APDU, data redacted.
    public init(
        endpoint: VPCDEndpoint = .reader0, card: any CardTransport, atr: [UInt8],
        logger: Logger = Logger(label: "MynaVPCD", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.endpoint = endpoint
        self.card = card
        self.atr = atr
        self.logger = logger
    }

    /// Inserts the card and serves it until ``stop()``, cancellation or the end of the connection.
    ///
    /// Returns normally after ``stop()`` or when vpcd closes the connection (pcscd stopped). May be called
    /// again after it returns, which inserts the card again.
    ///
    /// - Throws: ``/MynaTransport/TransportError`` `.serviceUnavailable` when nothing listens at the
    ///   endpoint (pcscd not running, or without the vpcd driver), `.notConnected` for other connection
    ///   failures or when the connection is already running; a ``/MynaTransport/TransportError`` from the
    ///   card when it gave no response (the card is then removed); `CancellationError` when the task was
    ///   cancelled.
    public func run() async throws {
        try claim()
        defer { state.withLock { $0 = .idle } }

        let session = VPCDSession(endpoint: endpoint, card: card, atr: atr, logger: logger)
        try await withTaskCancellationHandler {
            let socket = try await session.connect()
            defer {
                socket.close()
                logger.debug("virtual card removed", metadata: ["vpcd": "\(endpoint)"])
            }
            guard adopt(socket) else { return }
            do {
                try await withTaskExecutorPreference(session.executor) {
                    try await session.serve(socket)
                }
            } catch where isStopRequested {
                // stop() shut the socket down under a reply in progress: that is the removal asked for.
            }
        } onCancel: {
            requestStop()
        }
        try Task.checkCancellation()
    }

    /// Removes the card: closes the connection of the current ``run()``, which then returns.
    ///
    /// Does nothing when no ``run()`` is in progress.
    public func stop() async {
        requestStop()
    }

    private func claim() throws(TransportError) {
        let claimed = state.withLock { state in
            guard case .idle = state else { return false }
            state = .running(socket: nil, isStopped: false)
            return true
        }
        guard claimed else {
            throw TransportError(.notConnected, "this virtual card is already connected to vpcd at \(endpoint)")
        }
    }

    /// Records the connected socket; `false` when ``stop()`` came while connecting.
    private func adopt(_ socket: VPCDSocket) -> Bool {
        state.withLock { state in
            guard case .running(_, false) = state else { return false }
            state = .running(socket: socket, isStopped: false)
            return true
        }
    }

    private var isStopRequested: Bool {
        state.withLock { state in
            if case .running(_, true) = state { return true }
            return false
        }
    }

    private func requestStop() {
        state.withLock { state in
            guard case .running(let socket, _) = state else { return }
            socket?.shutdown()
            state = .running(socket: socket, isStopped: true)
        }
    }
}
