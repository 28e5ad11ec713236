import Foundation
import Testing

@testable import MynaKit

/// The file store under hostile conditions: a huge count, a path that cannot be reached, a file that never
/// ends, and other processes writing the same file.
@Suite("Face-failure file store: safety")
struct FaceFailureFileSafetyTests {
    static let card = CertificateSerialNumber([0x01, 0x90, 0x00, 0x00, 0x01])

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myna-face-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ count: Int, to url: URL) throws {
        let text = #"{"formatVersion": 1, "cards": {"KEY": {"consecutiveFailures": COUNT}}}"#
            .replacingOccurrences(of: "KEY", with: FileFaceFailureStore.key(card))
            .replacingOccurrences(of: "COUNT", with: "\(count)")
        try Data(text.utf8).write(to: url)
    }

    @Test("A count of Int.max: the next failure does not trap, the card stays locked")
    func hugeCount() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("faces.json")
        try Self.write(Int.max, to: url)
        let record = try await FileFaceFailureStore(url: url).recordFailure(for: Self.card, at: tokyo(2030, 1, 1))
        #expect(record.consecutiveFailures == Int.max)
        #expect(record.isLocked && record.remainingBeforeLock == 0)
        let memory = FaceFailureRecord(consecutiveFailures: Int.max).recordingFailure(at: tokyo(2030, 1, 1))
        #expect(memory.consecutiveFailures == Int.max)
    }

    @Test("A path that cannot be reached is an error, never an empty store that lifts every lock")
    func unreachable() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A path through a regular file (ENOTDIR), and one in a directory that does not exist (an unmounted
        // share's mount point gone).
        let file = directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: file)
        for url in [file.appendingPathComponent("faces.json"), directory.appendingPathComponent("gone/faces.json")] {
            let store = FileFaceFailureStore(url: url)
            await #expect {
                _ = try await store.record(for: Self.card)
            } throws: { error in
                (error as? MynaKitError)?.code == .storeFailure
            }
        }
        // Only a file that does not exist, in a directory that does, is an empty store.
        #expect(try await FileFaceFailureStore(url: directory.appendingPathComponent("new.json")).record(for: Self.card) == .clean)
    }

    @Test("A file that never ends (/dev/zero) is refused after the size limit, not read forever")
    func endless() async throws {
        let store = FileFaceFailureStore(url: URL(fileURLWithPath: "/dev/zero"))
        await #expect {
            _ = try await store.record(for: Self.card)
        } throws: { error in
            guard let error = error as? MynaKitError else { return false }
            return error.code == .storeFailure && error.reason.contains("larger than")
        }
    }

    @Test("The file and its lock file are created readable by their owner only")
    func permissions() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("faces.json")
        _ = try await FileFaceFailureStore(url: url).recordFailure(for: Self.card, at: tokyo(2030, 1, 1))
        for path in [url.path, url.path + ".lock"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["faces.json", "faces.json.lock"])
    }

    @Test("Independent store instances counting at once lose no failure")
    func concurrentInstances() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("faces.json")
        let perStore = 25
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = FileFaceFailureStore(url: url)  // its own descriptors, like another process
                    for _ in 0..<perStore { _ = try? await store.recordFailure(for: Self.card, at: tokyo(2030, 1, 1)) }
                }
            }
        }
        #expect(try await FileFaceFailureStore(url: url).record(for: Self.card).consecutiveFailures == 4 * perStore)
    }

    @Test(
        "Another process holding the lock: the change waits for it and counts on top of what it wrote",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"), "needs util-linux flock"))
    func anotherProcess() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("faces.json")
        let prepared = directory.appendingPathComponent("prepared.json")
        try Self.write(5, to: prepared)

        // The other process: takes the store's lock, says so, waits for a line, then (still holding the
        // lock) replaces the file with 5 failures, and exits — releasing the lock.
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        other.arguments = [
            url.path + ".lock", "/bin/sh", "-c", "echo held; read line; cp '\(prepared.path)' '\(url.path).tmp' && mv '\(url.path).tmp' '\(url.path)'",
        ]
        let input = Pipe()
        let output = Pipe()
        other.standardInput = input
        other.standardOutput = output
        try other.run()
        defer { if other.isRunning { other.terminate() } }
        let held = output.fileHandleForReading.readData(ofLength: 5)
        #expect(String(decoding: held, as: UTF8.self) == "held\n")

        // This change must wait for the other process's write, not run between its read and its write.
        let change = Task { try await FileFaceFailureStore(url: url).recordFailure(for: Self.card, at: tokyo(2030, 1, 1)) }
        try await Task.sleep(for: .milliseconds(300))
        input.fileHandleForWriting.write(Data("go\n".utf8))
        let record = try await change.value
        other.waitUntilExit()
        #expect(other.terminationStatus == 0)
        #expect(record.consecutiveFailures == 6)
        #expect(try await FileFaceFailureStore(url: url).record(for: Self.card).consecutiveFailures == 6)
    }
}
