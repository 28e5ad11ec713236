import MynaCodec

/// The one thing every backend does: exchange an APDU with a card.
///
/// PC/SC, the simulated card and the transcript replayer implement it; the layers in this module
/// (``ResponseNormalizingTransport``, ``TracingTransport``, ``TranscriptRecordingTransport``) wrap any
/// implementation and are implementations themselves, so they compose.
///
/// Implementations return the card's response exactly as received — status word included, known or not —
/// and throw ``TransportError`` only when no response arrived (card removed, reader gone, timeout, …).
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

    /// Starts exclusive access to the card, so that a sequence such as VERIFY → SIGN cannot be interleaved
    /// with another application's commands. Call ``withTransaction(isolation:_:)`` rather than this.
    func beginTransaction() async throws

    /// Ends exclusive access started by ``beginTransaction()``.
    func endTransaction() async throws

    /// The executor the backend makes its blocking calls on, if it has one of its own (PC/SC: a dedicated
    /// thread). ``withTransaction(isolation:_:)`` runs its body there, so a sequence of exchanges does not
    /// switch threads twice per APDU. `nil` (the default): no preference.
    var preferredTaskExecutor: (any TaskExecutor)? { get }
}

extension CardTransport {
    /// Backends without transactions (a card only this process can reach) need no exclusive access.
    public func beginTransaction() async throws {}
    /// Backends without transactions need no exclusive access.
    public func endTransaction() async throws {}

    /// Backends without a thread of their own state no preference.
    public var preferredTaskExecutor: (any TaskExecutor)? { nil }

    /// Runs `body` with exclusive access to the card; the transaction ends however `body` exits.
    ///
    /// Nonisolated work in `body` runs on ``preferredTaskExecutor`` when the backend has one, which saves two
    /// thread switches per APDU on PC/SC.
    public func withTransaction<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await withTaskExecutorPreference(preferredTaskExecutor, isolation: isolation) {
            () async throws -> Result in
            try await beginTransaction()
            let result: Result
            do {
                result = try await body()
            } catch {
                try? await endTransaction()
                throw error
            }
            try await endTransaction()
            return result
        }
    }
}
