import MynaCard
import MynaISO7816
import MynaCodec
import Testing

@Suite struct CardFaceReaderTests {
    static let pinB = "60072320354821"

    @Test func cardFaceWithPINB() async throws {
        let keys = try TestKeys.shared()
        let (card, fake, _) = try makeTestCard(authorities: [keys.cvAuthority.publicKey])
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB))
        #expect(face.birthDate == CalendarDate(constant: 1985, 7, 23))
        #expect(face.sex == .female)
        #expect(face.cardExpiry == CalendarDate(constant: 2035, 7, 23))
        #expect(face.facePhoto == TestCardBuilder.jp2)
        #expect(face.nameImage == TestCardBuilder.png + [1])
        #expect(face.addressImage == TestCardBuilder.png + [2])
        #expect(face.securityCodeImage == TestCardBuilder.png + [3])
        #expect(face.cardKey.publicKey == keys.card.publicKey)
        #expect(face.cardKey.isIssuerKeyAuthenticated)
        #expect(face.issuerCertificate.isAuthenticated)
        #expect(beforeLogOut(fake.commands).count == 6)
        #expect(logOutSelects(fake.commands).first?.data == ApplicationIdentifier.issuerSecurityDomain.bytes)
    }

    @Test func signatureCoversTheThreeGroupsOnly() async throws {
        let keys = try TestKeys.shared()
        // DF29 and DF2A are outside the signature: another expiry still verifies.
        let (card, _, _) = try makeTestCard { $0.persona.cardExpiry = "20360101" }
        let builder = TestCardBuilder(keys: keys)
        let original = try builder.cardFace()
        var other = builder
        other.persona.cardExpiry = "20360101"
        let changed = try other.cardFace()
        let signature = { (bytes: [UInt8]) throws -> [UInt8] in
            let node = try BERTLV.parseSingle(bytes[...])
            return Array(try #require(node.child(BERTag(0xDF28))).value)
        }
        #expect(try signature(original) == signature(changed))
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, "60072320364821"))
        #expect(face.cardExpiry == CalendarDate(constant: 2036, 1, 1))
    }

    @Test(arguments: [0, 64, 200, 255])
    func aFlippedBitInDF28Fails(_ index: Int) async throws {
        let keys = try TestKeys.shared()
        let builder = TestCardBuilder(keys: keys)
        let good = try builder.cardFace()
        let node = try BERTLV.parseSingle(good[...])
        let df28 = try #require(node.child(BERTag(0xDF28)))
        let tampered = try builder.cardFace(signature: flippingBit(Array(df28.value), at: index))
        let (card, fake, _) = try makeTestCard()
        fake.setFile(TestCardBuilder.faceAID, 0x0002, .transparent(TestCardBuilder.filled(tampered, to: 8192)))
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func aFlippedBitInThePhotoFails() async throws {
        let builder = TestCardBuilder(keys: try TestKeys.shared())
        let good = try builder.cardFace()
        let photoStart = try #require(try BERTLV.parseSingle(good[...]).child(BERTag(0xDF27))).value.startIndex
        let (card, fake, _) = try makeTestCard()
        fake.setFile(TestCardBuilder.faceAID, 0x0002, .transparent(flippingBit(good, at: photoStart + 300, bit: 5)))
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func theSignatureIsByTheIssuerKeyNotTheCardKey() async throws {
        // A record signed with DF24's own key (the card key) is not valid: the signer is the CV-certified key.
        let keys = try TestKeys.shared()
        let builder = TestCardBuilder(keys: keys)
        let good = try builder.cardFace()
        let node = try BERTLV.parseSingle(good[...])
        var payload = DigestAlgorithm.cardFaceDigestInfoPrefix
        for group in [[0xDF22, 0xDF23, 0xDF24], [0xDF25, 0xDF26], [0xDF27]] as [[UInt32]] {
            var bytes: [UInt8] = []
            for tag in group { bytes += try #require(node.child(BERTag(tag))).encoded }
            payload += DigestAlgorithm.sha256.hash(bytes)
        }
        let byCardKey = try builder.cardFace(signature: try keys.card.sign(payload: payload))
        let (card, fake, _) = try makeTestCard()
        fake.setFile(TestCardBuilder.faceAID, 0x0002, .transparent(byCardKey))
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .signatureInvalid)
        // A fourth hash (of DF28's neighbours) is not part of the rule: the three-hash payload is what verifies.
        #expect(keys.issuer.publicKey.isValidSignature(try keys.issuer.sign(payload: payload), forPayload: payload))
    }

    static let malformedFaces: [[UInt8]] = {
        let b = { (t: UInt32, v: [UInt8]) in TestCardBuilder.tlv(t, v) }
        let date = b(0xDF22, Array("19850723".utf8))
        let sex = b(0xDF23, Array("2".utf8))
        let key = b(0xDF24, [0x90, 0x01, 0x03])
        let images = [b(0xDF25, [1]), b(0xDF26, [2]), b(0xDF27, [3]), b(0xDF28, [UInt8](repeating: 0, count: 256))]
        let tail = [b(0xDF29, Array("20350723".utf8)), b(0xDF2A, [4])]
        return [
            TestCardBuilder.recordWithOffsets(0xFF20, tableTag: 0xDF21, children: [date, sex] + images + tail),  // no DF24
            TestCardBuilder.tlv(0xFF20, ([date, sex, key] + images + tail).flatMap { $0 }),  // no offset table
            Array(TestCardBuilder.recordWithOffsets(0xFF20, tableTag: 0xDF21, children: [date, sex, key] + images + tail).dropLast(3)),
            TestCardBuilder.tlv(0xFF10, [0xDF, 0x22, 0x00]),  // wrong record
            [0xFF, 0x20, 0x80, 0x00, 0x00],  // indefinite length
        ]
    }()

    @Test(arguments: malformedFaces)
    func malformedCardFacesAreTypedErrors(_ file: [UInt8]) async throws {
        let (card, fake, _) = try makeTestCard()
        fake.setFile(TestCardBuilder.faceAID, 0x0002, .transparent(TestCardBuilder.filled(file, to: 8192)))
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .malformedFile)
    }

    @Test func ageRecordAndNumberImage() async throws {
        let keys = try TestKeys.shared()
        let (card, _, _) = try makeTestCard()
        let age = try await card.cardFace.ageRecord(using: Passcode.birthDateKey(birthDate: CalendarDate(constant: 1985, 7, 23)))
        #expect(age.birthDate == CalendarDate(constant: 1985, 7, 23))
        #expect(age.cardKey.publicKey == keys.card.publicKey)
        let image = try await card.cardFace.individualNumberImage(using: Passcode(.cardFacePINA, "901234567893"))
        #expect(image.image == TestCardBuilder.png + [4])
        #expect(image.cardKey.source.rawValue == 0x0005)
        let info = try await card.cardFace.basicInfo()
        #expect(info.municipalityCode == "13101")
        #expect(info.appletInformation == [0x06, 0x03, 0x0E, 0x01])
    }

    @Test func credentialsAreCheckedBeforeSending() async throws {
        let (card, fake, _) = try makeTestCard()
        let numberImage = await cardError { try await card.cardFace.individualNumberImage(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(numberImage?.code == .credentialNotAccepted)
        let age = await cardError { try await card.cardFace.ageRecord(using: Passcode(.cardFacePINA, "901234567893")) }
        #expect(age?.code == .credentialNotAccepted)
        let textPIN = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardInfoPINB, Self.pinB)) }
        #expect(textPIN?.code == .credentialNotAccepted)
        #expect(fake.commands.isEmpty)
    }

    @Test func wrongPINBReportsTheTriesLeft() async throws {
        let (card, fake, _) = try makeTestCard()
        let wrong = try Passcode.pinB(
            birthDate: CalendarDate(constant: 1985, 7, 23), cardExpiryYear: 2035, securityCode: "0000", for: .cardFacePINB)
        let error = await cardError { try await card.cardFace.cardFace(using: wrong) }
        #expect(error?.code == .wrongCredential)
        #expect(error?.retriesRemaining == 9)
        #expect(error?.credential == .cardFacePINB)
        #expect(fake.tries(TestCardBuilder.faceAID, 0x0012) == 9)
    }

    @Test func presenceWithTheCardFaceKey() async throws {
        let keys = try TestKeys.shared()
        let (card, fake, _) = try makeTestCard()
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB))
        let proof = try await card.proveCardPresence(with: face.cardKey)
        #expect(keys.card.publicKey.isValidSignature(proof.signature, forSHA256Of: proof.challenge))
        // A card whose chip has another key (a copy of the files) fails.
        fake.state.withLock { $0.applets[TestCardBuilder.faceAID]?.cardKey = keys.authentication }
        let error = await cardError { try await card.proveCardPresence(with: face.cardKey) }
        #expect(error?.code == .signatureInvalid)
        // Two proofs use different challenges.
        fake.state.withLock { $0.applets[TestCardBuilder.faceAID]?.cardKey = keys.card }
        let second = try await card.proveCardPresence(with: face.cardKey)
        #expect(second.challenge != proof.challenge)
    }
}
