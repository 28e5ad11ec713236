import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the pcscd test runs: pcscd with vsmartcard's vpcd driver; `myna vpcd --port 35964` inserts the
/// simulated card into the reader "Virtual PCD 00 01".
enum PCSCEnvironment {
    static let port = "35964"
    static let reader = "Virtual PCD 00 01"
    static let socketPath = "/run/pcscd/pcscd.comm"
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Runs when pcscd answers on its socket, and always under CI (where a missing pcscd must fail, not skip).
    static var shouldRun: Bool { isCI || isListening(socketPath) }

    /// Whether something accepts connections on the UNIX socket at `path`.
    static func isListening(_ path: String) -> Bool {
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let fd = socket(AF_UNIX, stream, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) == 0 }
        }
    }

    static let howToEnable: Comment = """
        skipped: pcscd is not running. To run it: apt-get install -y pcscd vsmartcard-vpcd && mkdir -p /run/pcscd \
        && (pcscd -f -a &) — or run Scripts/test, which does this. With CI=true this test never skips.
        """

    /// How long one wait may take before it counts as a hang (no speed is asserted).
    static let bound = Duration.seconds(120)
}

/// `myna` through the real pcscd: the simulated card served by `myna vpcd`, read by `myna --reader`.
@Suite("myna through pcscd and vpcd", .serialized, .enabled(if: PCSCEnvironment.shouldRun, PCSCEnvironment.howToEnable))
struct PCSCEndToEndTests {
    @Test("myna vpcd inserts the card, watch sees it; info, check, face and a wrong PIN through pcscd; Ctrl-C removes it")
    func throughPCSCD() async throws {
        let lock = try await VPCDPortLock.acquire()
        defer { withExtendedLifetime(lock) {} }

        let readers = try await Myna.run(["readers", "--json"])
        try #require(
            readers.status == Exit.success && readers.stdoutText.contains(PCSCEnvironment.reader),
            "pcscd is not reachable or has no \"\(PCSCEnvironment.reader)\" (CI=\(PCSCEnvironment.isCI)): \(readers)")
        try expectDocument(readers, schema: "readers.schema.json")

        try await Self.waitForCard(present: false)
        let reader = ["--reader", PCSCEnvironment.reader]

        // Nothing in the reader: waiting for a card times out (exit 3); the last line is the error document.
        let timedOut = try await Myna.run(reader + ["watch", "--wait-for-card", "--timeout", "1", "--json"])
        #expect(timedOut.status == Exit.noReaderOrCard, "\(timedOut)")
        let lastLine = try #require(timedOut.stdoutText.split(separator: "\n").last)
        let timeout = try JSONValue.parse(Array(lastLine.utf8))
        #expect(try SchemaValidator(directory: Myna.schemaDirectory).violations(of: timeout, against: "error.schema.json").isEmpty)
        #expect(timeout["error"]?["code"]?.string == "noCard")
        let japanese = try await Myna.run(reader + ["--language", "ja", "watch", "--wait-for-card", "--timeout", "1"])
        #expect(japanese.status == Exit.noReaderOrCard, "\(japanese)")
        #expect(japanese.stderr.contains("エラー: 1秒以内にカードが置かれませんでした。\n"), "\(japanese)")

        // On a terminal the wait shows a spinner (on stderr), which is erased at the end.
        if PseudoTerminal.script != nil {
            let myna = try #require(Myna.executable).path
            let terminal = try PseudoTerminal(
                "'\(myna)' --reader '\(PCSCEnvironment.reader)' watch --wait-for-card --timeout 1", environment: [:])
            let (status, output) = try await terminal.finish()
            #expect(status == Exit.noReaderOrCard, "\(output)")
            #expect(output.contains("Waiting for a card… 0 s (Ctrl-C to stop)"), "\(output)")
            #expect(output.contains("\u{1B}[2K"))
        }

        // A watcher sees the card that `myna vpcd` inserts.
        async let watching = Myna.run(reader + ["watch", "--wait-for-card", "--timeout", "120", "--json"])
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        let server = try VPCDServer(
            ["--persona", "standard", "--state-file", state, "--json", "vpcd", "--port", PCSCEnvironment.port], in: directory)
        defer { server.stopIfRunning() }
        let watched = try await watching
        #expect(watched.status == Exit.success, "\(watched)")
        let events = watched.stdoutText.split(separator: "\n").compactMap { try? JSONValue.parse(Array($0.utf8)) }
        let inserted = events.first { $0["result"]?["event"]?.string == "cardInserted" }
        #expect(inserted?["result"]?["reader"]?.string == PCSCEnvironment.reader)
        #expect(inserted?["result"]?["atr"]?.string == "3BE000FF8131FE4514")
        try await Self.waitForCard(present: true)

