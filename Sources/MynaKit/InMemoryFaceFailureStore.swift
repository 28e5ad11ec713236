import Foundation

/// A ``FaceFailureStore`` that lives as long as the process (tests, a kiosk that restarts daily).
public actor InMemoryFaceFailureStore: FaceFailureStore {
    private var records: [CertificateSerialNumber: FaceFailureRecord]

    /// Creates a store, optionally with records.
    public init(records: [CertificateSerialNumber: FaceFailureRecord] = [:]) {
        self.records = records
    }

    public func record(for card: CertificateSerialNumber) -> FaceFailureRecord {
        records[card] ?? .clean
    }

    public func recordFailure(for card: CertificateSerialNumber, at date: Date) -> FaceFailureRecord {
        let updated = record(for: card).recordingFailure(at: date)
        records[card] = updated
        return updated
    }

    public func recordSuccess(for card: CertificateSerialNumber, at date: Date) -> FaceFailureRecord {
        let updated = record(for: card).recordingSuccess(at: date)
        records[card] = updated
        return updated
    }

    public func clear(for card: CertificateSerialNumber) {
        records[card] = nil
    }
}
