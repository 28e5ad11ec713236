import Logging

extension CardTransport {
    /// This transport with `61xx` / `6Cxx` handled; see ``ResponseNormalizingTransport``.
    public func normalizingResponses(
        _ options: ResponseNormalizingTransport<Self>.Options = .init()
    ) -> ResponseNormalizingTransport<Self> {
        ResponseNormalizingTransport(self, options: options)
    }

    /// This transport with every exchange logged to `logger` at trace level; see ``TracingTransport``.
    public func tracing(
        to logger: Logger, options: TracingTransport<Self>.Options = .init()
    ) -> TracingTransport<Self> {
        TracingTransport(self, logger: logger, options: options)
    }

    /// This transport with every exchange recorded into `recorder`; see ``TranscriptRecordingTransport``.
    public func recording(into recorder: TranscriptRecorder) -> TranscriptRecordingTransport<Self> {
        TranscriptRecordingTransport(self, recorder: recorder)
    }
}
