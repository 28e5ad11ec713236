import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

/// The card-verifiable certificate authorities: the generated J-LIS keys, and the four outcomes for every
/// record (production key, test-hierarchy key, unknown authority, the named key does not verify), under the
/// reporting and the strict policy.
@Suite("Card-verifiable certificate authorities")
struct CardVerifiableAuthorityTests {
    @Test("The generated keys are the authority file's, all six, found by their 16-byte identifier")
    func generatedMatchesTheFile() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/data/cv-ca/authorities.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let entries = try #require(document["authorities"] as? [[String: Any]])
        #expect(CardVerifiableAuthority.known.count == entries.count)
        #expect(entries.count == 6)
        for entry in entries {
            let name = try #require(entry["name"] as? String)
            let identifier = try Hex.decode(try #require(entry["keyIdentifier"] as? String))
            let authority = try #require(CardVerifiableAuthority.known.first { $0.keyIdentifier == identifier }, "\(name)")
            #expect(authority.name == name)
            #expect(CardVerifiableAuthority.name(of: identifier) == name)
            #expect(authority.publicKey.modulus == (try Hex.decode(try #require(entry["modulus"] as? String))))
            #expect(authority.publicKey.publicExponent == [0x01, 0x00, 0x01])
            let hierarchy: CardVerifiableAuthority.Hierarchy = entry["hierarchy"] as? String == "production" ? .production : .testHierarchy
            #expect(authority.hierarchy == hierarchy)
            #expect(name.hasPrefix(hierarchy == .production ? "5" : "6"))
        }
    }

    /// The standard persona behind `authorities` and `policy`; `tamperCV` flips a bit in the surface and text
    /// EF 0004 bodies (the subject key identifier: the issuer key stays intact, so the records still verify).
    static func open(
        authorities: (CardImage) throws -> [CardVerifiableAuthority], policy: CardVerifiableAuthorityPolicy = .report,
        tamperCV: ApplicationIdentifier? = nil
    ) throws -> MyNumberCard {
        let simulator = try SimulatedCard(persona: .standard, now: Simulator.now)
        var transport: any CardTransport = simulator
        if let tamperCV {
            // The subject key identifier is bytes 16…31 of the 5F4E value; its value starts after
            // 7F21 82 02 33 5F4E 82 01 29 (10 bytes).
            transport = TamperingTransport(
                simulator, target: .init(application: tamperCV.bytes, file: 0x0004, offset: 10 + 20, bit: 1))
        }
        return MyNumberCard(
            transport: transport, cardVerifiableAuthorities: try authorities(simulator.image), cardVerifiablePolicy: policy)
    }

    /// Every record of both applets, each with its issuer authentication.
    static func readAll(_ card: MyNumberCard) async throws -> [(String, IssuerAuthentication)] {
        let persona = Persona.standard
        let pinA = try Passcode.pinA(try IndividualNumber(persona.individualNumber), for: .cardFacePINA)
        let textPIN = try Passcode(.cardInfoPIN, persona.credentials?.cardInfoPIN ?? "")
        return [
            ("card face", try await card.cardFace.cardFace(using: pinA).issuerCertificate.authentication),
            ("number image", try await card.cardFace.individualNumberImage(using: pinA).issuerCertificate.authentication),
            (
                "age record",
                try await card.cardFace.ageRecord(using: Passcode.birthDateKey(birthDate: persona.birthDate.card))
                    .issuerCertificate.authentication
            ),
            ("attributes", try await card.cardInfoInputSupport.basicAttributesRecord(using: textPIN).issuerAuthentication),
            ("number", try await card.cardInfoInputSupport.individualNumberRecord(using: textPIN).issuerAuthentication),
        ]
    }

