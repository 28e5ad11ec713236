import Foundation

/// Where face-authentication failures are counted, per card (keyed by the user-authentication
/// certificate's serial number). The app provides it: ``InMemoryFaceFailureStore`` for one process,
/// ``FileFaceFailureStore`` for a reception PC, or its own (a database shared by a clinic's readers).
///
/// Each operation must be atomic for its card (the included stores are actors).
public protocol FaceFailureStore: Sendable {
    /// The card's record; a record without failures (`FaceFailureRecord()`) when it has none.
    func record(for card: CertificateSerialNumber) async throws -> FaceFailureRecord

    /// Counts one failure and returns the new record.
    func recordFailure(for card: CertificateSerialNumber, at date: Date) async throws -> FaceFailureRecord

    /// Resets the count after a success and returns the new record.
    func recordSuccess(for card: CertificateSerialNumber, at date: Date) async throws -> FaceFailureRecord

    /// Forgets the card (after the municipal office has unlocked face authentication).
    func clear(for card: CertificateSerialNumber) async throws
}
