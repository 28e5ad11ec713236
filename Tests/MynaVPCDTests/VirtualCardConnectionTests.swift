import MynaCodec
import MynaTransport
import MynaVPCD
import Testing

/// The vpcd framing and life cycle, against a fake vpcd in the test process (no pcscd needed).
@Suite("VirtualCardConnection against a fake vpcd")
struct VirtualCardConnectionTests {
    /// Starts `connection.run()` and waits until the fake vpcd accepted it.
    private func start(_ connection: VirtualCardConnection, _ vpcd: FakeVPCD) async throws -> Task<Void, any Error> {
        let serving = Task { try await connection.run() }
        try await vpcd.accept()
        return serving
    }

    private func connection(_ vpcd: FakeVPCD, card: any CardTransport = ScriptedCard(), logCapture: LogStore? = nil)
        -> VirtualCardConnection
    {
        if let logCapture {
            return VirtualCardConnection(
                endpoint: VPCDEndpoint(port: vpcd.port), card: card, atr: ScriptedCard.atr,
                logger: logCapture.logger())
        }
        return VirtualCardConnection(endpoint: VPCDEndpoint(port: vpcd.port), card: card, atr: ScriptedCard.atr)
    }

    @Test("the default endpoints are the two Debian virtual readers")
    func endpoints() {
        #expect(VPCDEndpoint.reader0 == VPCDEndpoint(host: "127.0.0.1", port: 35963))
        #expect(VPCDEndpoint.reader1 == VPCDEndpoint(host: "127.0.0.1", port: 35964))
        #expect(VPCDEndpoint().port == 35963)
        #expect("\(VPCDEndpoint.reader1)" == "127.0.0.1:35964")
    }

