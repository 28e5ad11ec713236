/// A transport that wraps another one and changes only some of what passes through: the forwarding base
/// of ``ResponseNormalizingTransport``, ``TracingTransport`` and ``TranscriptRecordingTransport``.
///
/// A layer implements ``CardTransport/transmit(_:)``; reset, the preferred executor and transactions go to
/// ``wrappedTransport`` unless the layer says otherwise. Conform your own layer (one that counts or delays
/// exchanges) to this protocol, so that ``CardTransport/withTransaction(isolation:_:)`` still holds the card
/// in the backend underneath.
public protocol CardTransportLayer: CardTransport {
    /// The transport underneath.
    var wrappedTransport: any CardTransport { get }
}

extension CardTransportLayer {
    /// Resets the card underneath.
    @discardableResult
    public func reset() async throws -> [UInt8] { try await wrappedTransport.reset() }

    /// The preferred executor of the transport underneath: layers never change where the backend runs.
    public var preferredTaskExecutor: (any TaskExecutor)? { wrappedTransport.preferredTaskExecutor }
}
