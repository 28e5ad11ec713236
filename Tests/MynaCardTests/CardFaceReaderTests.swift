import MynaCard
import MynaISO7816
import MynaSimulator
import MynaCodec
import Testing

@Suite struct CardFaceReaderTests {
    /// The standard persona's PIN-B: born 1985-07-23 (Shōwa 60), card expiry 2034, security code 4821.
    static let pinB = "60072320344821"

    @Test func cardFaceWithPINB() async throws {
        let (card, sim, image) = try makeTestCard(authorities: .simulator)
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB))
        #expect(face.birthDate == CalendarDate(constant: 1985, 7, 23))
        #expect(face.sex == .female)
        #expect(face.cardExpiry == CalendarDate(constant: 2034, 7, 23))
        #expect(face.facePhoto == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF27)))
        #expect(face.nameImage == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF25)))
        #expect(face.addressImage == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF26)))
        #expect(face.securityCodeImage == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF2A)))
        #expect(face.cardKey.publicKey == (try CardRSAPublicKey(image.cardPublicKey)))
        #expect(face.cardKey.isIssuerKeyAuthenticated)
        #expect(face.issuerCertificate.isAuthenticated)
        #expect(beforeLogOut(sim.commands).count == 6)
        #expect(logOutSelects(sim.commands).first?.data == ApplicationIdentifier.issuerSecurityDomain.bytes)
    }

    @Test func signatureCoversTheThreeGroupsOnly() async throws {
        // DF29 and DF2A are outside the signature: another expiry still verifies.
        var persona = Persona.standard
        persona.cardExpiry = CalendarDate(constant: 2036, 1, 1)
        let (card, _, changed) = try makeTestCard(persona: persona)
        let original = try CardImage(persona: .standard, now: Simulator.now)
        let signature = { (image: CardImage) throws -> [UInt8] in
            try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF28)
        }
        #expect(try Simulator.object(original, .cardFaceConfirmation, 0x0002, 0xDF29) != Simulator.object(changed, .cardFaceConfirmation, 0x0002, 0xDF29))
        #expect(try signature(original) == signature(changed))
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, "60072320364821"))
        #expect(face.cardExpiry == CalendarDate(constant: 2036, 1, 1))
    }

    @Test(arguments: [0, 64, 200, 255])
    func aFlippedBitInDF28Fails(_ index: Int) async throws {
        let (card, _, _) = try makeTestCard { image in
            let good = content(image, .cardFaceConfirmation, 0x0002)
            let df28 = try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF28)
            let tampered = try replacingValue(of: 0xDF28, in: good, with: flippingBit(df28, at: index))
            return image.replacingFile(FileIdentifier(0x0002), of: .cardFaceConfirmation, with: tampered)
        }
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func aFlippedBitInThePhotoFails() async throws {
        let (card, _, _) = try makeTestCard { image in
            let good = content(image, .cardFaceConfirmation, 0x0002)
            let photo = try valueRange(of: 0xDF27, in: good)
            #expect(photo.count > 300)
            return image.replacingFile(
                FileIdentifier(0x0002), of: .cardFaceConfirmation, with: flippingBit(good, at: photo.lowerBound + 300, bit: 5))
        }
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func theSignatureIsByTheIssuerKeyNotTheCardKey() async throws {
        // A record signed with DF24's own key (the card key) is not valid: the signer is the CV-certified key.
        let image = try CardImage(persona: .standard, now: Simulator.now)
        let good = content(image, .cardFaceConfirmation, 0x0002)
        let node = try BERTLV.parseFirst(good[...])
        var payload = DigestAlgorithm.cardFaceDigestInfoPrefix
        for group in [[0xDF22, 0xDF23, 0xDF24], [0xDF25, 0xDF26], [0xDF27]] as [[UInt32]] {
            var bytes: [UInt8] = []
            for tag in group { bytes += try #require(node.child(BERTag(tag))).encoded }
            payload += DigestAlgorithm.sha256.hash(bytes)
        }
        // The three-hash payload is what the issuer key signed (a fourth hash, of DF28's neighbours, is not part
        // of the rule).
        let issuer = try CardRSAPublicKey(image.issuerPublicKey)
        #expect(issuer.isValidSignature(try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF28), forPayload: payload))
        // The chip signs the same payload with the card key (80 2A 00 00, no credential).
        let chip = SimulatedCard(image: image)
        _ = try await chip.transmit(CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.cardFaceConfirmation.bytes))
        let signed = try await chip.transmit(CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x00, data: payload, ne: 256))
        let byCardKey = signed.data
        #expect(try CardRSAPublicKey(image.cardPublicKey).isValidSignature(byCardKey, forPayload: payload))
        #expect(!issuer.isValidSignature(byCardKey, forPayload: payload))
        let (card, _, _) = try makeTestCard {
            $0.replacingFile(
                FileIdentifier(0x0002), of: .cardFaceConfirmation, with: try replacingValue(of: 0xDF28, in: good, with: byCardKey))
        }
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .signatureInvalid)
    }

    static let malformedFaces: [[UInt8]] = {
        let b = { (t: UInt32, v: [UInt8]) in BERTLV.encode(tag: BERTag(t), value: v) }
        let withTable = { (children: [[UInt8]]) in
            CardRecord.encodeWithOffsetTable(BERTag(0xFF20), tableTag: BERTag(0xDF21), objects: children)
        }
        let date = b(0xDF22, Array("19850723".utf8))
        let sex = b(0xDF23, Array("2".utf8))
        let key = b(0xDF24, [0x90, 0x01, 0x03])
        let images = [b(0xDF25, [1]), b(0xDF26, [2]), b(0xDF27, [3]), b(0xDF28, [UInt8](repeating: 0, count: 256))]
        let tail = [b(0xDF29, Array("20350723".utf8)), b(0xDF2A, [4])]
        return [
            withTable([date, sex] + images + tail),  // no DF24
            b(0xFF20, ([date, sex, key] + images + tail).flatMap { $0 }),  // no offset table
            Array(withTable([date, sex, key] + images + tail).dropLast(3)),
            b(0xFF10, [0xDF, 0x22, 0x00]),  // wrong record
            [0xFF, 0x20, 0x80, 0x00, 0x00],  // indefinite length
        ]
    }()

    @Test(arguments: malformedFaces)
    func malformedCardFacesAreTypedErrors(_ file: [UInt8]) async throws {
        let (card, _, _) = try makeTestCard {
            $0.replacingFile(FileIdentifier(0x0002), of: .cardFaceConfirmation, with: filled(file, to: 8192))
        }
        let error = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(error?.code == .malformedFile)
    }

    @Test func ageRecordAndNumberImage() async throws {
        let (card, _, cardImage) = try makeTestCard()
        let age = try await card.cardFace.ageRecord(using: Passcode.birthDateKey(birthDate: CalendarDate(constant: 1985, 7, 23)))
        #expect(age.birthDate == CalendarDate(constant: 1985, 7, 23))
        #expect(age.cardKey.publicKey == (try CardRSAPublicKey(cardImage.cardPublicKey)))
        let image = try await card.cardFace.individualNumberImage(using: Passcode(.cardFacePINA, "901234567893"))
        #expect(image.image == (try Simulator.object(cardImage, .cardFaceConfirmation, 0x0005, 0xDF41)))
        #expect(image.cardKey.source.rawValue == 0x0005)
        let info = try await card.cardFace.basicInfo()
        #expect(info.municipalityCode == "13101")
        #expect(info.appletInformation == [0x06, 0x03, 0x0E, 0x01])
    }

    @Test func credentialsAreCheckedBeforeSending() async throws {
        let (card, sim, _) = try makeTestCard()
        let numberImage = await cardError { try await card.cardFace.individualNumberImage(using: Passcode(.cardFacePINB, Self.pinB)) }
        #expect(numberImage?.code == .credentialNotAccepted)
        let age = await cardError { try await card.cardFace.ageRecord(using: Passcode(.cardFacePINA, "901234567893")) }
        #expect(age?.code == .credentialNotAccepted)
        let textPIN = await cardError { try await card.cardFace.cardFace(using: Passcode(.cardInfoPINB, Self.pinB)) }
        #expect(textPIN?.code == .credentialNotAccepted)
        #expect(sim.commands.isEmpty)
    }

    @Test func wrongPINBReportsTheTriesLeft() async throws {
        let (card, sim, _) = try makeTestCard()
        let wrong = try Passcode.pinB(
            birthDate: CalendarDate(constant: 1985, 7, 23), cardExpiryYear: 2034, securityCode: "0000", for: .cardFacePINB)
        let error = await cardError { try await card.cardFace.cardFace(using: wrong) }
        #expect(error?.code == .wrongCredential)
        #expect(error?.retriesRemaining == 9)
        #expect(error?.credential == .cardFacePINB)
        #expect(sim.tries(.cardFacePINB) == 9)
    }

    @Test func presenceWithTheCardFaceKey() async throws {
        let (card, _, image) = try makeTestCard()
        let face = try await card.cardFace.cardFace(using: Passcode(.cardFacePINB, Self.pinB))
        let proof = try await card.proveCardPresence(with: face.cardKey)
        #expect(try CardRSAPublicKey(image.cardPublicKey).isValidSignature(proof.signature, forSHA256Of: proof.challenge))
        // Another chip (the files copied onto it, its own key) fails.
        let (otherChip, _, otherImage) = try makeTestCard(persona: .gaijiName)
        #expect(try CardRSAPublicKey(otherImage.cardPublicKey) != face.cardKey.publicKey)
        let error = await cardError { try await otherChip.proveCardPresence(with: face.cardKey) }
        #expect(error?.code == .signatureInvalid)
        // Two proofs use different challenges.
        let second = try await card.proveCardPresence(with: face.cardKey)
        #expect(second.challenge != proof.challenge)
    }
}
