import Foundation
import Synchronization
import Testing

/// A command run in a pseudo-terminal by util-linux `script`, typed at like a person would: wait for a
/// prompt, then type. Everything the terminal shows (echo included) comes back in ``output``.
final class PseudoTerminal {
    /// `script` from util-linux, when installed.
    static let script: URL? = ["/usr/bin/script", "/bin/script"].map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// How long a prompt may take to appear before the test counts it as a hang (no speed is asserted).
    static let bound = Duration.seconds(120)

    private let process: Process
    private let input: Pipe
    private let outputPipe: Pipe
    private let shared = Shared()

    /// What the pipe's handler and the termination handler write from other threads.
    private final class Shared: Sendable {
        let buffer = Mutex<[UInt8]>([])
        let exitStatus = Mutex<Int32?>(nil)
    }

    /// Starts `shellCommand` (run by /bin/sh inside the terminal).
    init(_ shellCommand: String, environment: [String: String]) throws {
        let script = try #require(Self.script, "util-linux script is needed for the terminal tests")
        process = Process()
        process.executableURL = script
        process.arguments = ["-qec", shellCommand, "/dev/null"]
        process.environment = Myna.baseEnvironment().merging(environment) { $1 }.merging(["SHELL": "/bin/sh", "TERM": "xterm"]) { $1 }
        input = Pipe()
        outputPipe = Pipe()
        process.standardInput = input
        process.standardOutput = outputPipe
        process.standardError = outputPipe
        let shared = self.shared
        outputPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            shared.buffer.withLock { $0.append(contentsOf: data) }
        }
        process.terminationHandler = { process in
            let status = process.terminationStatus
            shared.exitStatus.withLock { $0 = status }
        }
        try process.run()
    }

    /// What the terminal showed so far.
    var output: String { shared.buffer.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits until the terminal shows `text` (after `after` characters of output, if given).
    func waitFor(_ text: String, after offset: Int = 0) async throws {
        let deadline = ContinuousClock.now.advanced(by: Self.bound)
        while !String(output.dropFirst(offset)).contains(text) {
            if shared.exitStatus.withLock({ $0 }) != nil, !String(output.dropFirst(offset)).contains(text) {
                // One last look: the output may have arrived with the exit.
                try await Task.sleep(for: .milliseconds(200))
                guard String(output.dropFirst(offset)).contains(text) else {
                    Issue.record("the command ended without showing \"\(text)\":\n\(output)")
                    throw CancellationError()
                }
                return
            }
            guard ContinuousClock.now < deadline else {
                Issue.record("\"\(text)\" did not appear:\n\(output)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Types `text` (use `\n` for Return, `\u{03}` for Ctrl-C).
    func type(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Waits for the command to end; returns its exit status and everything the terminal showed.
    func finish() async throws -> (status: Int32, output: String) {
        let deadline = ContinuousClock.now.advanced(by: Self.bound)
        while shared.exitStatus.withLock({ $0 }) == nil {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                Issue.record("the command did not end:\n\(output)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try? input.fileHandleForWriting.close()
        // Drain what is left in the pipe.
        outputPipe.fileHandleForReading.readabilityHandler = nil
        let rest = outputPipe.fileHandleForReading.readDataToEndOfFile()
        shared.buffer.withLock { $0.append(contentsOf: rest) }
        return (shared.exitStatus.withLock { $0 } ?? -1, output)
    }
}