        let info = try await Myna.run(reader + ["info", "--json"])
        #expect(info.status == Exit.success, "\(info)")
        let document = try expectDocument(info, schema: "info.schema.json")
        #expect(document["backend"]?["kind"]?.string == "pcsc")
        #expect(document["backend"]?["reader"]?.string == PCSCEnvironment.reader)
        #expect(document["result"]?["atr"]?.string == "3BE000FF8131FE4514")
        #expect(document["result"]?["token"]?["label"]?.string == "JPKIAPICCTOKEN2")

        let check = try await Myna.run(reader + ["check", "--json"], environment: ["MYNA_PIN": Standard.pin])
        #expect(check.status == Exit.success, "\(check)")
        try expectDocument(check, schema: "check.schema.json")

        let face = try await Myna.run(
            reader + ["face", "--json", "--photo-png", "photo.png"] + Standard.cardFront, environment: Standard.environment,
            in: directory)
        #expect(face.status == Exit.success, "\(face)")
        let faceDocument = try expectDocument(face, schema: "face.schema.json")
        #expect(faceDocument["result"]?["photo"]?["width"]?.int ?? 0 > 0)

        let wrong = try await Myna.run(reader + ["check", "--json"], environment: ["MYNA_PIN": "9999"])
        #expect(wrong.status == Exit.wrongCredential, "\(wrong)")
        let error = try expectDocument(wrong, schema: "error.schema.json")
        #expect(error["error"]?["retriesRemaining"]?.int == 2)

        // A reader that is not there.
        let missing = try await Myna.run(["--reader", "No Such Reader 99", "info", "--json"])
        #expect(missing.status == Exit.noReaderOrCard, "\(missing)")

        // Ctrl-C (SIGINT) removes the card cleanly and prints the vpcd document.
        let (status, stdout, stderr) = try await server.interrupt()
        #expect(status == 0, "\(stderr)")
        let vpcd = try JSONValue.parse(Array(stdout.utf8))
        #expect(try SchemaValidator(directory: Myna.schemaDirectory).violations(of: vpcd, against: "vpcd.schema.json").isEmpty)
        #expect(vpcd["result"]?["reader"]?.string == PCSCEnvironment.reader)
        try await Self.waitForCard(present: false)
    }

    /// Waits until `myna readers` shows the virtual reader with (or without) a card.
    static func waitForCard(present: Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: PCSCEnvironment.bound)
        while true {
            let run = try await Myna.run(["readers", "--json"])
            let readers = (try? run.json())?["result"]?["readers"]?.array ?? []
            let entry = readers.first { $0["name"]?.string == PCSCEnvironment.reader }
            if entry?["cardPresent"]?.bool == present { return }
            guard ContinuousClock.now < deadline else {
                Issue.record("\(PCSCEnvironment.reader) never showed cardPresent=\(present): \(run)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}

/// `myna vpcd` running in the background.
final class VPCDServer {
    private let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL
    private let exit = ExitBox()

    private final class ExitBox: Sendable {
        let status = Mutex<Int32?>(nil)
    }

    init(_ arguments: [String], in directory: URL) throws {
        let executable = try #require(Myna.executable, "the myna executable was not built")
        stdoutURL = directory.appendingPathComponent("vpcd.stdout")
        stderrURL = directory.appendingPathComponent("vpcd.stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = Myna.baseEnvironment()
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let exit = self.exit
        process.terminationHandler = { process in
            let status = process.terminationStatus
            exit.status.withLock { $0 = status }
        }
        try process.run()
    }

    /// Sends SIGINT and waits for the exit; returns the status and what it printed.
    func interrupt() async throws -> (Int32, String, String) {
        process.interrupt()
        let deadline = ContinuousClock.now.advanced(by: PCSCEnvironment.bound)
        while exit.status.withLock({ $0 }) == nil {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                Issue.record("myna vpcd did not end after SIGINT")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let stdout = String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        return (exit.status.withLock { $0 } ?? -1, stdout, stderr)
    }

    /// Ends the server if a failed test left it running.
    func stopIfRunning() {
        if process.isRunning { process.terminate() }
    }
}
