import Crypto
import Foundation
import MynaCard
import MynaISO7816

extension CardImageBuilder {
    /// The card face confirmation ("surface") applet.
    mutating func buildCardFaceConfirmation() throws(SimulatorError) {
        var applet = AppletImage()
        applet.signsWithCardKey = true
        let cardKey = CardTLV.encode(0xDF24, keys.card.cardEncoding)

        // 0001 age record
        let ageObjects = CardTLV.encode(0xDF11, CardTLV.ascii(persona.birthDate.compact))
            + CardTLV.encode(0xDF12, keys.card.cardEncoding)
        let age = CardTLV.encode(0xFF10, children: [ageObjects, CardTLV.encode(0xDF13, try keys.issuer.signSHA256(ageObjects))])
        applet.files[CardFaceConfirmationFile.ageRecord.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(age, to: SimulatedFiles.ageRecordSize, filler: 0xFF)),
            access: .anyOf([.birthDateKey]))

        // 0002 card face
        let g1 = CardTLV.encode(0xDF22, CardTLV.ascii(persona.birthDate.compact))
            + CardTLV.encode(0xDF23, CardTLV.ascii(persona.sex.rawValue)) + cardKey
        let nameImage = CardTLV.encode(0xDF25, CardFaceImages.text(persona.name.full, maximumWidth: 512))
        let addressImage = CardTLV.encode(0xDF26, CardFaceImages.text(persona.address, maximumWidth: 704))
        let g2 = nameImage + addressImage
        let g3 = CardTLV.encode(0xDF27, photo())
        let digestInfo = Self.threeHashDigestInfoPrefix + Array(SHA256.hash(data: g1)) + Array(SHA256.hash(data: g2))
            + Array(SHA256.hash(data: g3))
        guard let faceSignature = keys.issuer.signPKCS1(payload: digestInfo) else {
            throw SimulatorError(.buildFailed, "cannot sign the card face record")
        }
        let objects = [
            CardTLV.encode(0xDF22, CardTLV.ascii(persona.birthDate.compact)),
            CardTLV.encode(0xDF23, CardTLV.ascii(persona.sex.rawValue)),
            cardKey,
            nameImage,
            addressImage,
            g3,
            CardTLV.encode(0xDF28, faceSignature),
            CardTLV.encode(0xDF29, CardTLV.ascii(persona.effectiveCardExpiry.compact)),
            CardTLV.encode(0xDF2A, CardFaceImages.digits(persona.securityCode)),
        ]
        let face = Self.withOffsetTable(outerTag: 0xFF20, tableTag: 0xDF21, objects: objects)
        applet.files[CardFaceConfirmationFile.cardFace.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(face, to: SimulatedFiles.cardFaceSize, filler: 0xFF, growth: 1024)),
            access: .anyOf([.cardFacePINA, .cardFacePINB]))

        // 0003 basic info
        applet.files[CardFaceConfirmationFile.basicInfo.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(cardFaceBasicInfo(extendedLength: true),
                to: SimulatedFiles.cardFaceBasicInfoSize, filler: 0xFF)),
            access: .always)
        applet.shortAPDUVariants[CardFaceConfirmationFile.basicInfo.rawValue] = CardTLV.pad(
            cardFaceBasicInfo(extendedLength: false), to: SimulatedFiles.cardFaceBasicInfoSize, filler: 0xFF)

        // 0004 CV certificate
        let certificate = try cardVerifiableCertificate(issuerKeyNumber: "9000023", subjectSuffix: "2", ca: keys.cardFaceCA)
        applet.files[CardFaceConfirmationFile.cardVerifiableCertificate.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(certificate, to: SimulatedFiles.cardVerifiableCertificateSize, filler: 0xFF)),
            access: .always)

        // 0005 individual-number image
        let numberObjects = CardTLV.encode(0xDF41, CardFaceImages.digits(persona.individualNumber))
            + CardTLV.encode(0xDF42, keys.card.cardEncoding)
        let number = CardTLV.encode(
            0xFF40, children: [numberObjects, CardTLV.encode(0xDF43, try keys.issuer.signSHA256(numberObjects))])
        applet.files[CardFaceConfirmationFile.individualNumberImage.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(number, to: SimulatedFiles.individualNumberImageSize, filler: 0xFF)),
            access: .anyOf([.cardFacePINA]))

        applet.files[CardFaceConfirmationFile.birthDateKey.rawValue] = Self.credentialFile(.birthDateKey)
        applet.files[CardFaceConfirmationFile.pinB.rawValue] = Self.credentialFile(.cardFacePINB)
        applet.files[CardFaceConfirmationFile.pinA.rawValue] = Self.credentialFile(.cardFacePINA)
        applets[.cardFaceConfirmation] = applet
    }

    /// The DigestInfo prefix of `DF28`: SHA-256 algorithm, OCTET STRING of 96 bytes (three hashes).
    static let threeHashDigestInfoPrefix: [UInt8] = [
        0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60,
    ]

    /// The face photo's JP2 bytes: the persona's, or the built-in synthetic drawing.
    func photo() -> [UInt8] {
        let base64 = persona.photoJP2Base64 ?? PhotoFixture.jp2Base64
        return Data(base64Encoded: base64, options: .ignoreUnknownCharacters).map { Array($0) } ?? []
    }

    /// EF `0003`: `FF30` { DF31 `06 03 0E 01`, DF32 key id, DF33 `01`, DF34 municipality, DF35 key id ‖ 256 bytes }.
    func cardFaceBasicInfo(extendedLength: Bool) -> [UInt8] {
        var opaque: [UInt8] = []
        var hash = Array(SHA256.hash(data: Array("MynaSim DF35".utf8) + CardTLV.ascii(persona.cardSerial)))
        for _ in 0..<8 {
            opaque += hash
            hash = Array(SHA256.hash(data: hash))
        }
        return CardTLV.encode(0xFF30, children: [
            CardTLV.encode(0xDF31, [0x06, extendedLength ? 0x03 : 0x00, 0x0E, 0x01]),
            CardTLV.encode(0xDF32, CardTLV.keyIdentifier("9000024")),
            CardTLV.encode(0xDF33, [0x01]),
            CardTLV.encode(0xDF34, CardTLV.ascii(persona.municipalityCode)),
            CardTLV.encode(0xDF35, CardTLV.keyIdentifier("9000025") + opaque),
        ])
    }
}
