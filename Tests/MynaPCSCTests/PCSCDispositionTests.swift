import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaPCSC
import MynaSimulator
import MynaTransport
import MynaVPCD
import Testing

/// A connection that verified a PIN powers the card off when it closes; one that did not leaves it. Run in
/// the serialized end-to-end suite (the same virtual reader).
extension PCSCEndToEndTests {
    /// A simulated standard card in the virtual reader.
    struct InsertedSimulator {
        let virtualCard: VirtualCardConnection
        let serving: Task<Void, any Error>

        static func insert(context: PCSCContext) async throws -> InsertedSimulator {
            try await context.waitForRemoval(from: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
            let card = try SimulatedCard(persona: .standard, now: Date(timeIntervalSince1970: 1_768_478_400))
            let virtualCard = VirtualCardConnection(endpoint: PCSCTestEnvironment.endpoint, card: card, atr: SimulatedCard.defaultATR)
            let serving = Task { try await virtualCard.run() }
            _ = try await context.waitForCard(in: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
            return InsertedSimulator(virtualCard: virtualCard, serving: serving)
        }

        func remove(context: PCSCContext) async throws {
            await virtualCard.stop()
            try await serving.value
            try await context.waitForRemoval(from: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
        }
    }

    static var selectJPKI: CommandAPDU {
        get throws { try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes) }
    }
    static var selectPIN: CommandAPDU { get throws { try CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x00, 0x18]) } }
    static var verifyPIN: CommandAPDU { get throws { try CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: Array("1234".utf8)) } }
    static var emptyVerify: CommandAPDU { get throws { try CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80) } }

    /// COMPUTE DIGITAL SIGNATURE with the user-authentication key by SFI, on the card as the last connection
    /// left it — no SELECT first, so that only the card's state decides.
    static func signsWithoutPIN(_ context: PCSCContext) async throws -> Bool {
        let attacker = try await context.connect(to: PCSCTestEnvironment.reader)
        let digestInfo = DigestAlgorithm.sha256.digestInfo(hashing: Array("attack".utf8))
        let response = try await attacker.transmit(
            CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x97, data: digestInfo, ne: 256))
        #expect(await !attacker.hasVerifiedCredential)
        try await attacker.disconnect(.leave)
        return response.statusWord == .success && response.data.count == 256
    }

    @Test("a connection that verified a PIN unpowers the card when closed; SCARD_LEAVE_CARD would hand the key on")
    func verifiedConnectionUnpowers() async throws {
        let context = try await PCSCTestEnvironment.context()
        let inserted = try await InsertedSimulator.insert(context: context)

        // Counter reads only: nothing verified, the card is left as it is.
        let reader = try await context.connect(to: PCSCTestEnvironment.reader)
        #expect(try await reader.transmit(try Self.selectJPKI).statusWord == .success)
        #expect(try await reader.transmit(try Self.selectPIN).statusWord == .success)
        _ = try await reader.transmit(try Self.emptyVerify)
        #expect(await !reader.hasVerifiedCredential)
        try await reader.disconnect()

        // The danger: verified, then closed leaving the card — the next client signs without the PIN.
        let careless = try await context.connect(to: PCSCTestEnvironment.reader)
        #expect(try await careless.transmit(try Self.selectJPKI).statusWord == .success)
        #expect(try await careless.transmit(try Self.selectPIN).statusWord == .success)
        #expect(try await careless.transmit(try Self.verifyPIN).statusWord == .success)
        try await careless.disconnect(.leave)
        #expect(try await Self.signsWithoutPIN(context), "the control: a verified card left powered signs")

        // The default: verified, so the close powers the card off.
        let careful = try await context.connect(to: PCSCTestEnvironment.reader)
        #expect(try await careful.transmit(try Self.selectJPKI).statusWord == .success)
        #expect(try await careful.transmit(try Self.selectPIN).statusWord == .success)
        #expect(try await careful.transmit(try Self.verifyPIN).statusWord == .success)
        #expect(await careful.hasVerifiedCredential)
        try await careful.disconnect()
        #expect(try await !Self.signsWithoutPIN(context))

        // MyNumberCard over PC/SC: signing logs out inside its transaction, and the close unpowers.
        let connection = try await context.connect(to: PCSCTestEnvironment.reader)
        let card = MyNumberCard(transport: connection.normalizingResponses())
        let signature = try await card.jpki.sign(
            message: [1, 2, 3], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        #expect(signature.signature.count == 256)
        #expect(try await !Self.signsWithoutPIN(context), "logged out before the transaction ended")
        #expect(await connection.hasVerifiedCredential)
        try await connection.disconnect()
        #expect(try await !Self.signsWithoutPIN(context))

        try await inserted.remove(context: context)
    }
}
