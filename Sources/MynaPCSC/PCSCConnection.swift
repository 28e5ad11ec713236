import Logging
import MynaCodec
import MynaTransport

/// A connection to the card in one reader: a ``/MynaTransport/CardTransport`` over PC/SC.
///
/// Created by ``PCSCContext/connect(to:mode:protocols:)``. Runs on its context's dedicated thread.
///
/// **Resets.** When another application resets the card, PC/SC reports `SCARD_W_RESET_CARD` on this
/// connection's next call. The connection then acknowledges the reset (`SCardReconnect`, leaving the card
/// as it is) and throws ``/MynaTransport/TransportError`` `.cardReset`: the command was *not* sent, every
/// applet selection and verified PIN is gone, and the caller must select its applet again before retrying.
/// The connection itself stays usable. ``reset()`` resets the card from this side (others then see
/// `.cardReset`).
///
/// **Removal.** When the card is removed, calls throw `.cardRemoved` — also when the reader fails in the
/// middle of an exchange because the card went away (`SCARD_E_NOT_TRANSACTED` or similar is then reported
/// with the code kept). After a card is inserted again, ``reconnect(initialization:)`` or a new connection
/// reaches it.
///
/// **Transactions.** ``/MynaTransport/CardTransport/withTransaction(isolation:_:)`` holds the card for the
/// whole body (`SCardBeginTransaction` … `SCardEndTransaction`): no other application's command can come
/// between VERIFY and the signature it allows. Another application that sends a command meanwhile waits
/// (or gets `.sharingViolation`, depending on the PC/SC implementation).
///
/// **Verified state and closing.** A verified PIN survives `SCardDisconnect` with `SCARD_LEAVE_CARD` and a
/// warm reset on a My Number Card: the next application on the reader could use it. The connection therefore
/// watches for a successful VERIFY with data (INS `20`, any class, `9000`) — ``hasVerifiedCredential`` — and,
/// once it has seen one, closes with `SCARD_UNPOWER_CARD` by default (``disconnect(_:)`` without a
/// disposition, and when it is released without being closed), which clears every verified state. A
/// connection that never verified anything leaves the card as it is. MynaCard logs out inside the
/// transaction that verified, so this is the second guard; hold the card in a transaction (or connect
/// with ``PCSCShareMode/exclusive``) from your own VERIFY until you log out.
///
/// **Cancellation.** A call checks for task cancellation before it starts (`.cancelled`); an exchange
/// already under way with the card is completed, since PC/SC cannot abandon one half-way.
public actor PCSCConnection: TransactionalTransport {
    /// The largest response accepted: 65536 data bytes and the status word, as an extended Le allows
    /// (`MAX_BUFFER_SIZE_EXTENDED`, which also counts header and length bytes).
    public static let maximumResponseCount = 4 + 3 + 65536 + 3 + 2

    /// The reader this connection uses.
    public nonisolated let reader: String
    /// The sharing mode it was opened with.
    public nonisolated let shareMode: PCSCShareMode
    /// The protocols it accepts.
    public nonisolated let preferredProtocols: PCSCProtocols
    /// The protocol in use (T=0 or T=1).
    public private(set) var activeProtocol: PCSCProtocols

    private let context: PCSCContext
    private let contextHandle: PCSCLibrary.ContextHandle
    private var handle: PCSCLibrary.CardHandle?
    /// Whether a VERIFY succeeded through this connection since the card was last powered off by it.
    public private(set) var hasVerifiedCredential = false
    private var receiveBuffer: [UInt8]
    private let logger: Logger

    /// The context's dedicated thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { context.unownedExecutor }

    /// The context's dedicated thread, as a task executor: `withTransaction { }` runs its body there, so a
    /// read of many APDUs makes no thread switch per APDU.
    public nonisolated var preferredTaskExecutor: (any TaskExecutor)? { context.taskExecutor }

    init(
        context: PCSCContext, contextHandle: PCSCLibrary.ContextHandle, handle: PCSCLibrary.CardHandle, reader: String, shareMode: PCSCShareMode,
        preferredProtocols: PCSCProtocols, activeProtocol: PCSCProtocols, logger: Logger
    ) {
        self.context = context
        self.contextHandle = contextHandle
        self.handle = handle
        self.reader = reader
        self.shareMode = shareMode
        self.preferredProtocols = preferredProtocols
        self.activeProtocol = activeProtocol
        self.receiveBuffer = [UInt8](repeating: 0, count: Self.maximumResponseCount)
        self.logger = logger
    }

    deinit {
        if let handle {
            PCSCLibrary.disconnect(
                handle, disposition: hasVerifiedCredential ? PCSCLibrary.unpowerCard : PCSCLibrary.leaveCard)
        }
    }

    // MARK: CardTransport

    /// Sends `command` with the protocol control information of the active protocol.
    ///
    /// - Returns: the response exactly as the card sent it.
    /// - Throws: ``/MynaTransport/TransportError`` — `.cardRemoved`, `.cardReset` (the connection has
    ///   acknowledged the reset: select the applet again), `.noReader`, `.sharingViolation`,
    ///   `.serviceUnavailable`, `.notConnected` after ``disconnect(_:)``, `.cancelled`, `.malformedResponse`.
    public func transmit(_ command: CommandAPDU) throws -> ResponseAPDU {
        let handle = try prepare("SCardTransmit")
        let (rv, count) = PCSCLibrary.transmit(
            handle, activeProtocol: activeProtocol.rawValue, command: command.encoded(), into: &receiveBuffer)
        guard rv == PCSCReturnCode.success.rawValue else {
            throw failure(rv, "SCardTransmit", handle)
        }
        guard count >= 2, count <= receiveBuffer.count else {
            // Some reader drivers (vpcd among them) report success with no bytes when the card went away.
            if cardWasRemoved(handle) {
                throw TransportError(
                    .cardRemoved,
                    "SCardTransmit (reader \"\(reader)\"): the card was removed during the exchange",
                    systemCode: Int64(PCSCReturnCode.removedCard.rawValue),
                    systemCodeName: PCSCReturnCode.removedCard.name)
            }
            throw TransportError(
                .malformedResponse, "SCardTransmit returned \(count) bytes: a response needs at least SW1 SW2")
        }
        let response = ResponseAPDU(
            data: Array(receiveBuffer[0..<(count - 2)]),
            statusWord: StatusWord(sw1: receiveBuffer[count - 2], sw2: receiveBuffer[count - 1]))
        if Self.isSuccessfulVerification(command, response) { hasVerifiedCredential = true }
        logger.trace(
            "APDU",
            metadata: [
                "reader": "\(reader)", "ins": "\(Hex.encode([command.ins]))", "nc": "\(command.data.count)",
                "ne": "\(command.ne.map(String.init) ?? "-")", "response": "\(response.data.count)",
                "sw": "\(response.statusWord)",
            ])
        return response
    }

    /// Warm-resets the card (`SCardReconnect` with `SCARD_RESET_CARD`).
    ///
    /// - Returns: the answer to reset.
    @discardableResult
    public func reset() throws -> [UInt8] {
        try reconnect(initialization: .reset)
        return try status().atr
    }

    /// Starts a PC/SC transaction: until ``endTransaction()`` no other application can use the card.
    /// Prefer ``/MynaTransport/CardTransport/withTransaction(isolation:_:)``.
    ///
    /// Waits while another application holds a transaction.
    package func beginTransaction() throws {
        let handle = try prepare("SCardBeginTransaction")
        let rv = PCSCLibrary.beginTransaction(handle)
        guard rv == PCSCReturnCode.success.rawValue else { throw failure(rv, "SCardBeginTransaction", handle) }
    }

    /// Ends the transaction started by ``beginTransaction()``, leaving the card as it is.
    package func endTransaction() throws {
        guard let handle else { throw TransportError(.notConnected, "SCardEndTransaction: the connection is closed") }
        let rv = PCSCLibrary.endTransaction(handle, disposition: PCSCLibrary.leaveCard)
        guard rv == PCSCReturnCode.success.rawValue else { throw failure(rv, "SCardEndTransaction", handle) }
    }

    // MARK: PC/SC

    /// Reconnects to the card (`SCardReconnect`) with the same share mode and protocols.
    ///
    /// With ``PCSCDisposition/leave`` this acknowledges a reset made by another application, or reaches a
    /// card inserted again after a removal; with ``PCSCDisposition/reset`` or ``PCSCDisposition/unpower`` it
    /// resets the card first. Applets must be selected again afterwards.
    public func reconnect(initialization: PCSCDisposition = .leave) throws {
        let handle = try prepare("SCardReconnect")
        let (rv, active) = PCSCLibrary.reconnect(
            handle, share: shareMode.rawValue, protocols: preferredProtocols.rawValue,
            initialization: initialization.rawValue)
        guard rv == PCSCReturnCode.success.rawValue else {
            throw TransportError.pcsc(PCSCReturnCode(rawValue: rv), "SCardReconnect", reader: reader)
        }
        activeProtocol = PCSCProtocols(rawValue: active)
        if initialization == .unpower { hasVerifiedCredential = false }
        logger.debug("reconnected", metadata: ["reader": "\(reader)", "initialization": "\(initialization)"])
    }

    /// The card's status: reader names, protocol and answer to reset (`SCardStatus`).
    public func status() throws -> PCSCCardStatus {
        let handle = try prepare("SCardStatus")
        let (rv, status) = PCSCLibrary.status(handle)
        guard rv == PCSCReturnCode.success.rawValue, let status else {
            throw failure(rv, "SCardStatus", handle)
        }
        return PCSCCardStatus(
            readerNames: status.readerNames, activeProtocol: PCSCProtocols(rawValue: status.activeProtocol),
            atr: status.atr, state: status.state)
    }

    /// Closes the connection (`SCardDisconnect`). Further calls throw `.notConnected`.
    ///
    /// - Parameter disposition: what to do with the card; by default (`nil`) ``PCSCDisposition/unpower``
    ///   when a VERIFY succeeded through this connection (``hasVerifiedCredential``) — a verified PIN
    ///   survives ``PCSCDisposition/leave`` and ``PCSCDisposition/reset`` — and ``PCSCDisposition/leave``
    ///   otherwise. The same default applies when the connection is released without being closed.
    public func disconnect(_ disposition: PCSCDisposition? = nil) throws {
        guard let handle else { return }
        self.handle = nil
        let chosen = disposition ?? (hasVerifiedCredential ? .unpower : .leave)
        let rv = PCSCLibrary.disconnect(handle, disposition: chosen.rawValue)
        logger.debug("disconnected", metadata: ["reader": "\(reader)", "disposition": "\(chosen)"])
        guard rv == PCSCReturnCode.success.rawValue else {
            throw TransportError.pcsc(PCSCReturnCode(rawValue: rv), "SCardDisconnect", reader: reader)
        }
    }

    /// Whether `response` answers a VERIFY that carried reference data with success: the card now holds a
    /// verified state that only a power-off or leaving the applet clears. An empty VERIFY (a counter read)
    /// verifies nothing.
    static func isSuccessfulVerification(_ command: CommandAPDU, _ response: ResponseAPDU) -> Bool {
        command.ins == Instruction.verify.rawValue && !command.data.isEmpty && response.statusWord.isSuccess
    }

    // MARK: Failures

    private func prepare(_ operation: String) throws(TransportError) -> PCSCLibrary.CardHandle {
        guard !Task.isCancelled else {
            throw TransportError(
                .cancelled, "\(operation) (reader \"\(reader)\"): the task was cancelled before the call",
                systemCode: Int64(PCSCReturnCode.cancelled.rawValue), systemCodeName: PCSCReturnCode.cancelled.name)
        }
        guard let handle else {
            throw TransportError(.notConnected, "\(operation) (reader \"\(reader)\"): the connection is closed")
        }
        return handle
    }

    /// How long a failed exchange waits for the service to notice a removed card. pcscd learns of a
    /// removal from the reader driver — at once for most USB readers, on its next presence poll (every
    /// 400 ms) for others — so an exchange can fail before the card is reported gone.
    static let removalSettleMilliseconds: UInt32 = 2_000

    /// Whether the card is gone, after a failed exchange: asks `SCardStatus`, then waits (event-driven,
    /// `SCardGetStatusChange`) up to ``removalSettleMilliseconds`` for the reader to report it empty.
    private func cardWasRemoved(_ handle: PCSCLibrary.CardHandle) -> Bool {
        let (statusRV, _) = PCSCLibrary.status(handle)
        let statusCode = PCSCReturnCode(rawValue: statusRV)
        var removed = statusCode == .removedCard || statusCode == .noSmartcard
        if !removed {
            var states = [PCSCLibrary.ReaderState(reader: reader, currentState: PCSCLibrary.stateUnaware)]
            var rv = PCSCLibrary.getStatusChange(contextHandle, timeout: 0, states: &states)
            if rv == PCSCReturnCode.success.rawValue, states[0].eventState & PCSCLibrary.statePresent != 0 {
                states[0].currentState = states[0].eventState & ~PCSCLibrary.stateChanged
                rv = PCSCLibrary.getStatusChange(contextHandle, timeout: Self.removalSettleMilliseconds, states: &states)
            }
            removed = rv == PCSCReturnCode.success.rawValue && states[0].eventState & PCSCLibrary.statePresent == 0
        }
        if removed { logger.debug("card removed during an exchange", metadata: ["reader": "\(reader)"]) }
        return removed
    }

    /// Classifies a failed call. A reset is acknowledged here so that the connection stays usable; a
    /// failed exchange is checked against the card's presence, so that a card pulled during the exchange
    /// is reported as removed.
    private func failure(_ rv: UInt32, _ operation: String, _ handle: PCSCLibrary.CardHandle) -> TransportError {
        let code = PCSCReturnCode(rawValue: rv)
        switch code {
        case .resetCard:
            let (reconnected, active) = PCSCLibrary.reconnect(
                handle, share: shareMode.rawValue, protocols: preferredProtocols.rawValue,
                initialization: PCSCLibrary.leaveCard)
            if reconnected == PCSCReturnCode.success.rawValue {
                activeProtocol = PCSCProtocols(rawValue: active)
                logger.debug("card reset by another application; reconnected", metadata: ["reader": "\(reader)"])
            }
            return .pcsc(code, operation, reader: reader)
        case .noSmartcard:
            // There was a card when the connection was made: it is gone.
            return TransportError(
                .cardRemoved, "\(operation) failed (reader \"\(reader)\"): the card was removed",
                systemCode: Int64(rv), systemCodeName: code.name)
        case .notTransacted, .communicationDataLost, .unresponsiveCard, .unpoweredCard, .invalidValue:
            if cardWasRemoved(handle) {
                return TransportError(
                    .cardRemoved,
                    "\(operation) failed (reader \"\(reader)\"): the card was removed during the exchange",
                    systemCode: Int64(rv), systemCodeName: code.name)
            }
            return .pcsc(code, operation, reader: reader)
        default:
            return .pcsc(code, operation, reader: reader)
        }
    }
}
