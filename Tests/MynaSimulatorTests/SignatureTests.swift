import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import SwiftASN1
import Testing
@_spi(FixedExpiryValidationTime) import X509

@Suite("Signatures and certificates verify")
struct SignatureTests {
    static let sha256Prefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ]

    static func digestInfo(_ message: [UInt8]) -> [UInt8] {
        sha256Prefix + Array(SHA256.hash(data: message))
    }

    static func key(of certificate: Certificate) throws -> _RSA.Signing.PublicKey {
        try #require(_RSA.Signing.PublicKey(certificate.publicKey))
    }

    static func cardKey(_ key: _RSA.Signing.PublicKey) throws -> CardPublicKey {
        let primitives = try key.getKeyPrimitives()
        return try CardPublicKey(
            (CardTLVTest.encode(0x90, Array(primitives.publicExponent)) + CardTLVTest.encode(0x91, Array(primitives.modulus)))[...])
    }

    @Test("JPKI signatures verify against the card's certificates (P1 00, 02, 03 and by SFI)")
    func jpkiSignatures() throws {
        let card = try SimulatedCard(persona: .standard)
        let message = Array("MynaKit".utf8)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(APDU.verify("ABC123", p2: 0x9B)).sw == 0x9000)
        let authKey = try Self.key(of: try #require(card.image.authenticationCertificate))
        let signKey = try Self.key(of: try #require(card.image.signatureCertificate))

        try card.open(.jpki, JPKIFile.authenticationKey)
        #expect(try card.send(APDU.verify("1234", p2: 0x98)).sw == 0x9000)
        #expect(try card.send(APDU.selectFile(JPKIFile.authenticationKey)).sw == 0x9000)
        for (p1, data) in [
            (UInt8(0x00), Self.digestInfo(message)), (0x02, Array(SHA256.hash(data: message))), (0x03, message),
        ] {
            let answer = try card.send(APDU.sign(data, p1: p1))
            #expect(answer.sw == 0x9000)
            #expect(answer.data.count == 256)
            let signature = _RSA.Signing.RSASignature(rawRepresentation: answer.data)
            #expect(authKey.isValidSignature(signature, for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5))
        }
        #expect(try card.send(APDU.verify("ABC123", p2: 0x9B)).sw == 0x9000)
        let signed = try card.send(APDU.sign(Self.digestInfo(message), p2: 0x9A))
        #expect(signKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signed.data), for: SHA256.hash(data: message),
            padding: .insecurePKCS1v1_5))
        // P1 01: the bare hash, checked with the independent public-key operation.
        let bare = try card.send(APDU.sign(message, p1: 0x01, p2: 0x9A))
        #expect(try Self.cardKey(signKey).payload(of: bare.data) == Array(SHA256.hash(data: message)))
        // P1 00 pads whatever it is given.
        let raw = try card.send(APDU.sign([0x01, 0x02, 0x03], p2: 0x97))
        #expect(try Self.cardKey(authKey).payload(of: raw.data) == [0x01, 0x02, 0x03])
    }

    @Test(
        "certificates chain to the persona's test CA and carry the required fields",
        arguments: [Persona.standard, .gaijiName, .smartphoneAndroid])
    func certificates(persona: Persona) async throws {
        let card = try SimulatedCard(persona: persona)
        let image = card.image
        let auth = try #require(image.authenticationCertificate)
        let authCA = try #require(image.authenticationCACertificate)
        let sign = try #require(image.signatureCertificate)
        let signCA = try #require(image.signatureCACertificate)
        let when = persona.issueDate.addingDays(10).instant(hour: 12)
        for (leaf, root) in [(auth, authCA), (sign, signCA)] {
            var verifier = Verifier(rootCertificates: CertificateStore([root])) { RFC5280Policy(fixedExpiryValidationTime: when) }
            let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
            guard case .validCertificate = result else {
                Issue.record("certificate does not chain: \(result)")
                return
            }
        }
        #expect(auth.subject == (try DistinguishedName { CountryName("JP"); CommonName(persona.cardSerial) }))
        #expect(authCA.subject.description.contains("OU=JPKI for user authentication"))
        #expect(signCA.subject.description.contains("OU=JPKI for digital signature"))
        let usage = try #require(try auth.extensions.keyUsage)
        #expect(usage.digitalSignature)
        #expect(try auth.extensions.extendedKeyUsage?.contains(.clientAuth) == true)
        #expect(auth.signatureAlgorithm == .sha256WithRSAEncryption)
        #expect(auth.notValidAfter == persona.birthDate.birthday(5, after: persona.issueDate).instant(hour: 23, minute: 59, second: 59))

        let names = try #require(try sign.extensions.subjectAlternativeNames)
        var values: [String: String] = [:]
        for name in names {
            guard case .otherName(let other) = name, let value = other.value else { continue }
            values[other.typeID.description] = String(try ASN1UTF8String(asn1Any: value))
        }
        #expect(values["1.2.392.200149.8.5.5.1"] == persona.name.full)
        #expect(values["1.2.392.200149.8.5.5.2"] == persona.name.fullSubstitute)
        #expect(values["1.2.392.200149.8.5.5.3"] == persona.sex.rawValue)
        #expect(values["1.2.392.200149.8.5.5.4"] == persona.birthDate.compact)
        #expect(values["1.2.392.200149.8.5.5.5"] == persona.address)
    }

    @Test("expired and expiring-soon variants are relative to the build date")
    func validityVariants() throws {
        let now = try CalendarDate(year: 2026, month: 11, day: 21).instant(hour: 10)
        let expired = try CardImage(persona: .certificateExpired, now: now)
        let expiring = try CardImage(persona: .certificateExpiringSoon, now: now)
        let expiredEnd = try #require(expired.authenticationCertificate?.notValidAfter)
        let expiringEnd = try #require(expiring.authenticationCertificate?.notValidAfter)
        #expect(expiredEnd < now)
        #expect(expiringEnd > now)
        #expect(expiringEnd < now.addingTimeInterval(92 * 86_400), "within the 3-month renewal alert")
    }

    @Test("text applet: CV certificate, integrity record (DF31/DF32/DF33) and the signed card key verify")
    func integrityRecord() throws {
        let card = try SimulatedCard(persona: .gaijiName)
        let persona = Persona.gaijiName
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(APDU.verify("5678", p2: 0x91)).sw == 0x9000)
        let number = try card.readWhole(CardInfoInputSupportFile.individualNumber).data
        let attributes = try card.readWhole(CardInfoInputSupportFile.basicAttributes).data
        let integrity = try FlatTLV.file(try card.readWhole(CardInfoInputSupportFile.integrityRecord).data)
        let certificate = try FlatTLV.file(try card.readWhole(CardInfoInputSupportFile.cardVerifiableCertificate).data)

        // 0004 against the CV CA key the verifier holds.
        let body = try certificate.children.first(0x5F4E).value
        let ca = try Self.cardKey(card.image.cardInfoCAPublicKey)
        #expect(ca.payload(of: try certificate.children.first(0x5F37).value) == Self.digestInfo(Array(body)))
        let issuer = try CardPublicKey(body.dropFirst(32))

        // DF31: all 17 bytes; DF32: DF22 to the end, no DF21, no filler.
        #expect(number.count == 17)
        #expect(Array(try integrity.children.first(0xDF31).value) == Array(SHA256.hash(data: number)))
        let attributeObjects = try FlatTLV.file(attributes).children
        let source = attributeObjects.dropFirst().flatMap { Array($0.encoded) }
        #expect(Array(try integrity.children.first(0xDF32).value) == Array(SHA256.hash(data: source)))
        #expect(String(decoding: attributeObjects[1].value, as: UTF8.self) == persona.name.full)
        // DF33 over TLV(DF31) ‖ TLV(DF32).
        let signed = Array(integrity.children[0].encoded) + Array(integrity.children[1].encoded)
        #expect(issuer.payload(of: try integrity.children.first(0xDF33).value) == Self.digestInfo(signed))

        // 0007: the card key, signed by the issuer key; the card signs a challenge with it.
        let signedKey = try FlatTLV.file(try card.readWhole(SimulatedFilesTest.cardInfoSignedCardKey).data)
        let df51 = try signedKey.children.first(0xDF51)
        #expect(issuer.payload(of: try signedKey.children.first(0xDF52).value) == Self.digestInfo(Array(df51.encoded)))
        let cardKey = try CardPublicKey(df51.value)
        let challenge = Self.digestInfo(Array("challenge".utf8))
        let answer = try card.send([0x80, 0x2A, 0x00, 0x00, UInt8(challenge.count)] + challenge + [0x00])
        #expect(cardKey.payload(of: answer.data) == challenge)
    }

    @Test("surface applet: DF28 over three hashes, DF13, DF43 and the card key challenge verify")
    func cardFaceSignatures() throws {
        let persona = Persona.standard
        let card = try SimulatedCard(persona: persona)
        try card.open(.cardFaceConfirmation)
        let certificate = try FlatTLV.file(try card.readWhole(CardFaceConfirmationFile.cardVerifiableCertificate).data)
        let body = try certificate.children.first(0x5F4E).value
        let ca = try Self.cardKey(card.image.cardFaceCAPublicKey)
        #expect(ca.payload(of: try certificate.children.first(0x5F37).value) == Self.digestInfo(Array(body)))
        let issuer = try CardPublicKey(body.dropFirst(32))

        #expect(try card.send(APDU.verify(persona.pinA, p2: 0x93)).sw == 0x9000)
        #expect(try card.send(APDU.verify(persona.birthDateKey, p2: 0x91)).sw == 0x9000)
        let face = try FlatTLV.file(try card.readWhole(CardFaceConfirmationFile.cardFace).data).children
        func tlv(_ tag: UInt32) throws -> [UInt8] { Array(try face.first(tag).encoded) }
        let g1 = try tlv(0xDF22) + tlv(0xDF23) + tlv(0xDF24)
        let g2 = try tlv(0xDF25) + tlv(0xDF26)
        let g3 = try tlv(0xDF27)
        let expected: [UInt8] =
            [0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60]
            + Array(SHA256.hash(data: g1)) + Array(SHA256.hash(data: g2)) + Array(SHA256.hash(data: g3))
        #expect(issuer.payload(of: try face.first(0xDF28).value) == expected)

        for (fid, signatureTag) in [(CardFaceConfirmationFile.ageRecord, UInt32(0xDF13)), (CardFaceConfirmationFile.individualNumberImage, 0xDF43)] {
            let objects = try FlatTLV.file(try card.readWhole(fid).data).children
            let signatureIndex = try #require(objects.firstIndex { $0.tag == signatureTag })
            let signed = objects[..<signatureIndex].flatMap { Array($0.encoded) }
            #expect(issuer.payload(of: objects[signatureIndex].value) == Self.digestInfo(signed))
        }

        let cardKey = try CardPublicKey(try face.first(0xDF24).value)
        let challenge = Self.digestInfo([1, 2, 3, 4, 5, 6, 7, 8])
        let answer = try card.send([0x80, 0x2A, 0x00, 0x00, UInt8(challenge.count)] + challenge + [0x00])
        #expect(answer.sw == 0x9000)
        #expect(cardKey.payload(of: answer.data) == challenge)
    }

    @Test("the independent RSA check agrees with swift-crypto and rejects a tampered signature")
    func independentCheck() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki)
        #expect(try card.send(APDU.verify("1234", p2: 0x98)).sw == 0x9000)
        let payload = Self.digestInfo([9, 9, 9])
        var signature = try card.send(APDU.sign(payload, p2: 0x97)).data
        let key = try Self.cardKey(try Self.key(of: try #require(card.image.authenticationCertificate)))
        #expect(key.payload(of: signature) == payload)
        signature[100] ^= 0x01
        #expect(key.payload(of: signature) != payload)
    }
}

/// BER encoding for test-built keys.
enum CardTLVTest {
    static func encode(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        var value = value
        while value.first == 0 { value.removeFirst() }
        return BERTLV.encode(tag: BERTag(UInt32(tag)), value: value)
    }
}

/// File identifiers MynaCard does not name.
enum SimulatedFilesTest {
    static let cardInfoSignedCardKey = FileIdentifier(0x0007)
}
