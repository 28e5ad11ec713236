import Foundation

/// Runs a blocking call (a socket `accept`, a C library call) on a fresh thread and awaits its result, so
/// that a test never blocks a thread of Swift's cooperative pool.
public func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
