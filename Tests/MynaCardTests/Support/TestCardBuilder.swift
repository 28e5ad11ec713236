import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import SwiftASN1
import X509

/// The holder of a hand-built test card.
struct TestPersona: Sendable {
    var name = "見本\u{3000}花子"
    var address = "東京都千代田区見本町１２－３４－５６"
    var birthDate = "19850723"
    var sex = "2"
    var individualNumber = "901234567893"
    var securityCode = "4821"
    var cardExpiry = "20350723"
    var cardSerial = "900000000000001"
    var municipalityCode = "13101"
    var pin = "1234"
    var password = "ABC123"
    var tokenLabel = "JPKIAPICCTOKEN2"
    /// Era `YYMMDD` of the birth date (Shōwa 60).
    var eraBirthDate = "600723"

    var pinB: String { eraBirthDate + String(cardExpiry.prefix(4)) + securityCode }
}

/// Builds the files of a test card exactly as `Documentation/card-formats.md` lays them out.
struct TestCardBuilder {
    let keys: TestKeys
    var persona = TestPersona()
    /// When the JPKI certificates are valid.
    var validity: (notBefore: Date, notAfter: Date) = (
        Date(timeIntervalSince1970: 1_743_433_200), Date(timeIntervalSince1970: 1_911_653_999)
    )

    init(keys: TestKeys) { self.keys = keys }

    // The builder makes its files with MynaCard's encoders (package-internal, beside the parsers), so the test
    // cards and the simulated card share one description of every layout; what a test tampers with it
    // passes in (a signature, a photo) or edits afterwards.

