import Crypto
import Foundation
import MynaTransport

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
/// A file that exists but cannot be read or parsed is an error (``DiagnosisCode/storeFailure``), never
/// silently treated as empty: that would unlock face authentication for every card. Only a file that does
/// not exist, in a directory that does, reads as empty; a path that cannot be reached (no permission, a
/// directory that is missing, a share that is not mounted) is an error too. A file larger than
/// 8 MiB (some 50,000 cards) is an error, found out without reading more than one byte past the limit.
///
/// Several processes (a reception PC's readers, a shared directory) may use the same file: every change
/// is a load-modify-save under an exclusive `flock` on `<file>.lock` next to it, so no failure is lost to a
/// concurrent writer. The file and the lock file are created readable by their owner only.
public actor FileFaceFailureStore: FaceFailureStore {
    /// The file.
    package nonisolated let url: URL

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
    package static let formatVersion = 1

    /// The largest file read: 8 MiB (some 50,000 cards).
    package static let maximumFileSize = 8 << 20

    /// The card's record as the file holds it now; a record without failures when the file does not name the card.
    public func record(for card: CertificateSerialNumber) throws -> FaceFailureRecord {
        let contents = try load()
        guard let stored = contents.cards[Self.key(card)] else { return .clean }
        return try Self.record(stored)
    }

    /// Removes the card from the file (after the municipal office has unlocked face authentication).
    public func clear(for card: CertificateSerialNumber) throws {
        try locked { () throws(MynaKitError) in
            var contents = try load()
            contents.cards[Self.key(card)] = nil
            try save(contents)
        }
    }

    /// Applies `change` to the card's record in the file (read, update, write back, holding the file's lock) and
    /// returns the new record.
    public func update(
        for card: CertificateSerialNumber, _ change: @Sendable (FaceFailureRecord) -> FaceFailureRecord
    ) throws -> FaceFailureRecord {
        try locked { () throws(MynaKitError) -> FaceFailureRecord in
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
    }

    /// Runs a load-modify-save holding the file's lock against other processes and other instances.
    private func locked<T>(_ body: () throws(MynaKitError) -> T) throws(MynaKitError) -> T {
        let result: Result<T, MynaKitError>
        do {
            result = try ProtectedFile.withExclusiveLock(on: url.path, body)
        } catch {
            throw MynaKitError(.storeFailure, "the face-failure file \(url.path) cannot be locked: \(error.reason)")
        }
        return try result.get()
    }

    private func load() throws(MynaKitError) -> Contents {
        let bytes: [UInt8]
        do {
            guard let read = try ProtectedFile.read(url.path, limit: Self.maximumFileSize) else {
                return Contents(formatVersion: Self.formatVersion, cards: [:])
            }
            bytes = read
        } catch {
            throw MynaKitError(.storeFailure, "the face-failure file cannot be read: \(error.reason)")
        }
        let contents: Contents
        do {
            contents = try JSONDecoder().decode(Contents.self, from: Data(bytes))
        } catch {
            throw MynaKitError(.storeFailure, "the face-failure file \(url.path) is not valid JSON")
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
            try ProtectedFile.write(Array(try encoder.encode(contents)), to: url.path)
        } catch let error as ProtectedFile.Failure {
            throw MynaKitError(.storeFailure, "the face-failure file cannot be written: \(error.reason)")
        } catch {
            throw MynaKitError(.storeFailure, "the face-failure file \(url.path) cannot be encoded")
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
