import Foundation

/// Runs a program as a child process and waits for it — the way tests run `myna`, OpenSC's tools or a
/// headless browser. Output goes to temporary files (no pipe can fill up and stall the child), and a
/// watchdog ends a child that hangs past its timeout (it asserts nothing about speed).
public enum ChildProcess {
    /// What standard input is.
    public enum Input: Sendable {
        /// `/dev/null`: end of input at once, and not a terminal (so a program never prompts).
        case closed
        /// These bytes, then end of input.
        case text(String)
    }

    /// What one run printed and how it ended.
    public struct Result: Sendable, CustomStringConvertible {
        /// The exit status, or the signal that ended the child.
        public var status: Int32
        /// Whether the child exited (rather than being killed by a signal, e.g. by the watchdog).
        public var exited: Bool
        /// Standard output, as bytes.
        public var stdout: [UInt8]
        /// Standard error (empty when it was merged into standard output).
        public var stderr: String

        /// Standard output as UTF-8 text.
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

        /// The status and both outputs (shortened), for a failing expectation's message.
        public var description: String {
            "\(exited ? "exit" : "signal") \(status)\n--- stdout\n\(stdoutText.prefix(4000))\n--- stderr\n\(stderr.prefix(4000))"
        }
    }

    /// Runs `executable arguments…` and waits for it to end.
    ///
    /// - Parameters:
    ///   - executable: the program to run.
    ///   - arguments: its arguments.
    ///   - environment: the child's whole environment; `nil` inherits this process's.
    ///   - input: what the child reads on standard input.
    ///   - directory: the working directory; `nil` keeps this process's.
    ///   - mergingStandardError: write standard error into standard output (as a terminal shows them).
    ///   - timeout: after this long the child is terminated; `nil` waits forever.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, input: Input = .closed,
        in directory: URL? = nil, mergingStandardError: Bool = false, timeout: Duration? = nil
    ) async throws -> Result {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("myna-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let stdoutURL = work.appendingPathComponent("stdout")
        let stderrURL = work.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = stdoutHandle
        process.standardError = mergingStandardError ? stdoutHandle : stderrHandle
        var pipe: Pipe?
        switch input {
        case .closed: process.standardInput = FileHandle.nullDevice
        case .text:
            pipe = Pipe()
            process.standardInput = pipe
        }
        let watchdog = timeout.map { timeout in
            Task { [process] in
                try await Task.sleep(for: timeout)
                if process.isRunning { process.terminate() }
            }
        }
        defer { watchdog?.cancel() }
        let status = try await waitForExit(process) {
            if case .text(let text) = input, let pipe {
                pipe.fileHandleForWriting.write(Data(text.utf8))
                try? pipe.fileHandleForWriting.close()
            }
        }
        let stdout = try [UInt8](Data(contentsOf: stdoutURL))
        let stderr = try String(decoding: Data(contentsOf: stderrURL), as: UTF8.self)
        return Result(status: status, exited: process.terminationReason == .exit, stdout: stdout, stderr: stderr)
    }

    /// Starts `process`, calls `started`, and returns its exit status once it has ended.
    public static func waitForExit(_ process: Process, started: () -> Void = {}) async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            started()
        }
    }
}
