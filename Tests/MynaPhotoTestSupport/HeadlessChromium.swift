import Foundation
import MynaTestSupport

/// Runs headless Chromium to screenshot a page, for the report's render test.
public enum HeadlessChromium {
    /// The browser executable: `$MYNA_CHROMIUM` if set, else the first of the usual names on `$PATH`.
    public static func locate() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["MYNA_CHROMIUM"], !override.isEmpty {
            return FileManager.default.isExecutableFile(atPath: override) ? URL(fileURLWithPath: override) : nil
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in directories {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
                if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
            }
        }
        return nil
    }

    /// The browser failed or wrote no screenshot.
    public struct Failure: Error, CustomStringConvertible {
        /// What happened, with the browser's last output.
        public var description: String
    }

    /// Screenshots `page` at `width × height` and returns the PNG bytes.
    ///
    /// The browser runs with a throw-away profile in `workDirectory` and is terminated if it has not
    /// finished within `timeout` (no timing is asserted; this only keeps a hung browser from hanging
    /// the test run).
    public static func screenshot(
        executable: URL, page: URL, width: Int, height: Int, workDirectory: URL, timeout: Duration = .seconds(90)
    ) async throws -> [UInt8] {
        let output = workDirectory.appendingPathComponent("screenshot.png")
        let arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=" + workDirectory.appendingPathComponent("profile").path,
            "--screenshot=" + output.path, "--window-size=\(width),\(height)", page.absoluteString,
        ]
        // The watchdog only ends a hung browser; it asserts nothing about speed.
        let result = try await ChildProcess.run(executable, arguments, mergingStandardError: true, timeout: timeout)
        guard result.exited, result.status == 0 else {
            let how = result.exited ? "exited with status" : "was killed (hung past \(timeout)?) by signal"
            throw Failure(description: "chromium \(how) \(result.status): \(result.stdoutText.suffix(2000))")
        }
        guard let bytes = FileManager.default.contents(atPath: output.path) else {
            throw Failure(description: "chromium wrote no screenshot at \(output.path)")
        }
        return [UInt8](bytes)
    }
}
