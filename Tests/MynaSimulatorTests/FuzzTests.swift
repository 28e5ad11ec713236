import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

@Suite("Fuzzing the card with arbitrary bytes")
struct FuzzTests {
    @Test("any input gets a response of at least a status word, and the card keeps working", arguments: [1, 2, 3, 4])
    func randomInput(seed: UInt64) throws {
        let card = try SimulatedCard(persona: seed == 4 ? .faceAuthentication : .standard, faults: FaultInjection(answersLikeT0: seed == 3))
        var generator = SplitMix64(state: seed)
        let interesting: [UInt8] = [0x00, 0x80, 0xA4, 0xB0, 0xB2, 0x20, 0x24, 0x2A, 0x84, 0xC0, 0xFF, 0x0C, 0x04, 0x02]
        for _ in 0..<3000 {
            let count = Int.random(in: 0...300, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Bias towards real headers so that deep paths are reached.
            if count >= 4, Bool.random(using: &generator) {
                bytes[0] = Bool.random(using: &generator) ? 0x00 : 0x80
                bytes[1] = interesting.randomElement(using: &generator) ?? 0xA4
            }
            if count >= 5, Int.random(in: 0..<4, using: &generator) == 0 {
                bytes[4] = UInt8(truncatingIfNeeded: count - 5)
            }
            if Int.random(in: 0..<10, using: &generator) == 0 {
                let applets: [ApplicationIdentifier] = [
                    .jpki, .cardInfoInputSupport, .cardFaceConfirmation, .commonCard, .residentRegistry,
                ]
                _ = try card.send(APDU.select(applets.randomElement(using: &generator) ?? .jpki))
            }
            let response = try card.respond(to: bytes)
            #expect(response.count >= 2)
            #expect(response.count <= 65538)
        }
        // The card still works after all that.
        try card.open(.jpki, JPKIFile.certificatePresence)
        #expect(try card.send(APDU.readBinary(le: 3)).sw == 0x9000)
    }
}
