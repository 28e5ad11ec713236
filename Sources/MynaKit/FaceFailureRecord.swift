import Foundation

/// Consecutive face-authentication failures of one card.
///
/// Faces are matched by the reader's camera software, not by the card, so the card keeps no counter for
/// them: the library counts, per card, in a ``FaceFailureStore`` the app provides. ``lockThreshold``
/// consecutive failures lock face authentication for the card; a success resets the count; a visual (目視)
/// confirmation changes nothing.
public struct FaceFailureRecord: Hashable, Sendable, Codable {
    /// Consecutive failures since the last success (or since the record was cleared).
    public var consecutiveFailures: Int
    /// When the last failure was recorded.
    public var lastFailureAt: Date?
    /// When the last success was recorded.
    public var lastSuccessAt: Date?

    /// Creates a record.
    public init(consecutiveFailures: Int = 0, lastFailureAt: Date? = nil, lastSuccessAt: Date? = nil) {
        self.consecutiveFailures = max(0, consecutiveFailures)
        self.lastFailureAt = lastFailureAt
        self.lastSuccessAt = lastSuccessAt
    }

    /// A card with no failures.
    package static let clean = FaceFailureRecord()

    /// Consecutive failures that lock face authentication: 10.
    public static let lockThreshold = 10

    /// Whether face authentication is locked for the card (at least ``lockThreshold`` consecutive failures).
    /// Only the municipal office unlocks it; after that the app calls ``FaceFailureStore/clear(for:)``.
    package var isLocked: Bool { consecutiveFailures >= Self.lockThreshold }

    /// Failures left before the lock.
    package var remainingBeforeLock: Int { max(0, Self.lockThreshold - consecutiveFailures) }

    /// This record after one more failure at `date`. The count stops at `Int.max` (a store holding that
    /// many is damaged or tampered with; it stays locked either way).
    package func recordingFailure(at date: Date) -> FaceFailureRecord {
        let (count, overflow) = consecutiveFailures.addingReportingOverflow(1)
        return FaceFailureRecord(
            consecutiveFailures: overflow ? Int.max : count, lastFailureAt: date, lastSuccessAt: lastSuccessAt)
    }

    /// This record after a success at `date`: the count is reset.
    package func recordingSuccess(at date: Date) -> FaceFailureRecord {
        FaceFailureRecord(consecutiveFailures: 0, lastFailureAt: lastFailureAt, lastSuccessAt: date)
    }
}
