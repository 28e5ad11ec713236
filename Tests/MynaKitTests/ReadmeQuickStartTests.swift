import MynaCard
import MynaKit
import MynaSimulator
import MynaTransport
import Testing

/// The README's quick start, line for line, so that it keeps compiling and doing what it says.
@Suite("README quick start")
struct ReadmeQuickStartTests {
    @Test("The quick start reads the certificate and the attributes and passes the PIN-mode check")
    func quickStart() async throws {
        let transport = try SimulatedCard(persona: .standard).normalizingResponses()
        let card = MyNumberCard(transport: transport)
        let certificate = try await card.jpki.authenticationCertificate()  // no PIN needed
        let pin = try Passcode(.cardInfoPIN, "1234")  // format checked here
        let attributes = try await card.cardInfoInputSupport.basicAttributes(using: pin)
        let check = QualificationCheck(card: card, faceFailures: InMemoryFaceFailureStore())
        let outcome = try await check.run(.pin(try Passcode(.userAuthenticationPIN, "1234"), challenge: Array("nonce".utf8)))

        #expect(attributes.name.full.displayForm == Persona.standard.name.family + "\u{3000}" + Persona.standard.name.given)
        #expect(outcome.result.mode == .pin)
        #expect(outcome.result.signature?.challenge == Array("nonce".utf8))
        #expect(outcome.result.certificate.derEncoded == certificate.derEncoded)
    }
}
