import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// One flipped bit in any signed file (or in a signature the card returns) makes the check fail; the good
/// data passes (the persona tests).
@Suite struct SimulatorTamperingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let application: ApplicationIdentifier
        let file: UInt16
        /// Offset from the end of the file's content (negative) or from its start.
        let offset: Int
        let expected: MyNumberCardError.Code
        var testDescription: String { name }
    }

    /// Where the files' data objects are, in the standard persona's image.
    static let cases: [Case] = [
        Case(name: "DF28 card face signature", application: .cardFaceConfirmation, file: 0x0002, offset: 0xDF28, expected: .signatureInvalid),
        Case(name: "DF27 face photo", application: .cardFaceConfirmation, file: 0x0002, offset: 0xDF27, expected: .signatureInvalid),
        Case(name: "DF22 birth date", application: .cardFaceConfirmation, file: 0x0002, offset: 0xDF22, expected: .signatureInvalid),
        Case(name: "DF24 card key", application: .cardFaceConfirmation, file: 0x0002, offset: 0xDF24, expected: .signatureInvalid),
        Case(name: "DF25 name image", application: .cardFaceConfirmation, file: 0x0002, offset: 0xDF25, expected: .signatureInvalid),
        Case(name: "surface 0004 CV signature", application: .cardFaceConfirmation, file: 0x0004, offset: 0x5F37, expected: .issuerNotAuthenticated),
        Case(name: "surface 0004 CV issuer key", application: .cardFaceConfirmation, file: 0x0004, offset: 0x5F4E, expected: .issuerNotAuthenticated),
        Case(name: "DF13 age record signature", application: .cardFaceConfirmation, file: 0x0001, offset: 0xDF13, expected: .signatureInvalid),
        Case(name: "DF11 age record date", application: .cardFaceConfirmation, file: 0x0001, offset: 0xDF11, expected: .signatureInvalid),
        Case(name: "DF43 number image signature", application: .cardFaceConfirmation, file: 0x0005, offset: 0xDF43, expected: .signatureInvalid),
        Case(name: "DF41 number image", application: .cardFaceConfirmation, file: 0x0005, offset: 0xDF41, expected: .signatureInvalid),
        Case(name: "DF33 integrity signature", application: .cardInfoInputSupport, file: 0x0003, offset: 0xDF33, expected: .signatureInvalid),
        Case(name: "DF31 number hash", application: .cardInfoInputSupport, file: 0x0003, offset: 0xDF31, expected: .signatureInvalid),
        Case(name: "DF32 attributes hash", application: .cardInfoInputSupport, file: 0x0003, offset: 0xDF32, expected: .signatureInvalid),
        Case(name: "number file digits", application: .cardInfoInputSupport, file: 0x0001, offset: -8, expected: .integrityCheckFailed),
        Case(name: "number file filler", application: .cardInfoInputSupport, file: 0x0001, offset: -1, expected: .integrityCheckFailed),
        Case(name: "DF23 address", application: .cardInfoInputSupport, file: 0x0002, offset: 0xDF23, expected: .integrityCheckFailed),
        Case(name: "DF25 sex", application: .cardInfoInputSupport, file: 0x0002, offset: 0xDF25, expected: .integrityCheckFailed),
        Case(name: "text 0004 CV signature", application: .cardInfoInputSupport, file: 0x0004, offset: 0x5F37, expected: .issuerNotAuthenticated),
        Case(name: "DF52 card key signature", application: .cardInfoInputSupport, file: 0x0007, offset: 0xDF52, expected: .signatureInvalid),
        Case(name: "DF51 card key", application: .cardInfoInputSupport, file: 0x0007, offset: 0xDF51, expected: .signatureInvalid),
    ]

    /// The offset in the file of the last byte of the value of data object `tag` (or from the end).
    static func byteOffset(_ image: CardImage, _ item: Case) throws -> Int {
        let bytes = try #require(image.fileContent(application: item.application, file: FileIdentifier(item.file)))
        if item.offset < 0 {
            let length = item.file == 0x0001 && item.application == .cardInfoInputSupport ? 17 : bytes.count
            return length + item.offset
        }
        let outer = try #require(try BERTLV.parseFile(bytes).nodes.first)
        let tag = BERTag(UInt32(item.offset))
        let node = try #require(outer.child(tag))
        return node.value.endIndex - 1
    }

    static func read(_ item: Case, card: MyNumberCard, persona: Persona) async throws {
        let pinA = try Passcode.pinA(try IndividualNumber(persona.individualNumber), for: .cardFacePINA)
        switch (item.application, item.file) {
        case (.cardFaceConfirmation, 0x0001):
            _ = try await card.cardFace.ageRecord(using: Passcode.birthDateKey(birthDate: persona.birthDate.card))
        case (.cardFaceConfirmation, 0x0005):
            _ = try await card.cardFace.individualNumberImage(using: pinA)
        case (.cardFaceConfirmation, _):
            _ = try await card.cardFace.cardFace(using: pinA)
        case (.cardInfoInputSupport, 0x0007):
            _ = try await card.cardInfoInputSupport.cardKey(using: Passcode(.cardInfoPIN, "1234"))
        case (.cardInfoInputSupport, _):
            _ = try await card.cardInfoInputSupport.cardInfo(using: Passcode(.cardInfoPIN, "1234"))
        default:
            Issue.record("no reader for \(item.name)")
        }
    }

    @Test(arguments: cases)
    func oneFlippedBitFails(_ item: Case) async throws {
        let persona = Persona.standard
        let simulator = try SimulatedCard(persona: persona, now: Simulator.now)
        let offset = try Self.byteOffset(simulator.image, item)
        let tampering = TamperingTransport(
            simulator, target: .init(application: item.application.bytes, file: item.file, offset: offset, bit: 2))
        // The simulator's authorities trusted as production, strictly: an EF 0004 they do not verify fails.
        let card = MyNumberCard(
            transport: tampering,
            cardVerifiableAuthorities: try Simulator.authorities(simulator.image, hierarchy: .production),
            cardVerifiablePolicy: .strict)
        let error = await cardError { try await Self.read(item, card: card, persona: persona) }
        #expect(tampering.tamperedCount == 1)
        #expect(error?.code == item.expected, "\(String(describing: error))")

        // The same read on the untouched card succeeds.
        let clean = MyNumberCard(
            transport: try SimulatedCard(persona: persona, now: Simulator.now),
            cardVerifiableAuthorities: try Simulator.authorities(simulator.image, hierarchy: .production),
            cardVerifiablePolicy: .strict)
        try await Self.read(item, card: clean, persona: persona)
    }

    @Test func withoutTrustedAuthoritiesATamperedCVIssuerKeyStillFailsTheRecords() async throws {
        let persona = Persona.standard
        let simulator = try SimulatedCard(persona: persona, now: Simulator.now)
        let item = Case(name: "surface 0004 issuer key", application: .cardFaceConfirmation, file: 0x0004, offset: 0x5F4E, expected: .signatureInvalid)
        let tampering = TamperingTransport(
            simulator, target: .init(application: item.application.bytes, file: 0x0004, offset: try Self.byteOffset(simulator.image, item), bit: 2))
        let card = MyNumberCard(transport: tampering)
        let error = await cardError { try await Self.read(item, card: card, persona: persona) }
        #expect(error?.code == .signatureInvalid)
        // An even modulus is not an RSA key: a malformed file.
        let even = TamperingTransport(
            try SimulatedCard(persona: persona, now: Simulator.now),
            target: .init(application: item.application.bytes, file: 0x0004, offset: try Self.byteOffset(simulator.image, item), bit: 0))
        let evenError = await cardError { try await Self.read(item, card: MyNumberCard(transport: even), persona: persona) }
        #expect(evenError?.code == .malformedFile)
    }

    @Test func aTamperedJPKISignatureIsNotHandedBack() async throws {
        let simulator = try SimulatedCard(persona: .standard, now: Simulator.now)
        let card = MyNumberCard(transport: TamperingTransport(simulator, target: nil, tamperSignatures: true))
        let error = await cardError {
            try await card.jpki.sign(message: [1, 2, 3], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(error?.code == .signatureInvalid)
        let signatureError = await cardError {
            try await card.jpki.sign(message: [1, 2, 3], key: .signature, passcode: Passcode(.signaturePassword, "ABC123"))
        }
        #expect(signatureError?.code == .signatureInvalid)
    }

    @Test func aCopyOfTheFilesCannotProvePresence() async throws {
        // The card key comes from the real card's verified record; the "copy" answers with another key.
        let original = MyNumberCard(transport: try SimulatedCard(persona: .standard, now: Simulator.now))
        let key = try await original.cardFace.cardFace(using: Passcode(.cardFacePINA, Persona.standard.individualNumber)).cardKey
        let copy = MyNumberCard(transport: try SimulatedCard(persona: .gaijiName, now: Simulator.now))
        let error = await cardError { try await copy.proveCardPresence(with: key) }
        #expect(error?.code == .signatureInvalid)
        // And a tampered answer from the right card fails too.
        let tampered = MyNumberCard(
            transport: TamperingTransport(try SimulatedCard(persona: .standard, now: Simulator.now), target: nil, tamperSignatures: true))
        let tamperedError = await cardError { try await tampered.proveCardPresence(with: key) }
        #expect(tamperedError?.code == .signatureInvalid)
        #expect(try await original.proveCardPresence(with: key).signature.count == 256)
    }
}
