#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MynaTransport
import Synchronization

/// A blocking TCP connection to vpcd that reads and writes frames.
///
/// Reads and writes block, so they are only made from ``VPCDSession``'s dedicated thread. ``shutdown()``
/// may be called from any thread: it wakes a blocked read, which then reports the end of the connection.
/// The descriptor is closed under the same lock, so a late ``shutdown()`` can never touch a reused
/// descriptor number.
final class VPCDSocket: Sendable {
    private enum State {
        case open(Int32)
        case closed
    }

    private let state: Mutex<State>
    private let endpoint: VPCDEndpoint

    private init(fd: Int32, endpoint: VPCDEndpoint) {
        self.state = Mutex(.open(fd))
        self.endpoint = endpoint
    }

    deinit {
        close()
    }

    /// Connects to `endpoint` (blocking).
    ///
    /// - Throws: ``TransportError`` `.serviceUnavailable` when nothing listens there (vpcd not loaded),
    ///   `.notConnected` for any other failure (unknown host, unreachable network).
    static func connect(to endpoint: VPCDEndpoint) throws(TransportError) -> VPCDSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = SocketPlatform.streamType
        hints.ai_protocol = SocketPlatform.tcpProtocol
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            let text = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            throw TransportError(
                .notConnected, "cannot resolve vpcd host \(endpoint.host): \(text)",
                systemCode: Int64(status), systemCodeName: "EAI \(status)")
        }
        defer { freeaddrinfo(first) }

        var lastErrno: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd < 0 {
                lastErrno = SocketPlatform.lastError
                continue
            }
            var result: Int32
            repeat {
                result = systemConnect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            } while result != 0 && SocketPlatform.lastError == EINTR
            if result == 0 {
                SocketPlatform.prepare(fd)
                return VPCDSocket(fd: fd, endpoint: endpoint)
            }
            lastErrno = SocketPlatform.lastError
            _ = systemClose(fd)
        }
        let name = SocketPlatform.errorName(lastErrno)
        if lastErrno == ECONNREFUSED {
            throw TransportError(
                .serviceUnavailable,
                "vpcd at \(endpoint) refused the connection: is pcscd running with the vpcd driver? "
                    + "(apt-get install vsmartcard-vpcd, then start pcscd, e.g. `pcscd -f -a &`)",
                systemCode: Int64(lastErrno), systemCodeName: name)
        }
        throw TransportError(
            .notConnected,
            "cannot connect to vpcd at \(endpoint): \(SocketPlatform.errorText(lastErrno))",
            systemCode: Int64(lastErrno), systemCodeName: name)
    }

    /// Reads one frame's body (blocking). Returns `nil` when the connection ends — closed by vpcd,
    /// shut down by ``shutdown()``, or reset.
    ///
    /// - Throws: ``TransportError`` `.notConnected` for any other socket failure.
    func receiveFrame() throws(TransportError) -> [UInt8]? {
        var header: [UInt8] = [0, 0]
        guard try receiveExactly(&header) else { return nil }
        let count = VPCDFrame.bodyCount(header: header[0], header[1])
        var body = [UInt8](repeating: 0, count: count)
        guard try receiveExactly(&body) else { return nil }
        return body
    }

    /// Writes one frame (blocking): the length prefix and `body` in a single send.
    ///
    /// - Throws: ``TransportError`` `.malformedResponse` when `body` exceeds vpcd's 65535-byte limit,
    ///   `.notConnected` when the connection is gone.
    func sendFrame(_ body: [UInt8]) throws(TransportError) {
        guard body.count <= VPCDFrame.maximumBodyCount else {
            throw TransportError(
                .malformedResponse,
                "a \(body.count)-byte message exceeds vpcd's \(VPCDFrame.maximumBodyCount)-byte frame limit")
        }
        var frame = VPCDFrame.header(count: body.count)
        frame.append(contentsOf: body)
        let endpoint = endpoint
        let failure: TransportError? = frame.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let fd = descriptor else {
                    return TransportError(.notConnected, "the connection to vpcd at \(endpoint) is closed")
                }
                let sent = send(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset, SocketPlatform.sendFlags)
                if sent < 0 {
                    let code = SocketPlatform.lastError
                    if code == EINTR { continue }
                    return TransportError(
                        .notConnected, "cannot write to vpcd at \(endpoint): \(SocketPlatform.errorText(code))",
                        systemCode: Int64(code), systemCodeName: SocketPlatform.errorName(code))
                }
                offset += sent
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Wakes any blocked read and makes further I/O fail; safe from any thread.
    func shutdown() {
        state.withLock { state in
            if case .open(let fd) = state { _ = systemShutdown(fd) }
        }
    }

    /// Closes the descriptor (once).
    func close() {
        state.withLock { state in
            if case .open(let fd) = state {
                _ = systemClose(fd)
                state = .closed
            }
        }
    }

    private var descriptor: Int32? {
        state.withLock { state in
            if case .open(let fd) = state { return fd }
            return nil
        }
    }

    /// Fills `buffer` completely. Returns `false` when the connection ended first.
    private func receiveExactly(_ buffer: inout [UInt8]) throws(TransportError) -> Bool {
        let endpoint = endpoint
        let outcome: Result<Bool, TransportError> = buffer.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let fd = descriptor else { return .success(false) }
                SocketPlatform.requestQuickAck(fd)
                let received = recv(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset, 0)
                if received == 0 { return .success(false) }
                if received < 0 {
                    let code = SocketPlatform.lastError
                    if code == EINTR { continue }
                    if code == ECONNRESET || code == ENOTCONN || code == EBADF { return .success(false) }
                    return .failure(
                        TransportError(
                            .notConnected,
                            "cannot read from vpcd at \(endpoint): \(SocketPlatform.errorText(code))",
                            systemCode: Int64(code), systemCodeName: SocketPlatform.errorName(code)))
                }
                offset += received
            }
            return .success(true)
        }
        return try outcome.get()
    }
}
