import MynaCard
import MynaCodec
import MynaISO7816
import MynaPCSC
import MynaSimulator
import MynaTransport
import MynaVPCD
import Testing

extension PCSCEndToEndTests {
    /// The simulated card through pcscd and vpcd, as separate programs would use it one after another (card
    /// facts §3): what one program verified is there for the next, across SCardDisconnect(LEAVE), a new
    /// connection and SCardDisconnect(RESET); SCardDisconnect(UNPOWER) clears it.
    @Test("simulated card through pcscd: a verified PIN survives disconnect and warm reset, not power-off")
    func simulatedSecurityStatus() async throws {
        let reader = PCSCTestEnvironment.reader
        let context = try await PCSCTestEnvironment.context()
        try await context.waitForRemoval(from: reader, timeout: PCSCTestEnvironment.bound)
        let simulated = try SimulatedCard(persona: .standard)
        let virtualCard = VirtualCardConnection(endpoint: PCSCTestEnvironment.endpoint, card: simulated, atr: simulated.atr)
        let serving = Task { try await virtualCard.run() }
        _ = try await context.waitForCard(in: reader, timeout: PCSCTestEnvironment.bound)

        let selectJPKI = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes)
        let verify = try CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x98, data: Array("1234".utf8))
        let digestInfo = DigestAlgorithm.sha256.digestInfo(hashing: Array("another program".utf8))
        // COMPUTE DIGITAL SIGNATURE with the user-authentication key by SFI, no VERIFY of its own.
        let sign = try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x97, data: digestInfo, ne: 256)

        // The first program verifies the PIN and leaves the card.
        let first = try await context.connect(to: reader)
        #expect(try await first.transmit(selectJPKI).statusWord == .success)
        #expect(try await first.transmit(verify).statusWord == .success)
        try await first.disconnect(.leave)

        // The next program signs without any PIN, then disconnects with a warm reset.
        let second = try await context.connect(to: reader)
        #expect(try await second.transmit(selectJPKI).statusWord == .success)
        #expect(try await second.transmit(sign).statusWord == .success)
        try await second.disconnect(.reset)

        // After the warm reset: still unlocked; this one powers the card down.
        let third = try await context.connect(to: reader)
        #expect(try await third.transmit(selectJPKI).statusWord == .success)
        #expect(try await third.transmit(sign).statusWord == .success)
        try await third.disconnect(.unpower)

        // After the power-off: locked.
        let fourth = try await context.connect(to: reader)
        #expect(try await fourth.transmit(selectJPKI).statusWord == .success)
        #expect(try await fourth.transmit(sign).statusWord == .securityStatusNotSatisfied)
        #expect(simulated.heldSecurityStatus.isEmpty)
        try await fourth.disconnect(.leave)

        await virtualCard.stop()
        try await serving.value
        try await context.waitForRemoval(from: reader, timeout: PCSCTestEnvironment.bound)
    }
}
