import Foundation

/// Where face-authentication failures are counted, per card (keyed by the user-authentication
/// certificate's serial number). The app provides it: ``InMemoryFaceFailureStore`` for one process,
/// ``FileFaceFailureStore`` for a reception PC, or its own (a database shared by a clinic's readers).
///
/// The store only keeps records; the counting rule is the library's, handed to ``update(for:_:)``.
public protocol FaceFailureStore: Sendable {
    /// The card's record; a record without failures (`FaceFailureRecord()`) when it has none.
    func record(for card: CertificateSerialNumber) async throws -> FaceFailureRecord

    /// Replaces the card's record (a record without failures when it has none) with `change` applied to it,
    /// and returns the new record. Atomic for the card: no other change of the card's record may come between
    /// the read and the write (the included stores are actors; a database uses a transaction).
    func update(
        for card: CertificateSerialNumber, _ change: @Sendable (FaceFailureRecord) -> FaceFailureRecord
    ) async throws -> FaceFailureRecord

    /// Forgets the card (after the municipal office has unlocked face authentication).
    func clear(for card: CertificateSerialNumber) async throws
}

extension FaceFailureStore {
    /// Counts one failure and returns the new record.
    package func recordFailure(for card: CertificateSerialNumber, at date: Date) async throws -> FaceFailureRecord {
        try await update(for: card) { $0.recordingFailure(at: date) }
    }

    /// Resets the count after a success and returns the new record.
    package func recordSuccess(for card: CertificateSerialNumber, at date: Date) async throws -> FaceFailureRecord {
        try await update(for: card) { $0.recordingSuccess(at: date) }
    }
}
