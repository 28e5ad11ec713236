import MynaCodec
import MynaTransport
import Testing

@Suite("Link model: modelled time per exchange")
struct LinkModelTests {
    @Test("One short exchange on contact T=1 at 9600 bit/s: 10 ms + 15 characters of 11 etu")
    func shortExchange9600() {
        // 5 command bytes + 4 framing, 2 response bytes + 4 framing: 15 × 11/9600 s = 17.1875 ms.
        #expect(LinkProfile.contactT1At9600.exchangeTime(commandBytes: 5, responseBytes: 2) == .nanoseconds(27_187_500))
    }

    @Test("A 300-byte response on T=1 (IFSD 254) is two blocks: framing twice, one R-block and two block guard times")
    func chainedResponse9600() {
        // Response: (300 + 2 × 4) characters + (4 characters + 44 etu) for the chained block.
        // 308 × 1 145 833.3 + 4 × 1 145 833.3 + 4 583 333 = 362 083 333 ns; command 9 × 1 145 833.3 = 10 312 500 ns.
        #expect(
            LinkProfile.contactT1At9600.exchangeTime(commandBytes: 5, responseBytes: 300) == .nanoseconds(382_395_833))
    }

    @Test("Contactless type B at 424 kbit/s: 6 ms + 10 etu per character + 5 framing bytes per frame")
    func contactless() {
        let profile = LinkProfile.contactlessTypeBAt424k
        // (5 + 5) + (2 + 5) = 17 characters × 10 / 423 750 s = 401 180 ns.
        #expect(profile.exchangeTime(commandBytes: 5, responseBytes: 2) == .nanoseconds(6_401_180))
        #expect(profile.characterDuration == .nanoseconds(23_599))
    }

    @Test("An APDU's worth of bytes on each link: 23 (9600), 55 (115.2k), 242 (contactless)")
    func apduCostInBytes() {
        #expect(LinkProfile.contactT1At9600.apduCostInBytes == 23)
        #expect(LinkProfile.contactT1At115200.apduCostInBytes == 55)
        #expect(LinkProfile.contactlessTypeBAt424k.apduCostInBytes == 242)
        // The break-even it states: on average, that many more response bytes cost one short READ BINARY.
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        for profile in LinkProfile.builtIn {
            let apdu = seconds(profile.exchangeTime(commandBytes: 5, responseBytes: 2))
            let hundred = seconds(
                profile.exchangeTime(commandBytes: 5, responseBytes: 2 + 100 * profile.apduCostInBytes)
                    - profile.exchangeTime(commandBytes: 5, responseBytes: 2))
            #expect(abs(hundred / 100 / apdu - 1) < 0.05, "\(profile)")
        }
    }

    @Test("Parameters are overridable: a slower turnaround costs exactly its difference per exchange")
    func overridable() {
        var profile = LinkProfile.contactT1At115200
        let before = profile.exchangeTime(commandBytes: 7, responseBytes: 900)
        profile.turnaround = .milliseconds(9)
        #expect(profile.exchangeTime(commandBytes: 7, responseBytes: 900) - before == .milliseconds(5))
        #expect(profile != .contactT1At115200)
    }

    @Test("The layer counts APDUs, bytes each way and modelled time, deterministically; it changes nothing")
    func transportAccount() async throws {
        let script = [
            ("00 A4 04 0C 02 3F 00", "9000"),
            ("00 B0 8A 00 F2", String(repeating: "AB", count: 242) + "9000"),
        ]
        var accounts: [ModelledLinkTransport<ScriptedTransport>.Account] = []
        for _ in 0..<2 {
            let base = ScriptedTransport(script)
            let link = base.modellingLink(.contactlessTypeBAt424k)
            let select = try await link.transmit(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0x3F, 0x00]))
            #expect(select.statusWord == .success)
            let read = try await link.transmit(CommandAPDU(ins: 0xB0, p1: 0x8A, p2: 0x00, ne: 242))
            #expect(read.data == Array(repeating: 0xAB, count: 242))
            base.expectComplete()
            accounts.append(link.account)
        }
        let account = accounts[0]
        #expect(account == accounts[1])
        #expect(account.apdus == 2)
        #expect(account.bytesSent == 7 + 5)
        #expect(account.bytesReceived == 2 + 244)
        let profile = LinkProfile.contactlessTypeBAt424k
        #expect(
            account.modelledTime
                == profile.exchangeTime(commandBytes: 7, responseBytes: 2)
                + profile.exchangeTime(commandBytes: 5, responseBytes: 244))
        #expect(account.milliseconds > 12 && account.milliseconds < 20)
    }

    @Test("A failed exchange is not accounted; resetAccount starts from zero")
    func failureNotCounted() async throws {
        let base = ScriptedTransport(steps: [.failure("00 B0 8A 00 F2", .cardRemoved)])
        let link = ModelledLinkTransport(base, profile: .contactT1At9600)
        await #expect(throws: TransportError.self) {
            try await link.transmit(CommandAPDU(ins: 0xB0, p1: 0x8A, p2: 0x00, ne: 242))
        }
        #expect(link.account == ModelledLinkTransport<ScriptedTransport>.Account())
        link.resetAccount()
        #expect(link.account.apdus == 0)
    }
}
