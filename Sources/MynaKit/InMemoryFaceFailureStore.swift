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

    /// Applies `change` to the card's record and returns the new record.
    public func update(
        for card: CertificateSerialNumber, _ change: @Sendable (FaceFailureRecord) -> FaceFailureRecord
    ) -> FaceFailureRecord {
        let updated = change(record(for: card))
        records[card] = updated
        return updated
    }

    /// Forgets the card.
    public func clear(for card: CertificateSerialNumber) {
        records[card] = nil
    }
}
