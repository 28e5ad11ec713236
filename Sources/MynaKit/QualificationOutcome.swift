import MynaCard

/// What ``QualificationCheck/run(_:profile:)`` returns: the result for the back end, and what is only for the
/// screen in front of the operator.
public struct QualificationOutcome: Sendable {
    /// The result to send to the back end (no personal data), with the parsed certificate.
    public let result: QualificationCheckResult
    /// The card's face photo (JPEG 2000) when it was read (face mode; visual mode with card-face values).
    /// Personal data: for display only; it is not part of ``result``.
    public let facePhoto: [UInt8]?

    /// Creates an outcome.
    package init(result: QualificationCheckResult, facePhoto: [UInt8]?) {
        self.result = result
        self.facePhoto = facePhoto
    }
}