    static func tlv(_ tag: UInt32, _ value: [UInt8]) -> [UInt8] { BERTLV.encode(tag: BERTag(tag), value: value) }
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func filled(_ bytes: [UInt8], to size: Int, with filler: UInt8 = 0xFF) -> [UInt8] {
        CardRecord.pad(bytes, to: size, filler: filler, growth: 0)
    }
    static func keyID(_ seven: String) -> [UInt8] { CardRecord.keyIdentifier(seven) }
    /// A constructed record whose first child is a `DF21` offset table of the other children.
    static func recordWithOffsets(_ tag: UInt32, tableTag: UInt32, children: [[UInt8]]) -> [UInt8] {
        CardRecord.encodeWithOffsetTable(BERTag(tag), tableTag: BERTag(tableTag), objects: children)
    }
    static func date(_ yyyymmdd: String) throws -> CalendarDate { try CalendarDate(yyyymmdd: ascii(yyyymmdd)) }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0x11, count: 40)
    static let jp2: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]
        + (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 7) }

    // MARK: Card-verifiable certificate

    func cvCertificate(issuerID: String) throws -> [UInt8] {
        try CardVerifiableCertificate.encode(
            issuerKeyIdentifier: Self.keyID(issuerID), subjectKeyIdentifier: Self.keyID("9131013"),
            publicKey: keys.issuer.publicKey.cardEncoding, sign: keys.cvAuthority.signSHA256)
    }

    // MARK: Text applet

    var numberFile: [UInt8] { CardInfoFiles.encodeIndividualNumber(persona.individualNumber) }

    var attributesObject: [UInt8] {
        get throws {
            CardInfoFiles.encodeBasicAttributes(
                name: persona.name, address: persona.address, birthDate: try Self.date(persona.birthDate),
                sex: persona.sex
            ).file
        }
    }

    /// DF32's input: the outer value from DF22 to the end.
    static func attributesSignedPart(_ object: [UInt8]) throws -> [UInt8] {
        let node = try BERTLV.parseSingle(object[...])
        guard let name = node.child(CardInfoFiles.nameTag) else { throw TestSupportError("no DF22") }
        return Array(object[name.encoded.startIndex..<node.value.endIndex])
    }

    func integrityRecord(numberFile: [UInt8], attributesObject: [UInt8]) throws -> [UInt8] {
        try IntegrityRecord.encode(
            individualNumberFile: numberFile, basicAttributesSignedPart: try Self.attributesSignedPart(attributesObject),
            sign: keys.issuer.signSHA256)
    }

    var textBasicInfo: [UInt8] {
        AppletBasicInfo.encodeCardInfo(
            information: [0x01, 0x03, 0x0E, 0x01], keyIdentifier: Self.keyID("9000034"),
            trailing: [UInt8](repeating: 0xAB, count: 32) + [UInt8](repeating: 0xFF, count: 96))
    }

    func cardKeyRecord() throws -> [UInt8] {
        try VerifiedCardKey.encodeSignedCardKey(keys.card.publicKey.cardEncoding, sign: keys.issuer.signSHA256)
    }

    // MARK: Surface applet

    func ageRecord() throws -> [UInt8] {
        try AgeRecord.encode(
            birthDate: try Self.date(persona.birthDate), cardKey: keys.card.publicKey.cardEncoding,
            sign: keys.issuer.signSHA256)
    }

    /// The card face with a correct DF28 (or with `signature` instead).
    func cardFace(signature: [UInt8]? = nil, photo: [UInt8] = TestCardBuilder.jp2) throws -> [UInt8] {
        let issuer = keys.issuer
        return try CardFace.encode(
            birthDate: try Self.date(persona.birthDate), sex: persona.sex, cardKey: keys.card.publicKey.cardEncoding,
            nameImage: Self.png + [1], addressImage: Self.png + [2], facePhoto: photo,
            cardExpiry: try Self.date(persona.cardExpiry), securityCodeImage: Self.png + [3]
        ) { payload in try signature ?? issuer.sign(payload: payload) }
    }

    func numberImage() throws -> [UInt8] {
        try IndividualNumberImage.encode(
            image: Self.png + [4], cardKey: keys.card.publicKey.cardEncoding, sign: keys.issuer.signSHA256)
    }

    var faceBasicInfo: [UInt8] {
        AppletBasicInfo.encodeCardFace(
            information: [0x06, 0x03, 0x0E, 0x01], keyIdentifier: Self.keyID("9000024"), version: 0x01,
            municipalityCode: persona.municipalityCode,
            opaque: Self.keyID("9000025") + [UInt8](repeating: 0x5A, count: 256))
    }

    // MARK: JPKI

    var tokenInfo: [UInt8] {
        TokenInfo.encode(
            label: persona.tokenLabel, manufacturerID: "MynaKit Test", model: "TestCard",
            serialNumber: "0" + persona.cardSerial, flags: 0x0000_040D, maximumPINLength: 16, minimumPINLength: 4)
    }

    static func caName(_ purpose: String) throws -> DistinguishedName {
        try DistinguishedName {
            CountryName("JP")
            OrganizationName("JPKI")
            OrganizationalUnitName(purpose)
            OrganizationalUnitName("Japan Agency for Local Authority Information Systems")
        }
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    func caCertificate(purpose: String, key: TestKey? = nil, extensions: Certificate.Extensions? = nil) throws
        -> Certificate
    {
        let name = try Self.caName(purpose)
        let key = key ?? keys.jpkiCA
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(1), publicKey: key.certificatePublicKey,
            notValidBefore: Date(timeIntervalSince1970: 1_577_836_800),
            notValidAfter: Date(timeIntervalSince1970: 2_398_377_600), issuer: name, subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try extensions
                ?? Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                },
            issuerPrivateKey: key.certificatePrivateKey)
    }

    func leafCertificate(
        purpose: String, key: TestKey, serial: Int, keyUsage: KeyUsage, issuerKey: TestKey? = nil,
        notBefore: Date? = nil, notAfter: Date? = nil, extraExtensions: Certificate.Extensions? = nil
    ) throws -> Certificate {
        let subject = try DistinguishedName {
            CountryName("JP")
            CommonName(persona.cardSerial)
        }
        var extensions = try Certificate.Extensions { Critical(keyUsage) }
        if let extraExtensions { for item in extraExtensions { try extensions.append(item) } }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(serial), publicKey: key.certificatePublicKey,
            notValidBefore: notBefore ?? validity.notBefore, notValidAfter: notAfter ?? validity.notAfter,
            issuer: try Self.caName(purpose), subject: subject, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: extensions, issuerPrivateKey: (issuerKey ?? keys.jpkiCA).certificatePrivateKey)
    }

    static let authenticationPurpose = "JPKI for user authentication"
    static let signaturePurpose = "JPKI for digital signature"

    // MARK: The card

    static let jpkiAID = ApplicationIdentifier.jpki.bytes
    static let textAID = ApplicationIdentifier.cardInfoInputSupport.bytes
    static let faceAID = ApplicationIdentifier.cardFaceConfirmation.bytes
    static let commonAID = ApplicationIdentifier.commonCard.bytes

    /// The whole card. `phoneToken`: the user-authentication certificate needs the PIN.
    func makeCard(shortOnly: Bool = false, phoneToken: Bool = false) throws -> FakeCard {
        typealias File = FakeCard.File
        let number = numberFile
        let attributes = try attributesObject

        var text = FakeCard.Applet()
        text.files[0x0001] = File(content: .transparent(number), access: [0x0011, 0x0014])
        text.files[0x0002] = File(content: .transparent(Self.filled(attributes, to: 1024)), access: [0x0011, 0x0015])
        text.files[0x0003] = File(
            content: .transparent(Self.filled(try integrityRecord(numberFile: number, attributesObject: attributes), to: 512)),
            access: [0x0011, 0x0014, 0x0015])
        text.files[0x0004] = File(content: .transparent(Self.filled(try cvCertificate(issuerID: "9000033"), to: 1024)))
        text.files[0x0005] = File(content: .transparent(Self.filled(textBasicInfo, to: 256)))
        text.files[0x0007] = File(
            content: .transparent(Self.filled(try cardKeyRecord(), to: 1024)), access: [0x0011, 0x0014, 0x0015])
        text.files[0x0011] = File(content: .pin(value: Self.ascii(persona.pin), tries: 3, maximum: 3))
        text.files[0x0014] = File(content: .pin(value: Self.ascii(persona.individualNumber), tries: 10, maximum: 10))
        text.files[0x0015] = File(content: .pin(value: Self.ascii(persona.pinB), tries: 10, maximum: 10))
        text.cardKey = keys.card

        var face = FakeCard.Applet()
        face.files[0x0001] = File(content: .transparent(Self.filled(try ageRecord(), to: 1024)), access: [0x0011])
        face.files[0x0002] = File(content: .transparent(Self.filled(try cardFace(), to: 8192)), access: [0x0012, 0x0013])
        face.files[0x0003] = File(content: .transparent(Self.filled(faceBasicInfo, to: 512)))
        face.files[0x0004] = File(content: .transparent(Self.filled(try cvCertificate(issuerID: "9000023"), to: 1024)))
        face.files[0x0005] = File(content: .transparent(Self.filled(try numberImage(), to: 1024)), access: [0x0013])
        face.files[0x0011] = File(content: .pin(value: Self.ascii(persona.eraBirthDate), tries: 10, maximum: 10))
        face.files[0x0012] = File(content: .pin(value: Self.ascii(persona.pinB), tries: 10, maximum: 10))
        face.files[0x0013] = File(content: .pin(value: Self.ascii(persona.individualNumber), tries: 10, maximum: 10))
        face.cardKey = keys.card

        var jpki = FakeCard.Applet()
        let authCA = try caCertificate(purpose: Self.authenticationPurpose)
        let signCA = try caCertificate(purpose: Self.signaturePurpose)
        let auth = try leafCertificate(
            purpose: Self.authenticationPurpose, key: keys.authentication, serial: 1, keyUsage: KeyUsage(digitalSignature: true))
        let sign = try leafCertificate(
            purpose: Self.signaturePurpose, key: keys.signature, serial: 2,
            keyUsage: KeyUsage(digitalSignature: true, nonRepudiation: true))
        jpki.files[0x0001] = File(content: .transparent(Self.filled(try Self.der(sign), to: 2048, with: 0)), access: [0x001B])
        jpki.files[0x0002] = File(content: .transparent(Self.filled(try Self.der(signCA), to: 2048, with: 0)))
        jpki.files[0x0006] = File(content: .transparent(tokenInfo))
        jpki.files[0x0008] = File(content: .transparent([0x8F, 0x8F, 0x00]))
        jpki.files[0x000A] = File(
            content: .transparent(Self.filled(try Self.der(auth), to: 2048, with: 0)), access: phoneToken ? [0x0018] : [])
        jpki.files[0x000B] = File(content: .transparent(Self.filled(try Self.der(authCA), to: 2048, with: 0)))
        jpki.files[0x0017] = File(content: .key(keys.authentication), access: [0x0018])
        jpki.files[0x0018] = File(content: .pin(value: Self.ascii(persona.pin), tries: 3, maximum: 3))
        jpki.files[0x001A] = File(content: .key(keys.signature), access: [0x001B])
        jpki.files[0x001B] = File(content: .pin(value: Self.ascii(persona.password), tries: 5, maximum: 5))

        var common = FakeCard.Applet()
        common.files[0x0001] = File(
            content: .records([
                [0x01, 0x1C] + Self.ascii(persona.cardSerial + persona.municipalityCode + persona.cardExpiry)
            ]))

        return FakeCard(
            applets: [Self.textAID: text, Self.faceAID: face, Self.jpkiAID: jpki, Self.commonAID: common],
            shortOnly: shortOnly)
    }
}
