#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A test failure in the fake vpcd's socket calls.
struct FakeVPCDError: Error, CustomStringConvertible {
    let description: String
}

/// Plays pcscd's vpcd driver in unit tests: listens on a free local port, accepts the virtual card's
/// connection and exchanges frames with it, exactly as vpcd does (length and body in separate writes).
final class FakeVPCD: Sendable {
    /// The port it listens on.
    let port: UInt16
    private let listener: Int32
    private let client = Mutex<Int32>(-1)

    init() throws {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw FakeVPCDError(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1) == 0 else {
            close(fd)
            throw FakeVPCDError(description: "bind/listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw FakeVPCDError(description: "getsockname: errno \(errno)")
        }
        self.listener = fd
        self.port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(listener)
        let fd = client.withLock { $0 }
        if fd >= 0 { close(fd) }
    }

    /// A port on which nothing listens (bound, then released).
    static func unusedPort() throws -> UInt16 {
        let server = try FakeVPCD()
        return server.port
    }

    /// Waits for the virtual card to connect.
    func accept() async throws {
        let listener = listener
        let fd = try await onThread { () throws -> Int32 in
            let fd = systemAccept(listener)
            guard fd >= 0 else { throw FakeVPCDError(description: "accept: errno \(errno)") }
            return fd
        }
        client.withLock { $0 = fd }
    }

    /// Sends a frame as vpcd does: the length, then the body, in two writes.
    func send(_ body: [UInt8]) async throws {
        try await sendRaw([UInt8(body.count >> 8), UInt8(body.count & 0xFF)])
        if !body.isEmpty { try await sendRaw(body) }
    }

    /// Writes raw bytes.
    func sendRaw(_ bytes: [UInt8]) async throws {
        let fd = client.withLock { $0 }
        try await onThread {
            let sent = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count) }
            guard sent == bytes.count else { throw FakeVPCDError(description: "send: errno \(errno)") }
        }
    }

    /// Receives one frame, or `nil` when the card closed the connection.
    func receive() async throws -> [UInt8]? {
        let fd = client.withLock { $0 }
        return try await onThread {
            guard let header = try Self.receiveExactly(fd, 2) else { return nil }
            let count = Int(header[0]) << 8 | Int(header[1])
            return try Self.receiveExactly(fd, count)
        }
    }

    /// Sends a command and returns the card's response frame.
    func exchange(_ body: [UInt8]) async throws -> [UInt8]? {
        try await send(body)
        return try await receive()
    }

    /// Closes the card's connection (as pcscd does when it stops).
    func closeClient() {
        client.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    private static func receiveExactly(_ fd: Int32, _ count: Int) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress.map { $0 + offset }, count - offset, 0) }
            if received == 0 { return nil }
            guard received > 0 else {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return nil }
                throw FakeVPCDError(description: "recv: errno \(errno)")
            }
            offset += received
        }
        return buffer
    }
}

private func systemAccept(_ fd: Int32) -> Int32 { accept(fd, nil, nil) }
private func systemSend(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if os(Linux)
    send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    #else
    send(fd, pointer, count, 0)
    #endif
}
