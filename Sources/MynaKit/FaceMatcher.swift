/// Compares the card's face photo with a live capture. The library ships none: a face-authentication
/// reader's camera software, or the app's own matcher, conforms.
public protocol FaceMatcher: Sendable {
    /// Compares `cardPhoto` (JPEG 2000 in a JP2 container, greyscale, as stored on the card) with
    /// `liveCapture` (whatever image format the app's camera produces).
    ///
    /// Throw only when no comparison could be made (e.g. no face in the capture); such a throw is not
    /// counted as a failure.
    func match(cardPhoto: [UInt8], liveCapture: [UInt8]) async throws -> FaceMatchResult
}

/// A face matcher's verdict.
public struct FaceMatchResult: Hashable, Sendable, Codable {
    /// Whether the faces match.
    public let isMatch: Bool
    /// The matcher's similarity score (its own scale).
    public let score: Double

    /// Creates a verdict.
    public init(isMatch: Bool, score: Double) {
        self.isMatch = isMatch
        self.score = score
    }
}
