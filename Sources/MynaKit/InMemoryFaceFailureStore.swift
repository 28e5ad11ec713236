import Foundation

/// A ``FaceFailureStore`` that lives as long as the process (tests, a kiosk that restarts daily).
public actor InMemoryFaceFailureStore: FaceFailureStore {
    private var records: [CertificateSerialNumber: FaceFailureRecord]

    /// Creates a store, optionally with records.
    public init(records: [CertificateSerialNumber: FaceFailureRecord] = [:]) {
        self.records = records
    }

    /// The card's record; a record without failures when the store has none.
    public func record(for card: CertificateSerialNumber) -> FaceFailureRecord {
        records[card] ?? .clean
    }

    /// Counts one failure for the card and returns the new record.
    public func recordFailure(for card: CertificateSerialNumber, at date: Date) -> FaceFailureRecord {
        let updated = record(for: card).recordingFailure(at: date)
        records[card] = updated
        return updated
    }

    /// Resets the card's count after a success and returns the new record.
    public func recordSuccess(for card: CertificateSerialNumber, at date: Date) -> FaceFailureRecord {
        let updated = record(for: card).recordingSuccess(at: date)
        records[card] = updated
        return updated
    }

    /// Forgets the card.
    public func clear(for card: CertificateSerialNumber) {
        records[card] = nil
    }
}