    @Test("get ATR is answered with the ATR frame")
    func atr() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange([0x04]) == ScriptedCard.atr)
        vpcd.closeClient()
        try await serving.value
    }

    @Test("power on and reset reset the card; power off does not; none is answered")
    func controlCodes() async throws {
        let vpcd = try FakeVPCD()
        let card = ScriptedCard()
        let connection = connection(vpcd, card: card)
        let serving = try await start(connection, vpcd)
        try await vpcd.send([0x00])  // power off
        try await vpcd.send([0x01])  // power on
        try await vpcd.send([0x02])  // reset
        try await vpcd.send([0x07])  // unknown: ignored
        // The next answered frame proves the control codes were consumed without a reply.
        #expect(try await vpcd.exchange([0x04]) == ScriptedCard.atr)
        #expect(card.resetCount == 2)
        vpcd.closeClient()
        try await serving.value
    }

    @Test("a command APDU frame is answered with the card's data and status word")
    func apdus() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange(ScriptedCommands.selectApplet().encoded()) == [0x90, 0x00])
        #expect(try await vpcd.exchange(ScriptedCommands.selectEF(ScriptedCard.fileID).encoded()) == [0x90, 0x00])
        let read = try #require(try await vpcd.exchange(ScriptedCommands.readBinary(offset: 16, count: 32).encoded()))
        #expect(read == Array(ScriptedCard.file[16..<48]) + [0x90, 0x00])
        // Extended Le: the whole file in one frame.
        let whole = try #require(
            try await vpcd.exchange(ScriptedCommands.readBinary(offset: 0, count: 4096).encoded()))
        #expect(whole == ScriptedCard.file + [0x90, 0x00])
        #expect(try await vpcd.exchange([0x00, 0xA4, 0x04, 0x0C, 0x01, 0xAA]) == [0x6A, 0x82])
        vpcd.closeClient()
        try await serving.value
    }

    @Test("a frame split across many writes is reassembled")
    func splitWrites() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        let command = try ScriptedCommands.selectApplet().encoded()
        let frame = [UInt8(0), UInt8(command.count)] + command
        for byte in frame { try await vpcd.sendRaw([byte]) }
        #expect(try await vpcd.receive() == [0x90, 0x00])
        vpcd.closeClient()
        try await serving.value
    }

    @Test("a command whose lengths do not add up is answered 6700", arguments: [
        [0x00, 0xA4, 0x04], [0x00, 0xB0, 0x00, 0x00, 0x05, 0x01], [0x00, 0xA4, 0x04, 0x0C, 0x00, 0x01],
    ] as [[UInt8]])
    func malformedCommand(frame: [UInt8]) async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange(frame) == [0x67, 0x00])
        vpcd.closeClient()
        try await serving.value
    }

    @Test("stop() closes the connection (the card is removed) and run() returns")
    func stop() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange([0x04]) == ScriptedCard.atr)
        await connection.stop()
        #expect(try await vpcd.receive() == nil)
        try await serving.value
        // stop() with nothing running does nothing.
        await connection.stop()
    }

    @Test("run() can insert the card again after it returned")
    func runAgain() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        for _ in 0..<2 {
            let serving = try await start(connection, vpcd)
            #expect(try await vpcd.exchange([0x04]) == ScriptedCard.atr)
            await connection.stop()
            try await serving.value
            vpcd.closeClient()
        }
    }

    @Test("a second concurrent run() is refused with notConnected")
    func concurrentRun() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        let error = await #expect(throws: TransportError.self) { try await connection.run() }
        #expect(error?.code == .notConnected)
        await connection.stop()
        try await serving.value
    }

    @Test("cancelling run() removes the card and throws CancellationError")
    func cancel() async throws {
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd)
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange([0x04]) == ScriptedCard.atr)
        serving.cancel()
        #expect(try await vpcd.receive() == nil)
        await #expect(throws: CancellationError.self) { try await serving.value }
    }

    @Test("nothing listening → serviceUnavailable with ECONNREFUSED and the remedy")
    func refused() async throws {
        let port = try FakeVPCD.unusedPort()
        let connection = VirtualCardConnection(
            endpoint: VPCDEndpoint(port: port), card: ScriptedCard(), atr: ScriptedCard.atr)
        let error = await #expect(throws: TransportError.self) { try await connection.run() }
        #expect(error?.code == .serviceUnavailable)
        #expect(error?.systemCodeName == "ECONNREFUSED")
        #expect(error?.reason.contains("vsmartcard-vpcd") == true)
        #expect(error?.reason.contains("pcscd") == true)
    }

    @Test("an unresolvable host → notConnected")
    func unknownHost() async throws {
        let connection = VirtualCardConnection(
            endpoint: VPCDEndpoint(host: "no-such-host.invalid", port: 35963), card: ScriptedCard(),
            atr: ScriptedCard.atr)
        let error = await #expect(throws: TransportError.self) { try await connection.run() }
        #expect(error?.code == .notConnected)
    }

    @Test("a card that gives no response ends the connection and run() throws its error")
    func cardFailure() async throws {
        struct PulledCard: CardTransport {
            func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
                throw TransportError(.cardRemoved, "pulled")
            }
            func reset() async throws -> [UInt8] { [] }
        }
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd, card: PulledCard())
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange(ScriptedCommands.selectApplet().encoded()) == nil)
        let error = await #expect(throws: TransportError.self) { try await serving.value }
        #expect(error?.code == .cardRemoved)
    }

    @Test("a response longer than a vpcd frame can carry is a typed error, not a truncated frame")
    func oversizedResponse() async throws {
        struct HugeCard: CardTransport {
            func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
                ResponseAPDU(data: [UInt8](repeating: 0x5A, count: 65_534), statusWord: .success)
            }
            func reset() async throws -> [UInt8] { [] }
        }
        let vpcd = try FakeVPCD()
        let connection = connection(vpcd, card: HugeCard())
        let serving = try await start(connection, vpcd)
        #expect(try await vpcd.exchange(ScriptedCommands.readBinary(offset: 0, count: 65536).encoded()) == nil)
        let error = await #expect(throws: TransportError.self) { try await serving.value }
        #expect(error?.code == .malformedResponse)
    }

    @Test("logs never contain APDU data: a PIN sent in VERIFY is absent at trace level")
    func redaction() async throws {
        let vpcd = try FakeVPCD()
        let capture = LogStore()
        let connection = connection(vpcd, logCapture: capture)
        let serving = try await start(connection, vpcd)
        let secret: [UInt8] = Array("987654".utf8)
        _ = try await vpcd.exchange(ScriptedCommands.selectApplet().encoded())
        _ = try await vpcd.exchange(ScriptedCommands.selectEF(ScriptedCard.pinID).encoded())
        #expect(try await vpcd.exchange(ScriptedCommands.verify(secret).encoded()) == [0x63, 0xC2])
        vpcd.closeClient()
        try await serving.value
        let lines = capture.lines
        #expect(lines.contains { $0.contains("APDU") && $0.contains("ins=20") })
        #expect(lines.contains { $0.contains("inserted") })
        #expect(lines.contains { $0.contains("removed") })
        let joined = lines.joined(separator: "\n")
        for rendering in [Hex.encode(secret), Hex.encode(secret, separator: " "), "987654"] {
            #expect(!joined.contains(rendering))
        }
        #expect(!lines.contains { $0.hasPrefix("info") || $0.hasPrefix("notice") || $0.hasPrefix("warning") })
    }
}
