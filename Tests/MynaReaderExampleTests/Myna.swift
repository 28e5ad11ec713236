import Foundation
import Testing

/// The built `myna` executable, run as a subprocess — the way testers run it.
enum Myna {
    /// What one run printed and how it ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

        /// The one JSON document on stdout.
        func json() throws -> JSONValue {
            try JSONValue.parse(stdout)
        }

        var description: String {
            "exit \(status)\n--- stdout\n\(stdoutText.prefix(4000))\n--- stderr\n\(stderr.prefix(4000))"
        }
    }

    /// What standard input is.
    enum Input {
        /// `/dev/null`: end of input at once, and not a terminal (so `myna` never prompts).
        case closed
        /// These bytes, then end of input.
        case text(String)
    }

    /// The package root (this file is Tests/MynaReaderExampleTests/Myna.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The JSON schemas.
    static let schemaDirectory = packageRoot.appendingPathComponent("Documentation/json-schema")

    /// The executable: `$MYNA_BINARY`, else `myna` next to this test bundle (SwiftPM's products
    /// directory, where `swift build --build-tests` and `swift test` put it).
    static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["MYNA_BINARY"], !override.isEmpty { return URL(fileURLWithPath: override) }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("myna")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        let fallback = packageRoot.appendingPathComponent(".build/debug/myna")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }()

    /// The environment every run starts from: this process's, without any `MYNA_*` secret (a developer's
    /// own PIN must never reach a test), without `CI` noise and in the C locale (English words).
    static func baseEnvironment() -> [String: String] {
        // English unless a test asks otherwise: a developer's own locale must not change the words.
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("MYNA_") && !["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"].contains($0.key)
        }
        environment["LANG"] = "C.UTF-8"
        return environment
    }

    /// Runs `myna arguments…` in `directory` and waits for it to end.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], input: Input = .closed,
        in directory: URL? = nil
    ) async throws -> Run {
        let executable = try #require(
            Self.executable, "the myna executable was not found next to the test bundle: build it with swift build --build-tests")
        let stdin: ChildProcess.Input
        switch input {
        case .closed: stdin = .closed
        case .text(let text): stdin = .text(text)
        }
        let result = try await ChildProcess.run(
            executable, arguments, environment: baseEnvironment().merging(environment) { $1 }, input: stdin,
            in: directory)
        return Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myna-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
