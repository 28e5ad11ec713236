import Crypto
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

@Suite struct CardInfoReaderTests {
    @Test func individualNumberWithThePIN() async throws {
        let (card, sim, _) = try makeTestCard()
        let number = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(number.digits == Persona.standard.individualNumber)
        // SELECT applet, empty VERIFY, VERIFY (both P2 91: the PIN by SFI), READ 0003, READ 0004, READ 0001 —
        // all by SFI — then the log-out: SELECT ISD.
        #expect(sim.commands.map(\.ins) == [0xA4, 0x20, 0x20, 0xB0, 0xB0, 0xB0, 0xA4])
        #expect(logOutSelects(sim.commands).map(\.data) == [ApplicationIdentifier.issuerSecurityDomain.bytes])
        #expect(sim.commands.filter(\.isReadBinary).allSatisfy { $0.p1 & 0x80 != 0 })
    }

    @Test func aCardRefusingTheISDIsLeftForTheCommonApplet() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.injection.inject(.fileNotFound, for: .init(ins: 0xA4, p1: 0x04, data: ApplicationIdentifier.issuerSecurityDomain.bytes), times: nil)
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(sim.commands.map(\.ins) == [0xA4, 0x20, 0x20, 0xB0, 0xB0, 0xB0, 0xA4, 0xA4])
        #expect(logOutSelects(sim.commands).map(\.data) == [ApplicationIdentifier.issuerSecurityDomain.bytes, ApplicationIdentifier.commonCard.bytes])
        #expect(sim.simulated.verifiedCredentials.isEmpty)
    }

    @Test func individualNumberWithPINA() async throws {
        let (card, _, _) = try makeTestCard()
        let pinA = try Passcode.pinA(try IndividualNumber(Persona.standard.individualNumber))
        let number = try await card.cardInfoInputSupport.individualNumber(using: pinA)
        #expect(number.digits == Persona.standard.individualNumber)
    }

    @Test func basicAttributesWithPINBFromThePrintedCard() async throws {
        let (card, sim, _) = try makeTestCard()
        let pinB = try Passcode.pinB(
            birthDate: CalendarDate(constant: 1985, 7, 23), cardExpiryYear: 2034, securityCode: "4821")
        let attributes = try await card.cardInfoInputSupport.basicAttributes(using: pinB)
        #expect(attributes.name.full.value == Persona.standard.name.full)
        #expect(attributes.name.family.value == "見本")
        #expect(attributes.name.given.value == "花子")
        #expect(attributes.address.value == Persona.standard.address)
        #expect(!attributes.address.containsGaiji)
        #expect(attributes.birthDate == CalendarDate(constant: 1985, 7, 23))
        #expect(attributes.sex == .female)
        #expect(beforeLogOut(sim.commands).count == 6)  // SELECT, empty VERIFY and VERIFY by SFI, 3 READ BINARY
    }

    @Test func cardInfoWithOneVerify() async throws {
        let (card, sim, _) = try makeTestCard()
        let info = try await card.cardInfoInputSupport.cardInfo(using: Passcode(.cardInfoPIN, "1234"))
        #expect(info.individualNumber.digits == Persona.standard.individualNumber)
        #expect(info.basicAttributes.name.full.value == Persona.standard.name.full)
        #expect(beforeLogOut(sim.commands).count == 7)  // no SELECT of the PIN EF
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)
    }

    @Test func eachReadVerifiesInItsOwnSessionAndLogsOut() async throws {
        let (card, sim, _) = try makeTestCard()
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(card.iso7816.selectedApplication == nil)
        sim.clearLog()
        _ = try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234"))
        // The first read logged out: the applet is selected and the PIN verified again; EF 0004 (free) was
        // kept for the connection and is not read again.
        let commands = beforeLogOut(sim.commands)
        #expect(commands.first?.isSelectApplet == true)
        #expect(commands.filter(\.isVerifyWithData).count == 1)
        #expect(commands.count == 5)  // SELECT applet, empty VERIFY, VERIFY (by SFI), READ 0003, READ 0002
    }

    @Test func shortAPDUsOnlyKnownUpFront() async throws {
        let (card, sim, _) = try makeTestCard(shortOnly: true, knownShortOnly: true)
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        let reads = sim.commands.filter(\.isReadBinary)
        #expect(reads.allSatisfy { !$0.isExtended })
        // 0003 (339 bytes): 2 chunks; 0004 (571 bytes): 3 chunks; 0001 (17 bytes): 1.
        #expect(reads.count == 2 + 3 + 1)
        #expect(beforeLogOut(sim.commands).count == 3 + 6)  // SELECT applet, empty VERIFY, VERIFY + the reads
        #expect(sim.commands.filter(\.isSelectFile).isEmpty || sim.commands.filter(\.isSelectFile).count == 1)
    }

    @Test func shortAPDUsOnlyLearnedWithOneProbe() async throws {
        let (card, sim, _) = try makeTestCard(shortOnly: true)
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))
        #expect(sim.commands.filter(\.isReadBinary).count == 6 + 1)
        #expect(card.iso7816.capabilities.extendedLength == .unsupported)
    }

    // MARK: Credentials

    @Test func wrongPINReportsTheTriesLeft() async throws {
        let (card, sim, _) = try makeTestCard()
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "9999")) }
        #expect(error?.code == .wrongCredential)
        #expect(error?.retriesRemaining == 2)
        #expect(error?.credential == .cardInfoPIN)
        #expect(sim.tries(.cardInfoPIN) == 2)
        #expect(sim.commands.filter(\.isVerifyWithData).count == 1)  // never retried
    }

    @Test func theLastTryIsNotSpentUnlessAllowed() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.cardInfoPIN, 1)
        let refused = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "9999")) }
        #expect(refused?.code == .lastAttemptRefused)
        #expect(refused?.retriesRemaining == 1)
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
        #expect(sim.tries(.cardInfoPIN) == 1)

        let blocked = await cardError {
            try await card.cardInfoInputSupport.individualNumber(
                using: Passcode(.cardInfoPIN, "9999"), options: VerificationOptions(allowLastAttempt: true))
        }
        #expect(blocked?.code == .credentialBlocked)
        #expect(blocked?.retriesRemaining == 0)
        #expect(blocked?.credential == .cardInfoPIN)

        // Right value, allowed last try: works and the counter is reset.
        sim.setTries(.cardInfoPIN, 1)
        let number = try await card.cardInfoInputSupport.individualNumber(
            using: Passcode(.cardInfoPIN, "1234"), options: VerificationOptions(allowLastAttempt: true))
        #expect(number.digits.count == 12)
        #expect(sim.tries(.cardInfoPIN) == 3)
    }

    @Test func aBlockedPINIsRefusedWithoutSpendingAnything() async throws {
        let (card, sim, _) = try makeTestCard()
        sim.setTries(.cardInfoPIN, 0)
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .credentialBlocked)
        #expect(error?.credential == .cardInfoPIN)
        #expect(sim.commands.filter(\.isVerifyWithData).isEmpty)
    }

    @Test func badFormatsAreRefusedBeforeAnythingIsSent() async throws {
        let (card, sim, _) = try makeTestCard()
        #expect(throws: MyNumberCardError.self) { try Passcode(.cardInfoPIN, "12345") }
        #expect(throws: MyNumberCardError.self) { try Passcode(.cardInfoPINA, "901234567890") }  // check digit
        let notAccepted = await cardError {
            try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPINB, "60072320354821"))
        }
        #expect(notAccepted?.code == .credentialNotAccepted)
        let faceCredential = await cardError {
            try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardFacePINB, "60072320354821"))
        }
        #expect(faceCredential?.code == .credentialNotAccepted)
        #expect(sim.commands.isEmpty)
    }

    @Test func aMissingCredentialIsNotPresentOnThisCard() async throws {
        // A face-authentication card has no card info PIN.
        let (card, _, _) = try makeTestCard(persona: .faceAuthentication)
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .notPresentOnThisCard)
        #expect(error?.credential == .cardInfoPIN)
    }

    @Test func aMissingAppletIsNotPresentOnThisCard() async throws {
        // A phone's JPKI token has no other applet.
        let (card, _, _) = try makeTestCard(persona: .smartphoneAndroid)
        let error = await cardError { try await card.cardInfoInputSupport.basicInfo() }
        #expect(error?.code == .notPresentOnThisCard)
        #expect(error?.reason.contains("card info input support applet") == true)
    }

    // MARK: Integrity and signatures

    @Test(arguments: [3, 8, 14, 15, 16])
    func aFlippedBitInTheNumberFileFailsIntegrity(_ index: Int) async throws {
        let (card, _, _) = try makeTestCard {
            $0.replacingFile(FileIdentifier(0x0001), of: .cardInfoInputSupport, with: flippingBit(content($0, .cardInfoInputSupport, 0x0001), at: index))
        }
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .integrityCheckFailed)
    }

    @Test func aFlippedBitInTheAttributesFailsIntegrity() async throws {
        // The last byte of the data object is the sex digit: '2' → '3' keeps the file well formed.
        let (card, _, _) = try makeTestCard { image in
            let file = content(image, .cardInfoInputSupport, 0x0002)
            let end = try BERTLV.parseFirst(file[...]).encoded.endIndex
            return image.replacingFile(FileIdentifier(0x0002), of: .cardInfoInputSupport, with: flippingBit(file, at: end - 1, bit: 0))
        }
        let error = await cardError { try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .integrityCheckFailed)
    }

    @Test func theOffsetTableIsNotHashed() async throws {
        // DF32 starts at DF22: the hash must not include DF21 — proven by the card's DF32 being the hash from
        // DF22 to the end of the data object, not of the whole object, and by the good file verifying.
        let (card, _, image) = try makeTestCard()
        let file = content(image, .cardInfoInputSupport, 0x0002)
        let object = try BERTLV.parseFirst(file[...])
        let name = try #require(object.child(BERTag(0xDF22)))
        let table = try #require(object.child(BERTag(0xDF21)))
        #expect(table.encoded.endIndex == name.encoded.startIndex)
        let record = content(image, .cardInfoInputSupport, 0x0003)
        let hash = Array(try BERTLV.parseFirst(record[...]).child(BERTag(0xDF32))?.value ?? [])
        #expect(hash == DigestAlgorithm.sha256.hash(Array(file[name.encoded.startIndex..<object.value.endIndex])))
        #expect(hash != DigestAlgorithm.sha256.hash(Array(object.value)))
        _ = try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234"))
    }

    @Test(arguments: [0, 40, 100, 255])
    func aFlippedBitInTheIntegritySignatureFails(_ index: Int) async throws {
        let (card, _, _) = try makeTestCard { image in
            let record = content(image, .cardInfoInputSupport, 0x0003)
            let signatureStart = try valueRange(of: 0xDF33, in: record).lowerBound
            return image.replacingFile(FileIdentifier(0x0003), of: .cardInfoInputSupport, with: flippingBit(record, at: signatureStart + index))
        }
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func aForgedIntegrityHashFailsTheSignature() async throws {
        let (card, _, _) = try makeTestCard { image in
            let record = content(image, .cardInfoInputSupport, 0x0003)
            let numberHash = try valueRange(of: 0xDF31, in: record)
            #expect(numberHash.contains(10))
            return image.replacingFile(FileIdentifier(0x0003), of: .cardInfoInputSupport, with: flippingBit(record, at: 10))
        }
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func theCVCertificateIsCheckedAgainstTrustedAuthorities() async throws {
        let (trusted, _, image) = try makeTestCard(authorities: .simulator)
        let certificate = try await trusted.cardInfoInputSupport.cardVerifiableCertificate()
        #expect(certificate.isAuthenticated)
        #expect(certificate.publicKey == (try CardRSAPublicKey(image.issuerPublicKey)))
        #expect(Array(certificate.issuerKeyIdentifier.prefix(7)) == Array("9000033".utf8))
        _ = try await trusted.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234"))

        let (untrusted, _, _) = try makeTestCard(authorities: .wrongKey, policy: .strict)
        let error = await cardError { try await untrusted.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .issuerNotAuthenticated)
        let (reported, _, _) = try makeTestCard(authorities: .wrongKey)
        let record = try await reported.cardInfoInputSupport.individualNumberRecord(using: Passcode(.cardInfoPIN, "1234"))
        #expect(record.issuerAuthentication.status == .signatureMismatch)

        let (unchecked, _, _) = try makeTestCard()
        let unknown = try await unchecked.cardInfoInputSupport.cardVerifiableCertificate()
        #expect(!unknown.isAuthenticated && unknown.authentication.status == .unknownAuthority)
    }

    @Test func aFlippedBitInTheCVCertificateSignatureFailsWithAuthorities() async throws {
        let (card, _, _) = try makeTestCard(authorities: .simulator, policy: .strict) { image in
            let cv = content(image, .cardInfoInputSupport, 0x0004)
            let end = try BERTLV.parseFirst(cv[...]).encoded.endIndex  // the certificate, without filler
            return image.replacingFile(FileIdentifier(0x0004), of: .cardInfoInputSupport, with: flippingBit(cv, at: end - 3))
        }
        let error = await cardError { try await card.cardInfoInputSupport.cardVerifiableCertificate() }
        #expect(error?.code == .issuerNotAuthenticated)
    }

    // MARK: Malformed files

    static let malformedNumberFiles: [[UInt8]] = [
        [0xFF, 0x10, 0x0C] + Array("90123456789".utf8) + [0xFF, 0xFF, 0xFF],  // 11 digits
        [0xFF, 0x10, 0x0B] + Array("901234567893".utf8) + [0xFF, 0xFF],  // wrong length byte
        [0xFF, 0x10, 0x0C] + Array("90123456789A".utf8) + [0xFF, 0xFF],  // not a digit
        [0xFF, 0x10, 0x0C] + Array("901234567893".utf8) + [0x00, 0xFF],  // data where filler must be
        [0xFF, 0x10, 0x0C] + Array("9012".utf8),  // truncated
        [0xFF, 0x10, 0x0C] + Array("901234567890".utf8) + [0xFF, 0xFF],  // wrong check digit
    ]

    @Test(arguments: malformedNumberFiles)
    func malformedNumberFilesAreTypedErrors(_ file: [UInt8]) async throws {
        // Integrity record consistent with the malformed file, so the parser is what rejects it.
        let (card, _, _) = try makeTestCard {
            try $0.replacingFile(FileIdentifier(0x0001), of: .cardInfoInputSupport, with: file).reissuingIntegrityRecord()
        }
        let error = await cardError { try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .malformedFile || error?.code == .invalidCheckDigit)
    }

    static func attributes(_ children: [[UInt8]], table: Bool = true) -> [UInt8] {
        table
            ? CardRecord.encodeWithOffsetTable(BERTag(0xFF20), tableTag: BERTag(0xDF21), objects: children)
            : tlv(0xFF20, children.joined().map { $0 })
    }

    static func tlv(_ tag: UInt32, _ value: [UInt8]) -> [UInt8] { BERTLV.encode(tag: BERTag(tag), value: value) }

    static let name = tlv(0xDF22, Array("見本\u{3000}花子".utf8))
    static let address = tlv(0xDF23, Array("東京都".utf8))
    static let birth = tlv(0xDF24, Array("19850723".utf8))
    static let sex = tlv(0xDF25, Array("2".utf8))

    static let malformedAttributeFiles: [[UInt8]] = [
        attributes([name, address, birth]),  // no sex
        attributes([name, address, tlv(0xDF24, Array("1985072".utf8)), sex]),  // 7-byte date
        attributes([name, address, birth, tlv(0xDF25, Array("12".utf8))]),  // 2-byte sex
        attributes([tlv(0xDF22, [0xE3, 0x80]), address, birth, sex]),  // bad UTF-8
        attributes([name, address, birth, sex], table: false),  // no offset table
        attributes([name, address, birth, sex]).enumerated().map { $0.offset == 8 ? $0.element &+ 1 : $0.element },  // wrong offset
        Array(attributes([name, address, birth, sex]).prefix(30)),  // truncated TLV
        [0xFF, 0x20, 0x82, 0x01] + [UInt8](repeating: 0xFF, count: 40),  // header then filler
        attributes([name, [0xFF, 0xFF, 0xFF], address, birth, sex]),  // filler inside
        attributes([tlv(0xDF22, []), address, birth, sex]),  // empty name
    ]

    @Test(arguments: malformedAttributeFiles)
    func malformedAttributeFilesAreTypedErrors(_ object: [UInt8]) async throws {
        let (card, _, _) = try makeTestCard {
            $0.replacingFile(FileIdentifier(0x0002), of: .cardInfoInputSupport, with: filled(object, to: 1024))
        }
        let error = await cardError { try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234")) }
        // Structure errors surface as malformedFile; a well-formed but different file fails integrity.
        #expect(error?.code == .malformedFile || error?.code == .integrityCheckFailed)
    }

    @Test(arguments: malformedAttributeFiles)
    func malformedAttributeFilesWithAMatchingIntegrityRecordAreMalformed(_ object: [UInt8]) async throws {
        let (card, _, _) = try makeTestCard { image in
            let replaced = image.replacingFile(FileIdentifier(0x0002), of: .cardInfoInputSupport, with: filled(object, to: 1024))
            return (try? replaced.reissuingIntegrityRecord()) ?? replaced
        }
        let error = await cardError { try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234")) }
        #expect(error?.code == .malformedFile)
    }

    @Test func unknownSexDigitsAndGaijiAreKept() async throws {
        // Sex 3 (outside ISO 5218) needs a file no persona makes: MynaCard's encoder writes it, and the card is
        // issued with it (integrity record to match).
        let (card, _, _) = try makeTestCard { image in
            let attributes = CardInfoFiles.encodeBasicAttributes(
                name: "\u{20BB7}田\u{3000}太郎", address: Persona.standard.address, birthDate: CalendarDate(constant: 1985, 7, 23),
                sex: "3")
            return try image.replacingFile(FileIdentifier(0x0002), of: .cardInfoInputSupport, with: filled(attributes.file, to: 1024))
                .reissuingIntegrityRecord()
        }
        let attributes = try await card.cardInfoInputSupport.basicAttributes(using: Passcode(.cardInfoPIN, "1234"))
        #expect(attributes.sex.code == 3)
        #expect(attributes.name.family.value == "\u{20BB7}田")
        #expect(attributes.name.family.containsGaiji)
        #expect(attributes.name.full.displayForm == "●田\u{3000}太郎")
    }

    @Test func basicInfo() async throws {
        let (card, _, _) = try makeTestCard()
        let info = try await card.cardInfoInputSupport.basicInfo()
        #expect(info.appletInformation == [0x01, 0x03, 0x0E, 0x01])
        #expect(info.supportsExtendedLength)
        #expect(info.municipalityCode == nil)
    }

    @Test func cardKeyAndPresence() async throws {
        let (card, sim, image) = try makeTestCard()
        let key = try await card.cardInfoInputSupport.cardKey(using: Passcode(.cardInfoPINB, "60072320344821"))
        let cardKey = try CardRSAPublicKey(image.cardPublicKey)
        #expect(key.publicKey == cardKey)
        #expect(key.application == .cardInfoInputSupport)
        sim.clearLog()
        let proof = try await card.proveCardPresence(with: key)
        #expect(proof.challenge.count == 32)
        #expect(cardKey.isValidSignature(proof.signature, forSHA256Of: proof.challenge))
        // The key read logged out: the applet is selected again, then the challenge signed (no credential).
        #expect(sim.commands.map(\.ins) == [0xA4, 0x2A])
        #expect(sim.commands.last.map { [$0.cla, $0.p1, $0.p2] } == [0x80, 0x00, 0x00])
    }
}
