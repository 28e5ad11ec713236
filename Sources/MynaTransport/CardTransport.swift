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

    /// Resets the card (warm reset). Every applet selection and verified state is lost.
    ///
    /// - Returns: the answer to reset.
    @discardableResult
    func reset() async throws -> [UInt8]

    /// Starts exclusive access to the card, so that a sequence such as VERIFY → SIGN cannot be interleaved
    /// with another application's commands. Call ``withTransaction(isolation:_:)`` rather than this.
    func beginTransaction() async throws

    /// Ends exclusive access started by ``beginTransaction()``.
    func endTransaction() async throws
}

extension CardTransport {
    /// Backends without transactions (a card only this process can reach) need no exclusive access.
    public func beginTransaction() async throws {}
    /// Backends without transactions need no exclusive access.
    public func endTransaction() async throws {}

    /// Runs `body` with exclusive access to the card; the transaction ends however `body` exits.
    public func withTransaction<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> sending Result
    ) async throws -> sending Result {
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
