import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The inter-process lock every suite that serves a card to vpcd's port 35964 ("Virtual PCD 00 01") takes,
/// so that two suites never insert a card into the same virtual reader at once (also across test
/// processes). `flock(2)` on ``path``, polled so that no thread of Swift's cooperative pool blocks; released
/// when the value is released.
public final class VPCDPortLock: Sendable {
    /// Why the lock could not be taken.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public let description: String
    }

    /// The lock file.
    public static let path = "/tmp/myna-vpcd-35964.lock"
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Waits (up to `timeout`) until no other suite holds the lock, then holds it.
    ///
    /// - Throws: ``Failure`` when the file cannot be opened or another suite held it for `timeout`.
    public static func acquire(timeout: Duration = .seconds(600)) async throws -> VPCDPortLock {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path)") }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard ContinuousClock.now < deadline else {
                close(fd)
                throw Failure(description: "another suite held \(path) for \(timeout)")
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                close(fd)
                throw error
            }
        }
        return VPCDPortLock(fd: fd)
    }
}
