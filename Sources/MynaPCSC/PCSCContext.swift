import Logging
import MynaTransport

/// A connection to the PC/SC service (pcscd on Linux, the system's on macOS): lists readers, connects to
/// cards, waits for cards and reports reader events.
///
/// Every PC/SC call of a context and of its ``PCSCConnection``s runs on one dedicated thread of its own,
/// never on Swift's cooperative pool; calls are serialised there, as the PC/SC library serialises the
/// calls of one context anyway. Use two contexts for two independent clients.
///
/// ```swift
/// let context = try await PCSCContext.establish()
/// let card = try await context.waitForCard(timeout: .seconds(30))
/// let connection = try await context.connect(to: card.reader)
/// let response = try await connection.transmit(command)
/// ```
///
/// Failures are ``MynaTransport/TransportError``s whose `systemCode` and `systemCodeName` keep the PC/SC
/// code (see ``PCSCReturnCode``); when the service is not running the code is `.serviceUnavailable` and the
/// reason says how to start it.
public actor PCSCContext {
    nonisolated let executor: DedicatedThreadExecutor
    let logger: Logger
    private var handle: PCSCLibrary.ContextHandle?

    /// The dedicated thread every call of this context and its connections runs on.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The same dedicated thread, as a task executor.
    ///
    /// Each call into a connection otherwise moves from the caller's thread to the PC/SC thread and back.
    /// Code that makes many exchanges in a row can run on the PC/SC thread instead, which saves both
    /// switches per APDU:
    ///
    /// ```swift
    /// let contents = try await withTaskExecutorPreference(context.taskExecutor) {
    ///     try await reader.readWholeFile(over: connection)
    /// }
    /// ```
    ///
    /// The body then shares the thread with every call of this context: keep long computations out of it.
    public nonisolated var taskExecutor: any TaskExecutor { executor }

    private init(logger: Logger) {
        self.executor = DedicatedThreadExecutor(name: "MynaPCSC context")
        self.logger = logger
    }

    deinit {
        if let handle { PCSCLibrary.releaseContext(handle) }
        executor.shutdown()
    }

    /// Connects to the PC/SC service.
    ///
    /// - Parameter logger: receives `.debug` events (connect, disconnect, reset) and `.trace` per APDU —
    ///   instruction, lengths and status word only, never data.
    /// - Throws: ``MynaTransport/TransportError`` `.serviceUnavailable` (`SCARD_E_NO_SERVICE`) when the
    ///   service is not running, with the remedy in its reason.
    public static func establish(
        logger: Logger = Logger(label: "MynaPCSC", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> PCSCContext {
        let context = PCSCContext(logger: logger)
        try await context.open()
        return context
    }

    private func open() throws(TransportError) {
        let (rv, handle) = PCSCLibrary.establishContext()
        guard rv == PCSCReturnCode.success.rawValue else {
            throw TransportError.pcsc(PCSCReturnCode(rawValue: rv), "SCardEstablishContext")
        }
        self.handle = handle
        logger.debug("PC/SC context established")
    }

    /// The names of the attached readers; empty when none is attached.
    ///
    /// - Throws: ``MynaTransport/TransportError`` `.serviceUnavailable` when the service stopped,
    ///   `.notConnected` after ``release()``.
    public func readers() throws -> [String] {
        let handle = try requireHandle()
        let (rv, names) = PCSCLibrary.listReaders(handle)
        switch PCSCReturnCode(rawValue: rv) {
        case .success: return names
        case .noReadersAvailable: return []
        case let code: throw TransportError.pcsc(code, "SCardListReaders")
        }
    }

    /// Connects to the card in `reader`.
    ///
    /// - Parameters:
    ///   - mode: ``PCSCShareMode/shared`` (the default: use ``MynaTransport/CardTransport/withTransaction(isolation:_:)``
    ///     for sequences that must not be interleaved) or ``PCSCShareMode/exclusive``.
    ///   - protocols: the protocols to accept; the default takes whichever the card uses.
    /// - Throws: ``MynaTransport/TransportError`` with `.noReader`, `.noCard`, `.sharingViolation`,
    ///   `.unsupportedProtocol`, `.unresponsiveCard`, `.serviceUnavailable`, …
    public func connect(
        to reader: String, mode: PCSCShareMode = .shared, protocols: PCSCProtocols = .any
    ) throws -> PCSCConnection {
        let handle = try requireHandle()
        let (rv, cardHandle, active) = PCSCLibrary.connect(
            handle, reader: reader, share: mode.rawValue, protocols: protocols.rawValue)
        guard rv == PCSCReturnCode.success.rawValue else {
            throw TransportError.pcsc(PCSCReturnCode(rawValue: rv), "SCardConnect", reader: reader)
        }
        let activeProtocol = PCSCProtocols(rawValue: active)
        logger.debug(
            "connected", metadata: ["reader": "\(reader)", "mode": "\(mode)", "protocol": "\(activeProtocol)"])
        return PCSCConnection(
            context: self, contextHandle: handle, handle: cardHandle, reader: reader, shareMode: mode, preferredProtocols: protocols,
            activeProtocol: activeProtocol, logger: logger)
    }

    /// Releases the context. Its connections stop working (`.notConnected`); further calls throw
    /// `.notConnected`. Called automatically when the context is no longer referenced.
    public func release() {
        guard let handle else { return }
        PCSCLibrary.releaseContext(handle)
        self.handle = nil
        logger.debug("PC/SC context released")
    }

    private func requireHandle() throws(TransportError) -> PCSCLibrary.ContextHandle {
        guard let handle else { throw TransportError(.notConnected, "the PC/SC context was released") }
        return handle
    }
}
