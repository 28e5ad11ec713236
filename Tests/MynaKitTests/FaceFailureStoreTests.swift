import Foundation
import Testing

@testable import MynaKit

@Suite("Face-failure counting and its stores")
struct FaceFailureStoreTests {
    static let card = CertificateSerialNumber([0x01, 0x90, 0x00, 0x00, 0x01])
    static let other = CertificateSerialNumber([0x01, 0x90, 0x00, 0x00, 0x02])

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("myna-face-\(UUID().uuidString).json")
    }

    /// The shared behaviour: 10 consecutive failures lock, a success resets, cards are counted apart.
    static func exercise(_ store: any FaceFailureStore) async throws {
        #expect(try await store.record(for: card) == .clean)
        for n in 1...9 {
            let record = try await store.recordFailure(for: card, at: tokyo(2030, 1, 1, 9, 0, n))
            #expect(record.consecutiveFailures == n)
            #expect(!record.isLocked)
        }
        #expect(try await store.record(for: card).remainingBeforeLock == 1)
        let reset = try await store.recordSuccess(for: card, at: tokyo(2030, 1, 1, 10))
        #expect(reset.consecutiveFailures == 0)
        #expect(reset.lastSuccessAt == tokyo(2030, 1, 1, 10))
        for _ in 1...10 { _ = try await store.recordFailure(for: card, at: tokyo(2030, 1, 2)) }
        #expect(try await store.record(for: card).isLocked)
        #expect(try await store.record(for: other) == .clean)
        try await store.clear(for: card)
        #expect(try await store.record(for: card) == .clean)
    }

    @Test("In memory")
    func inMemory() async throws {
        try await Self.exercise(InMemoryFaceFailureStore())
    }

    @Test("In a JSON file, atomically rewritten")
    func file() async throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try await Self.exercise(FileFaceFailureStore(url: url))
    }

    @Test("The file survives a new store instance and holds no serial number")
    func persistence() async throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        for _ in 1...3 { _ = try await FileFaceFailureStore(url: url).recordFailure(for: Self.card, at: tokyo(2030, 1, 1)) }
        let record = try await FileFaceFailureStore(url: url).record(for: Self.card)
        #expect(record.consecutiveFailures == 3)
        #expect(record.lastFailureAt == tokyo(2030, 1, 1))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains(Self.card.hex))
        #expect(text.contains("\"formatVersion\" : 1"))
        #expect(text.contains("2030-01-01T03:00:00Z"))
    }

    @Test(
        "A damaged file is an error, never an empty store",
        arguments: [
            "not json", #"{"formatVersion": 2, "cards": {}}"#,
            #"{"formatVersion": 1, "cards": {"KEY": {"consecutiveFailures": -1}}}"#,
            #"{"formatVersion": 1, "cards": {"KEY": {"consecutiveFailures": 1, "lastFailureAt": "yesterday"}}}"#,
        ])
    func damaged(template: String) async throws {
        let contents = template.replacingOccurrences(of: "KEY", with: FileFaceFailureStore.key(Self.card))
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(contents.utf8).write(to: url)
        let store = FileFaceFailureStore(url: url)
        await #expect {
            _ = try await store.recordFailure(for: Self.card, at: tokyo(2030, 1, 1))
        } throws: { error in
            (error as? MynaKitError)?.code == .storeFailure
        }
    }

    @Test("An unwritable location is an error")
    func unwritable() async throws {
        let url = URL(fileURLWithPath: "/nonexistent-directory-\(UUID().uuidString)/faces.json")
        await #expect {
            _ = try await FileFaceFailureStore(url: url).recordFailure(for: Self.card, at: tokyo(2030, 1, 1))
        } throws: { error in
            (error as? MynaKitError)?.code == .storeFailure
        }
    }

    @Test("Serial numbers round-trip as hex")
    func serialHex() throws {
        #expect(try CertificateSerialNumber(hex: "01ab").bytes == [0x01, 0xAB])
        #expect(try CertificateSerialNumber(hex: "01ab").hex == "01AB")
        #expect(throws: MynaKitError.self) { try CertificateSerialNumber(hex: "zz") }
        #expect(throws: MynaKitError.self) { try CertificateSerialNumber(hex: "123") }
        #expect(Self.card.description == "0190000001")
        #expect(try CertificateSerialNumber(hex: Self.card.description) == Self.card)
    }
}