    @Test("The J-LIS keys only (the default): the simulator's authority is unknown; strict refuses every record")
    func unknownAuthority() async throws {
        let outcomes = try await Self.readAll(try Self.open(authorities: { _ in CardVerifiableAuthority.known }))
        for (record, outcome) in outcomes {
            #expect(outcome.status == .unknownAuthority, "\(record)")
            #expect(outcome.authority == nil && !outcome.isVerified)
            #expect(["9000023/001", "9000033/001"].contains(outcome.authorityName), "\(record)")
        }
        #expect(outcomes.first?.1.description == "signed by an unknown authority 9000023/001 (not authenticated)")

        let strict = try Self.open(authorities: { _ in CardVerifiableAuthority.known }, policy: .strict)
        let error = await cardError { try await Self.readAll(strict) }
        #expect(error?.code == .issuerNotAuthenticated)
        #expect(error?.reason.contains("unknown authority 9000023/001") == true)
    }

    @Test("The simulator's hierarchy registered as a test hierarchy: test-hierarchy key; strict refuses")
    func testHierarchy() async throws {
        let outcomes = try await Self.readAll(try Self.open(authorities: { try Simulator.authorities($0) }))
        for (record, outcome) in outcomes {
            #expect(outcome.status == .testHierarchyKey, "\(record)")
            #expect(outcome.isVerified && outcome.authority?.hierarchy == .testHierarchy)
        }
        let strict = try Self.open(authorities: { try Simulator.authorities($0) }, policy: .strict)
        #expect(await cardError { try await Self.readAll(strict) }?.code == .issuerNotAuthenticated)
    }

    @Test("Registered as production: production key; the strict policy accepts every record")
    func productionKey() async throws {
        for policy in [CardVerifiableAuthorityPolicy.report, .strict] {
            let card = try Self.open(authorities: { try Simulator.authorities($0, hierarchy: .production) }, policy: policy)
            for (record, outcome) in try await Self.readAll(card) {
                #expect(outcome.status == .productionKey, "\(record)")
                #expect(outcome.authority?.name == outcome.authorityName)
            }
        }
    }

    @Test("The named authority's key does not verify: a wrong key under the name, or a tampered EF 0004")
    func signatureMismatch() async throws {
        // The right identifiers, the other applet's key.
        let swapped = try Self.open(authorities: { image in
            let real = try Simulator.authorities(image, hierarchy: .production)
            return [
                try CardVerifiableAuthority(
                    name: real[0].name, hierarchy: .production, keyIdentifier: real[0].keyIdentifier, publicKey: real[1].publicKey),
                try CardVerifiableAuthority(
                    name: real[1].name, hierarchy: .production, keyIdentifier: real[1].keyIdentifier, publicKey: real[0].publicKey),
            ]
        })
        for (record, outcome) in try await Self.readAll(swapped) {
            #expect(outcome.status == .signatureMismatch, "\(record)")
            #expect(outcome.authority != nil && !outcome.isVerified)
        }

        // A tampered EF 0004 with the right keys: the card face applet's records report the mismatch, the text
        // applet's are still production.
        let tampered = try Self.open(
            authorities: { try Simulator.authorities($0, hierarchy: .production) }, tamperCV: .cardFaceConfirmation)
        for (record, outcome) in try await Self.readAll(tampered) {
            let isFace = ["card face", "number image", "age record"].contains(record)
            #expect(outcome.status == (isFace ? .signatureMismatch : .productionKey), "\(record)")
        }
        let strict = try Self.open(
            authorities: { try Simulator.authorities($0, hierarchy: .production) }, policy: .strict,
            tamperCV: .cardInfoInputSupport)
        let error = await cardError {
            try await strict.cardInfoInputSupport.basicAttributesRecord(using: Passcode(.cardInfoPIN, "1234"))
        }
        #expect(error?.code == .issuerNotAuthenticated)
        #expect(error?.reason.contains("does not verify") == true)
    }

    @Test("Key identifiers in words: NNNNNNN/GGG, hex for another layout")
    func names() throws {
        #expect(CardVerifiableAuthority.name(of: Simulator.keyIdentifier("6000023")) == "6000023/001")
        #expect(CardVerifiableAuthority.name(of: Array(repeating: 0xAB, count: 16)) == String(repeating: "AB", count: 16))
        #expect(throws: MyNumberCardError.self) {
            try CardVerifiableAuthority(
                name: "x", hierarchy: .production, keyIdentifier: [1, 2, 3],
                publicKey: CardVerifiableAuthority.known[0].publicKey)
        }
    }
}
