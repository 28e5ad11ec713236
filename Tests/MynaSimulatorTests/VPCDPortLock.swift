import Foundation
import Testing

/// The inter-process lock every suite that uses vpcd's port 35964 ("Virtual PCD 00 01") takes — this suite
/// and the example reader's pcscd suite — so that two suites never insert a card into the same virtual
/// reader at once (also across test processes). `flock(2)` on ``path``, polled so that no thread of Swift's
/// cooperative pool blocks.
final class VPCDPortLock {
    static let path = "/tmp/myna-vpcd-35964.lock"
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    static func acquire() async throws -> VPCDPortLock {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o666)
        try #require(fd >= 0, "cannot open \(path)")
        let deadline = ContinuousClock.now.advanced(by: .seconds(600))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard ContinuousClock.now < deadline else {
                close(fd)
                Issue.record("another suite held \(path) for 10 minutes")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return VPCDPortLock(fd: fd)
    }
}
