#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Every difference between Linux and Darwin sockets, in one place.
enum SocketPlatform {
    #if os(Linux)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    /// Linux: no SIGPIPE on a write to a closed connection.
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let streamType = SOCK_STREAM
    /// Darwin: SIGPIPE is turned off per socket in ``prepare(_:)``.
    static let sendFlags: Int32 = 0
    #endif
    static let tcpProtocol = Int32(IPPROTO_TCP)

    /// Options set once on a new socket: no Nagle delay for our small replies, and (Darwin) no SIGPIPE.
    static func prepare(_ fd: Int32) {
        var on: Int32 = 1
        _ = setsockopt(fd, tcpProtocol, TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Asks Linux to acknowledge the next segment at once. vpcd writes a frame's length and body in two
    /// writes; with delayed ACKs the second write waits for the first one's ACK (~40 ms) on every APDU.
    /// The kernel clears the flag again after a while, so it is set before each receive.
    @inline(__always)
    static func requestQuickAck(_ fd: Int32) {
        #if os(Linux)
        var on: Int32 = 1
        _ = setsockopt(fd, tcpProtocol, Int32(TCP_QUICKACK), &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// The current `errno`.
    static var lastError: Int32 { errno }

    /// A symbolic name for an `errno` value, for ``MynaTransport/TransportError/systemCodeName``.
    static func errorName(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "ECONNREFUSED"
        case ECONNRESET: "ECONNRESET"
        case ECONNABORTED: "ECONNABORTED"
        case ETIMEDOUT: "ETIMEDOUT"
        case EHOSTUNREACH: "EHOSTUNREACH"
        case ENETUNREACH: "ENETUNREACH"
        case EADDRNOTAVAIL: "EADDRNOTAVAIL"
        case EPIPE: "EPIPE"
        case ENOTCONN: "ENOTCONN"
        case EBADF: "EBADF"
        case EINTR: "EINTR"
        case EMFILE: "EMFILE"
        case ENOBUFS: "ENOBUFS"
        default: "errno \(code)"
        }
    }

    /// The text `strerror` gives for `code`.
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

// The C calls whose names clash with methods of ``VPCDSocket``.

@inline(__always)
func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

@inline(__always)
func systemShutdown(_ fd: Int32) -> Int32 {
    #if os(Linux)
    shutdown(fd, Int32(SHUT_RDWR))
    #else
    shutdown(fd, SHUT_RDWR)
    #endif
}

@inline(__always)
func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
