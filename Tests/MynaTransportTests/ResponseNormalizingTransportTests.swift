import MynaCodec
import MynaTransport
import Testing

@Suite("Response normaliser")
struct ResponseNormalizingTransportTests {
    private static func send(_ transport: some CardTransport, _ hex: String) async throws -> ResponseAPDU {
        try await transport.transmit(CommandAPDU(decoding: Hex.decode(hex)))
    }

    private static func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &+ Int(seed)) }
    }

    @Test("61xx: GET RESPONSE until done, data concatenated; 6100 asks for 256")
    func bytesAvailableChain() async throws {
        let first = Self.bytes(16, seed: 1), second = Self.bytes(256, seed: 2), third = Self.bytes(5, seed: 3)
        let base = ScriptedTransport([
            ("80 2A 00 80 03 01 02 03 00", "6110"),
            ("00 C0 00 00 10", Hex.encode(first) + "6100"),
            ("00 C0 00 00 00", Hex.encode(second) + "6105"),
            ("00 C0 00 00 05", Hex.encode(third) + "9000"),
        ])
        let response = try await Self.send(base.normalizingResponses(), "802A008003010203 00")
        #expect(response.data == first + second + third)
        #expect(response.statusWord == .success)
        base.expectComplete()
    }

    @Test("61xx after data: the first response's data is kept")
    func bytesAvailableWithData() async throws {
        let base = ScriptedTransport([("00 84 00 00 08", "0102030461 04"), ("00 C0 00 00 04", "05060708 9000")])
        let response = try await Self.send(base.normalizingResponses(), "0084000008")
        #expect(response.data == [1, 2, 3, 4, 5, 6, 7, 8])
        base.expectComplete()
    }

    @Test("61xx ending in a warning or error: the final status word is returned with the data so far")
    func bytesAvailableThenWarning() async throws {
        let base = ScriptedTransport([("00 B0 00 00 00", "6102"), ("00 C0 00 00 02", "AABB 6282")])
        let response = try await Self.send(base.normalizingResponses(), "00B0000000")
        #expect(response.data == [0xAA, 0xBB])
        #expect(response.statusWord == .warningEndOfFile)
        base.expectComplete()
    }

    @Test("6Cxx: the command is resent with the exact Le")
    func wrongLe() async throws {
        let data = Self.bytes(17, seed: 9)
        let base = ScriptedTransport([("00 B0 81 00 00", "6C11"), ("00 B0 81 00 11", Hex.encode(data) + "9000")])
        let response = try await Self.send(base.normalizingResponses(), "00B0810000")
        #expect(response.data == data)
        #expect(response.statusWord == .success)
        base.expectComplete()
    }

    @Test("6C00 means Le 256; 6Cxx on an extended command keeps extended encoding")
    func wrongLeEncodings() async throws {
        let base = ScriptedTransport([
            ("00 B0 00 00 10", "6C00"), ("00 B0 00 00 00", Hex.encode(Self.bytes(256, seed: 0)) + "9000"),
            ("00 B0 00 00 00 00 00", "6C20"), ("00 B0 00 00 00 00 20", Hex.encode(Self.bytes(32, seed: 0)) + "9000"),
        ])
        let transport = base.normalizingResponses()
        #expect(try await Self.send(transport, "00B0000010").data.count == 256)
        #expect(try await Self.send(transport, "00B00000000000").data.count == 32)
        base.expectComplete()
    }

    @Test("6Cxx then 61xx; and a GET RESPONSE answered 6Cxx is resent with the exact Le")
    func wrongLeAndBytesAvailable() async throws {
        let base = ScriptedTransport([
            ("00 CA 01 00 00", "6C08"),
            ("00 CA 01 00 08", "0102 6106"),
            ("00 C0 00 00 06", "6C03"),
            ("00 C0 00 00 03", "030405 9000"),
        ])
        let response = try await Self.send(base.normalizingResponses(), "00CA010000")
        #expect(response.data == [1, 2, 3, 4, 5])
        #expect(response.statusWord == .success)
        base.expectComplete()
    }

    @Test("Both normalisations off: 61xx and 6Cxx pass through as the card sent them")
    func bothOff() async throws {
        let base = ScriptedTransport([("00 B0 00 00 00", "6C11"), ("80 2A 00 80 01 01 00", "6100")])
        let transport = base.normalizingResponses(.init(followsBytesAvailable: false, resendsWithExactLength: false))
        #expect(try await Self.send(transport, "00B0000000").statusWord == StatusWord(0x6C11))
        #expect(try await Self.send(transport, "802A00800101 00").statusWord == StatusWord(0x6100))
        base.expectComplete()
    }

    @Test("Each normalisation can be turned off alone")
    func oneOff() async throws {
        let noResend = ScriptedTransport([("00 B0 00 00 00", "6C11")])
        let r1 = try await Self.send(noResend.normalizingResponses(.init(resendsWithExactLength: false)), "00B0000000")
        #expect(r1.statusWord == StatusWord(0x6C11))
        noResend.expectComplete()

        let noFollow = ScriptedTransport([("00 B0 00 00 00", "6C11"), ("00 B0 00 00 11", "6111")])
        let r2 = try await Self.send(noFollow.normalizingResponses(.init(followsBytesAvailable: false)), "00B0000000")
        #expect(r2.statusWord == StatusWord(0x6111))
        noFollow.expectComplete()
    }

    @Test("A card that keeps answering 61xx: error after maximumGetResponses GET RESPONSEs")
    func getResponseLimit() async throws {
        let base = ScriptedTransport([
            ("00 84 00 00 08", "6101"), ("00 C0 00 00 01", "AA 6101"), ("00 C0 00 00 01", "BB 6101"),
        ])
        let transport = base.normalizingResponses(.init(maximumGetResponses: 2))
        let error = await #expect(throws: TransportError.self) { try await Self.send(transport, "0084000008") }
        #expect(error?.code == .malformedResponse)
        #expect(error?.reason.contains("2 GET RESPONSE") == true)
        base.expectComplete()
    }

    @Test("More than 65536 bytes in all through GET RESPONSE is an error")
    func getResponseTotalLimit() async throws {
        var steps: [(String, String)] = [("00 B0 00 00 00", "6100")]
        let chunk = Hex.encode(Self.bytes(256, seed: 4))
        for _ in 0..<258 { steps.append(("00 C0 00 00 00", chunk + "6100")) }
        let base = ScriptedTransport(steps)
        let error = await #expect(throws: TransportError.self) {
            try await Self.send(base.normalizingResponses(), "00B0000000")
        }
        #expect(error?.code == .malformedResponse)
        base.expectComplete()
    }

    @Test(
        "GET RESPONSE keeps the logical channel of an interindustry class and uses 00 for a proprietary one",
        arguments: [
            (UInt8(0x00), UInt8(0x00)), (0x80, 0x00), (0x84, 0x00), (0x01, 0x01), (0x03, 0x03), (0x0D, 0x01),
            (0x13, 0x03), (0x40, 0x40), (0x45, 0x45), (0x4F, 0x4F), (0x65, 0x45), (0x55, 0x45),
        ])
    func getResponseClass(cla: UInt8, expected: UInt8) async throws {
        let command = Hex.encode([cla]) + " 84 00 00 08"
        let getResponse = Hex.encode([expected]) + " C0 00 00 08"
        let base = ScriptedTransport([(command, "6108"), (getResponse, "0102030405060708 9000")])
        let response = try await Self.send(base.normalizingResponses(), command)
        #expect(response.data == [1, 2, 3, 4, 5, 6, 7, 8])
        base.expectComplete()
    }

    @Test("Other status words pass through untouched, data and all", arguments: ["9000", "6282", "6A82", "63C2", "6F42", "9F10"])
    func passThrough(sw: String) async throws {
        let base = ScriptedTransport([("00 B0 00 00 04", "01020304" + sw)])
        let response = try await Self.send(base.normalizingResponses(), "00B0000004")
        #expect(Hex.encode(response.encoded()) == "01020304" + sw)
        base.expectComplete()
    }

    @Test("Reset and transactions are forwarded")
    func forwarding() async throws {
        let base = ScriptedTransport(steps: [.reset([0x3B, 0x01]), .begin, .end])
        let transport = base.normalizingResponses()
        #expect(try await transport.reset() == [0x3B, 0x01])
        try await transport.withTransaction {}
        base.expectComplete()
    }
}
