import MynaCodec

/// The one thing every backend does: exchange an APDU with a card.
///
/// PC/SC, the simulated card and the transcript replayer implement it; the layers in this module
/// (``ResponseNormalizingTransport``, ``TracingTransport``, ``TranscriptRecordingTransport``) wrap any
/// implementation and are implementations themselves, so they compose.
///
/// Implementations return the card's response exactly as received — status word included, known or not —
/// and throw ``TransportError`` only when no response arrived (card removed, reader gone, timeout, …).
///
/// Exclusive access is scoped: ``withTransaction(isolation:_:)`` holds the card for its body and releases
/// it however the body exits. There is no way to begin a transaction and forget to end it.
public protocol CardTransport: Sendable {
    /// Sends one command APDU and returns the card's response.
    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU

    /// Resets the card (warm reset). The applet selection is lost; on the My Number Card a verified PIN is
    /// **not** (it survives a warm reset and a disconnect; only a power-off or selecting another applet or
    /// the ISD clears it).
    ///
    /// - Returns: the answer to reset.
    @discardableResult
    func reset() async throws -> [UInt8]

    /// The executor the backend makes its blocking calls on, if it has one of its own (PC/SC: a dedicated
    /// thread). ``withTransaction(isolation:_:)`` runs its body there, so a sequence of exchanges does not
    /// switch threads twice per APDU. `nil` (the default): no preference.
    var preferredTaskExecutor: (any TaskExecutor)? { get }
}

/// A backend or layer that takes part in transactions: the two halves ``CardTransport/withTransaction(isolation:_:)``
/// calls around its body. Only the package's backends and layers implement it; users get the scoped
/// ``CardTransport/withTransaction(isolation:_:)`` only.
package protocol TransactionalTransport: CardTransport {
    /// Starts exclusive access to the card.
    func beginTransaction() async throws
    /// Ends exclusive access started by ``beginTransaction()``.
    func endTransaction() async throws
}

extension CardTransport {
    /// Backends without a thread of their own state no preference.
    public var preferredTaskExecutor: (any TaskExecutor)? { nil }

    /// Runs `body` with exclusive access to the card; the transaction ends however `body` exits.
    ///
    /// Backends that can share the card (PC/SC) hold it for the whole body, so a sequence such as
    /// VERIFY → SIGN cannot be interleaved with another application's commands; a card only this process
    /// can reach (the simulator) needs nothing. Layers (``CardTransportLayer``) pass the transaction to the
    /// transport they wrap.
    ///
    /// Nonisolated work in `body` runs on ``preferredTaskExecutor`` when the backend has one, which saves two
    /// thread switches per APDU on PC/SC.
    public func withTransaction<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await withTaskExecutorPreference(preferredTaskExecutor, isolation: isolation) {
            () async throws -> Result in
            try await beginTransactionIfSupported()
            let result: Result
            do {
                result = try await body()
            } catch {
                try? await endTransactionIfSupported()
                throw error
            }
            try await endTransactionIfSupported()
            return result
        }
    }

    /// Begins a transaction on this transport if it takes part in transactions, else on the transport a
    /// layer wraps; a backend without transactions needs none.
    package func beginTransactionIfSupported() async throws {
        if let transactional = self as? any TransactionalTransport {
            try await transactional.beginTransaction()
        } else if let layer = self as? any CardTransportLayer {
            try await layer.wrappedTransport.beginTransactionIfSupported()
        }
    }

    /// Ends the transaction ``beginTransactionIfSupported()`` began.
    package func endTransactionIfSupported() async throws {
        if let transactional = self as? any TransactionalTransport {
            try await transactional.endTransaction()
        } else if let layer = self as? any CardTransportLayer {
            try await layer.wrappedTransport.endTransactionIfSupported()
        }
    }
}
