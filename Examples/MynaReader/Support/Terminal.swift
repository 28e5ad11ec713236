#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The controlling terminal, for prompts: opened only when standard input is a terminal, so that a
/// script (stdin a pipe, a file or closed) is never asked anything and never hangs.
///
/// Prompts are written to and answers read from `/dev/tty`, never stdout, so `--json` output stays clean.
/// Secrets are read with echo off; the terminal's settings are restored on every exit path — normal
/// return, error, and Ctrl-C / SIGTERM / SIGHUP / SIGQUIT while the prompt is up (``SecretEchoGuard``).
final class Terminal {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// The terminal, when standard input is one and `/dev/tty` opens; else `nil`.
    static func open() -> Terminal? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        let fd = openDevice("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        return Terminal(fd: fd)
    }

    /// Whether standard error is a terminal (spinners and progress are drawn only then).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes `text` to the terminal.
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Asks for a secret with echo off. The answer never appears on the screen, in logs or in errors.
    ///
    /// - Returns: the bytes typed before Return (at most ``maximumSecretLength``); `nil` at end of input.
    func readSecret(prompt: String) -> [UInt8]? {
        let guardian = SecretEchoGuard(fd: fd)
        // Echo goes off before the prompt is shown: whatever is typed after the prompt is never echoed.
        guardian.disableEcho()
        write(prompt)
        let line = readLine(limit: Self.maximumSecretLength)
        guardian.restore()
        write("\n")
        return line
    }

    /// Asks a question and returns the answer typed (echoed), without the newline; `nil` at end of input.
    func ask(_ question: String) -> String? {
        write(question)
        guard var bytes = readLine(limit: 256) else { return nil }
        defer { bytes.removeAll() }
        return String(decoding: bytes, as: UTF8.self).trimmingSpaces
    }

    /// The longest secret read (the signature password has at most 16 characters).
    static let maximumSecretLength = 64

    private func readLine(limit: Int) -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = systemRead(fd, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                return line.isEmpty ? nil : line
            }
            if count == 0 { return line.isEmpty ? nil : line }
            if byte == 0x0A { break }
            if byte == 0x0D { continue }
            if line.count < limit { line.append(byte) }
        }
        return line
    }
}

/// Turns a terminal's echo off and guarantees it comes back on: `restore()` on the normal path, and a
/// signal handler (installed while echo is off) that restores the saved settings before the process dies
/// from SIGINT, SIGTERM, SIGHUP or SIGQUIT.
final class SecretEchoGuard {
    private let fd: Int32
    private var saved = termios()
    private var isActive = false

    init(fd: Int32) { self.fd = fd }

    deinit { restore() }

    /// Saves the settings and clears `ECHO`. Line editing (erase, kill) keeps working.
    func disableEcho() {
        guard tcgetattr(fd, &saved) == 0 else { return }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        EchoRestoration.arm(fd: fd, saved: saved)
        if tcsetattr(fd, TCSAFLUSH, &quiet) == 0 {
            isActive = true
        } else {
            EchoRestoration.disarm()
        }
    }

    /// Restores the saved settings (idempotent).
    func restore() {
        guard isActive else { return }
        isActive = false
        _ = tcsetattr(fd, TCSAFLUSH, &saved)
        EchoRestoration.disarm()
    }
}

/// What the signal handler restores. Set only by ``SecretEchoGuard`` on the thread that reads the secret;
/// read by the handler, which does nothing but async-signal-safe calls.
private enum EchoRestoration {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var saved = termios()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func arm(fd: Int32, saved: termios) {
        self.saved = saved
        self.fd = fd
        for signal in signals { installHandler(signal, restoreThenDie) }
    }

    static func disarm() {
        fd = -1
        for signal in signals { installHandler(signal, SIG_DFL) }
    }
}

/// The handler: restore the terminal, then die from the same signal with its default action (so the
/// shell sees 128 + signal, e.g. 130 for Ctrl-C).
private func restoreThenDie(_ signal: Int32) {
    let fd = EchoRestoration.fd
    if fd >= 0 {
        var saved = EchoRestoration.saved
        _ = tcsetattr(fd, TCSANOW, &saved)
        var newline: UInt8 = 0x0A
        _ = systemWrite(fd, &newline, 1)
    }
    installHandler(signal, SIG_DFL)
    _ = raise(signal)
}

// MARK: Thin wrappers, so the names above do not clash with Swift's own `open`, `read`, `write`, `signal`.

private func openDevice(_ path: String, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags)
    #else
    Darwin.open(path, flags)
    #endif
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

private func installHandler(_ signal: Int32, _ handler: (@convention(c) (Int32) -> Void)?) {
    #if canImport(Glibc)
    _ = Glibc.signal(signal, handler)
    #else
    _ = Darwin.signal(signal, handler)
    #endif
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
