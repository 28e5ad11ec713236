import MynaCard
import MynaISO7816
import MynaSimulator
import Testing

@Suite("Which applications a card holds")
struct ApplicationPresenceTests {
    @Test(
        "isPresent answers per persona: a card holds all five, a phone token only JPKI, an old Juki card no text/surface/common",
        arguments: [
            ("standard", [true, true, true, true, true]),
            ("smartphoneAndroid", [true, false, false, false, false]),
            ("oldJukiCard", [true, false, false, false, true]),
        ])
    func presence(persona name: String, expected: [Bool]) async throws {
        let persona = try Persona.named(name)
        let card = MyNumberCard(transport: try SimulatedCard(persona: persona, now: Simulator.now))
        var present: [Bool] = []
        for application in MyNumberCard.applications { present.append(try await card.isPresent(application)) }
        #expect(present == expected)
    }
}
