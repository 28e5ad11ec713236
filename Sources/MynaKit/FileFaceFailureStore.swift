import Crypto
import Foundation

/// A ``FaceFailureStore`` in one JSON file, rewritten atomically (write to a temporary file, then rename)
/// after every change, so a crash never leaves a half-written file and never loses a failure.
///
/// The file holds no serial numbers: each card is keyed by the SHA-256 (hex) of its user-authentication
/// certificate's serial, so the file alone does not identify cards. Shape:
///
/// ```json
/// { "formatVersion": 1,
///   "cards": { "<sha256 hex of the serial>": { "consecutiveFailures": 3,
///                                              "lastFailureAt": "2030-05-31T01:02:03Z",
///                                              "lastSuccessAt": null } } }
/// ```
///
/// A file that exists but cannot be read or parsed is an error (``MynaKitError/Code/storeFailure``), never
/// silently treated as empty: that would unlock face authentication for every card.
public actor FileFaceFailureStore: FaceFailureStore {
    /// The file.
    public nonisolated let url: URL

    /// Uses the JSON file at `url` (created on the first change; its directory must exist).
    public init(url: URL) {
        self.url = url
    }

    struct Contents: Codable {
        var formatVersion: Int
        var cards: [String: StoredRecord]
    }

    struct StoredRecord: Codable {
        var consecutiveFailures: Int
        var lastFailureAt: String?
        var lastSuccessAt: String?
    }

    /// The version of the file format written.
    public static let formatVersion = 1

    public func record(for card: CertificateSerialNumber) throws -> FaceFailureRecord {
        let contents = try load()
        guard let stored = contents.cards[Self.key(card)] else { return .clean }
        return try Self.record(stored)
    }

    public func recordFailure(for card: CertificateSerialNumber, at date: Date) throws -> FaceFailureRecord {
        try update(card) { $0.recordingFailure(at: date) }
    }

    public func recordSuccess(for card: CertificateSerialNumber, at date: Date) throws -> FaceFailureRecord {
        try update(card) { $0.recordingSuccess(at: date) }
    }

    public func clear(for card: CertificateSerialNumber) throws {
        var contents = try load()
        contents.cards[Self.key(card)] = nil
        try save(contents)
    }

    private func update(_ card: CertificateSerialNumber, _ change: (FaceFailureRecord) -> FaceFailureRecord) throws -> FaceFailureRecord {
        var contents = try load()
        let key = Self.key(card)
        let current = try contents.cards[key].map(Self.record) ?? .clean
        let updated = change(current)
        contents.cards[key] = StoredRecord(
            consecutiveFailures: updated.consecutiveFailures,
            lastFailureAt: updated.lastFailureAt.map(Timestamp.format),
            lastSuccessAt: updated.lastSuccessAt.map(Timestamp.format))
        try save(contents)
        return updated
    }

    private func load() throws(MynaKitError) -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Contents(formatVersion: Self.formatVersion, cards: [:])
        }
        let contents: Contents
        do {
            let data = try Data(contentsOf: url)
            contents = try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw MynaKitError(.storeFailure, "the face-failure file \(url.path) cannot be read or is not valid JSON")
        }
        guard contents.formatVersion == Self.formatVersion else {
            throw MynaKitError(.storeFailure, "the face-failure file has format version \(contents.formatVersion), expected \(Self.formatVersion)")
        }
        return contents
    }

    private func save(_ contents: Contents) throws(MynaKitError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try encoder.encode(contents).write(to: url, options: .atomic)
        } catch {
            throw MynaKitError(.storeFailure, "the face-failure file \(url.path) cannot be written")
        }
    }

    private static func record(_ stored: StoredRecord) throws(MynaKitError) -> FaceFailureRecord {
        func date(_ text: String?) throws(MynaKitError) -> Date? {
            guard let text else { return nil }
            guard let date = Timestamp.parse(text) else {
                throw MynaKitError(.storeFailure, "the face-failure file holds a malformed timestamp")
            }
            return date
        }
        guard stored.consecutiveFailures >= 0 else {
            throw MynaKitError(.storeFailure, "the face-failure file holds a negative count")
        }
        return FaceFailureRecord(
            consecutiveFailures: stored.consecutiveFailures,
            lastFailureAt: try date(stored.lastFailureAt), lastSuccessAt: try date(stored.lastSuccessAt))
    }

    /// The key a card is stored under: SHA-256 of the serial's bytes, lower-case hex.
    static func key(_ card: CertificateSerialNumber) -> String {
        SHA256.hash(data: card.bytes).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
