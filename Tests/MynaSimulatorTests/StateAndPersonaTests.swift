import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

@Suite("State files and personas")
struct StateAndPersonaTests {
    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("myna-sim-\(UUID().uuidString).json")
    }

    @Test("a locked PIN stays locked across a restart from the state file")
    func lockedAcrossRestart() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let first = try SimulatedCard.persistent(stateFile: url, persona: .standard)
        try first.open(.jpki, JPKIFile.authenticationPIN)
        for expected: UInt16 in [0x63C2, 0x63C1, 0x63C0] {
            #expect(try first.send(APDU.verify("9999")).sw == expected)
        }
        try first.open(.cardInfoInputSupport, CardInfoInputSupportFile.pin)
        #expect(try first.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try first.send(APDU.change("7777")).sw == 0x9000)

        let second = try SimulatedCard.persistent(stateFile: url, persona: .faceAuthentication)
        #expect(second.image.persona == .standard, "the state file's persona wins")
        try second.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try second.send(APDU.emptyVerify()).sw == 0x63C0)
        #expect(try second.send(APDU.verify("1234")).sw == 0x6984)
        try second.open(.cardInfoInputSupport, CardInfoInputSupportFile.pin)
        #expect(try second.send(APDU.verify("7777")).sw == 0x9000)
        #expect(second.image.authenticationCertificate == first.image.authenticationCertificate)

        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("state round-trips through JSON; its description hides changed PINs")
    func stateJSON() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(APDU.change("8642")).sw == 0x9000)
        let state = card.state
        let decoded = try JSONDecoder().decode(SimulatedCardState.self, from: try JSONEncoder().encode(state))
        #expect(decoded == state)
        #expect(!state.description.contains("8642"))
        let restored = try SimulatedCard(state: decoded)
        try restored.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try restored.send(APDU.verify("8642")).sw == 0x9000)
    }

    @Test("a damaged state file is a typed error")
    func damagedState() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{not json".utf8).write(to: url)
        #expect(throws: SimulatorError(.stateFile, "")) { try SimulatedCardState(contentsOf: url) }
    }

    @Test("PIN-B and the birth-date key use the Japanese era", arguments: [
        ("1980-02-17", "2035-02-17", "2285", "55021720352285"),  // the facts document's example
        ("1989-01-07", "2030-01-07", "0000", "64010720300000"),  // last day of Shōwa
        ("1989-01-08", "2030-01-08", "1111", "01010820301111"),  // Heisei 1
        ("2019-04-30", "2029-04-30", "2222", "31043020292222"),  // last day of Heisei
        ("2019-05-01", "2029-05-01", "3333", "01050120293333"),  // Reiwa 1
    ])
    func pinB(birth: String, expiry: String, code: String, expected: String) throws {
        var persona = Persona.standard
        persona.birthDate = try CalendarDate(parsing: birth)
        persona.issueDate = try CalendarDate(parsing: "2025-01-01")
        persona.cardExpiry = try CalendarDate(parsing: expiry)
        persona.securityCode = code
        #expect(persona.pinB == expected)
        #expect(persona.birthDateKey == String(expected.prefix(6)))
        let card = try SimulatedCard(persona: persona)
        try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.pinB)
        #expect(try card.send(APDU.verify(expected)).sw == 0x9000)
    }

    @Test("card expiry: 10th birthday after issuance for adults, 5th under 18")
    func cardExpiry() throws {
        #expect(Persona.standard.effectiveCardExpiry == (try CalendarDate(parsing: "2034-07-23")))
        #expect(Persona.child.effectiveCardExpiry == (try CalendarDate(parsing: "2029-08-08")))
        #expect(!Persona.child.hasSignatureCertificate)
    }

    @Test("the built-in individual numbers have valid check digits")
    func checkDigits() throws {
        for persona in Persona.builtIns {
            let digits = persona.individualNumber
            #expect(Persona.individualNumberCheckDigit(for: String(digits.prefix(11))) == digits.last?.wholeNumberValue)
        }
        #expect(Persona.individualNumberCheckDigit(for: "12345") == nil)
    }

    @Test("personas by name; unknown names are a typed error")
    func named() throws {
        #expect(Persona.builtInNames.count == Set(Persona.builtInNames).count)
        for name in Persona.builtInNames {
            #expect(try Persona.named(name).identifier == name)
            _ = try CardImage(persona: try Persona.named(name))
        }
        #expect(throws: SimulatorError(.unknownPersona, "")) { try Persona.named("nobody") }
    }

    @Test("invalid personas are rejected with a reason that does not echo secrets")
    func invalidPersonas() throws {
        var persona = Persona.standard
        persona.credentials?.authenticationPIN = "12345"
        #expect(throws: SimulatorError(.invalidPersona, "")) { try persona.validate() }
        do {
            try persona.validate()
        } catch {
            #expect(!error.reason.contains("12345"))
        }
        persona = .faceAuthentication
        persona.credentials = .init(pin: "1234", signaturePassword: "ABC123")
        #expect(throws: SimulatorError(.invalidPersona, "")) { try persona.validate() }
        persona = .standard
        persona.individualNumber = "12345678901X"
        #expect(throws: SimulatorError(.invalidPersona, "")) { try CardImage(persona: persona) }
        #expect(throws: SimulatorError(.invalidPersona, "")) { try MynaSimulator.CalendarDate(year: 2023, month: 2, day: 29) }
        #expect(!Persona.standard.description.contains("見本"))
    }

    @Test("a persona is Codable (JSON) and builds the same card again")
    func personaJSON() throws {
        let data = try JSONEncoder().encode(Persona.gaijiName)
        let decoded = try JSONDecoder().decode(Persona.self, from: data)
        #expect(decoded == .gaijiName)
        #expect(String(decoding: data, as: UTF8.self).contains("\"1975-01-07\""))
    }

    @Test("the gaiji name is stored as UTF-8 (𠮷 = F0 A0 AE B7)")
    func gaiji() throws {
        let card = try SimulatedCard(persona: .gaijiName)
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(APDU.verify(Persona.gaijiName.pinB, p2: 0x95)).sw == 0x9000)
        let file = try card.readWhole(CardInfoInputSupportFile.basicAttributes).data
        let name = try FlatTLV.file(file).children.first(0xDF22)
        #expect(Array(name.value.prefix(4)) == [0xF0, 0xA0, 0xAE, 0xB7])
    }
}

@Suite("Documented persona values")
struct DocumentedPersonaTests {
    @Test("Documentation/simulator.md's table matches the personas")
    func table() {
        #expect(Persona.standard.pinB == "60072320344821")
        #expect(Persona.standard.birthDateKey == "600723")
        #expect(Persona.faceAuthentication.pinB == "25110320331357")
        #expect(Persona.faceAuthentication.birthDateKey == "251103")
    }
}
