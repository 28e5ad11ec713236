import Logging
import MynaCard
import MynaSimulator
import Synchronization
import Testing

/// No personal value and no PIN appears in logs, error descriptions or value descriptions.
@Suite struct PrivacyTests {
    static func secrets(of persona: Persona) -> [String] {
        var values = [
            persona.individualNumber, persona.name.family, persona.name.given, persona.address, persona.birthDate.compactDigits,
            persona.pinB, persona.birthDateKey, persona.securityCode,
        ]
        if let credentials = persona.credentials {
            values += [credentials.authenticationPIN, credentials.signaturePassword, credentials.cardInfoPIN]
        }
        return values
    }

    @Test(arguments: [Persona.standard, .gaijiName])
    func logsAndDescriptionsHoldNoPersonalValues(_ persona: Persona) async throws {
        let capture = LogStore()
        let simulator = try SimulatedCard(persona: persona, now: Simulator.now)
        let card = MyNumberCard(transport: simulator, logger: capture.logger)
        let credentials = try #require(persona.credentials)
        let pin = try Passcode(.cardInfoPIN, credentials.cardInfoPIN)
        var descriptions: [String] = []

        let info = try await card.cardInfoInputSupport.cardInfo(using: pin)
        descriptions += ["\(info)", "\(info.basicAttributes)", "\(info.individualNumber)", "\(info.basicAttributes.name)",
            "\(info.basicAttributes.address)", String(reflecting: info), "\(pin)"]
        var dumped = ""
        dump(info, to: &dumped)
        descriptions.append(dumped)

        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINA, persona.individualNumber))
        descriptions += ["\(face)", String(reflecting: face)]
        let identity = try await card.commonCard.cardIdentity()
        descriptions += ["\(identity)"]
        let certificate = try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, credentials.signaturePassword))
        descriptions += ["\(certificate)"]
        var dumpedCertificate = ""
        dump(certificate, to: &dumpedCertificate)
        descriptions.append(dumpedCertificate)

        // Errors: a wrong PIN, a wrong password, a wrong PIN-B.
        for error in [
            await anyError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "0000")) },
            await anyError { try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, "WRONGPW1")) },
            await anyError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, "60072399999999")) },
            await anyError { try Passcode(.cardInfoPINA, persona.individualNumber.dropLast() + "0") },
        ] {
            let error = try #require(error)
            descriptions += ["\(error)", String(reflecting: error)]
        }

        let everything = descriptions.joined(separator: "\n") + "\n" + capture.text
        #expect(!capture.text.isEmpty)
        for secret in Self.secrets(of: persona) {
            #expect(!everything.contains(secret), "\(persona.identifier): a personal value or secret leaked")
        }
        #expect(!everything.contains("WRONGPW1"))
        #expect(!everything.contains("60072399999999"))
    }

    @Test func logsStayAtDebugAndTrace() async throws {
        let capture = LogStore()
        let card = MyNumberCard(transport: try SimulatedCard(persona: .standard, now: Simulator.now), logger: capture.logger)
        _ = try await card.jpki.tokenInfo()
        _ = await anyError { try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, "WRONG12")) }
        let levels = capture.lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(!levels.isEmpty)
        #expect(levels.allSatisfy { $0 == "debug" || $0 == "trace" })
    }
}
