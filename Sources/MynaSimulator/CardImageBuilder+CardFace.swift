import Crypto
import Foundation
import MynaCard
import MynaISO7816

extension CardImageBuilder {
    /// The card face confirmation ("surface") applet, its files made by MynaCard's encoders and opened as
    /// MynaCard's access table says.
    mutating func buildCardFaceConfirmation() throws(SimulatorError) {
        var applet = AppletImage()
        applet.signsWithCardKey = true
        let cardKey = keys.card.cardEncoding

        // 0001 age record
        let age = try AgeRecord.encode(birthDate: persona.birthDate, cardKey: cardKey, sign: keys.issuer.signSHA256)
        applet.files[CardFaceConfirmationFile.ageRecord.rawValue] = SimulatedFile(
            .surfaceAgeRecord, .transparent(CardRecord.pad(age, to: SimulatedFiles.ageRecordSize, filler: 0xFF)))

        // 0002 card face
        let issuer = keys.issuer
        let face = try CardFace.encode(
            birthDate: persona.birthDate, sex: persona.sex.rawValue, cardKey: cardKey,
            nameImage: CardFaceImages.text(persona.name.full, maximumWidth: 512),
            addressImage: CardFaceImages.text(persona.address, maximumWidth: 704), facePhoto: photo(),
            cardExpiry: persona.effectiveCardExpiry, securityCodeImage: CardFaceImages.digits(persona.securityCode)
        ) { (payload: [UInt8]) throws(SimulatorError) -> [UInt8] in
            guard let signature = issuer.signPKCS1(payload: payload) else {
                throw SimulatorError(.buildFailed, "cannot sign the card face record")
            }
            return signature
        }
        applet.files[CardFaceConfirmationFile.cardFace.rawValue] = SimulatedFile(
            .surfaceCardFace,
            .transparent(CardRecord.pad(face, to: SimulatedFiles.cardFaceSize, filler: 0xFF, growth: 1024)))

        // 0003 basic info
        applet.files[CardFaceConfirmationFile.basicInfo.rawValue] = SimulatedFile(
            .surfaceBasicInfo,
            .transparent(CardRecord.pad(cardFaceBasicInfo(extendedLength: true),
                to: SimulatedFiles.cardFaceBasicInfoSize, filler: 0xFF)))
        applet.shortAPDUVariants[CardFaceConfirmationFile.basicInfo.rawValue] = CardRecord.pad(
            cardFaceBasicInfo(extendedLength: false), to: SimulatedFiles.cardFaceBasicInfoSize, filler: 0xFF)

        // 0004 CV certificate
        let certificate = try cardVerifiableCertificate(issuerKeyNumber: "9000023", subjectSuffix: "2", ca: keys.cardFaceCA)
        applet.files[CardFaceConfirmationFile.cardVerifiableCertificate.rawValue] = SimulatedFile(
            .surfaceCardVerifiableCertificate,
            .transparent(CardRecord.pad(certificate, to: SimulatedFiles.cardVerifiableCertificateSize, filler: 0xFF)))

        // 0005 individual-number image
        let number = try IndividualNumberImage.encode(
            image: CardFaceImages.digits(persona.individualNumber), cardKey: cardKey, sign: keys.issuer.signSHA256)
        applet.files[CardFaceConfirmationFile.individualNumberImage.rawValue] = SimulatedFile(
            .surfaceIndividualNumberImage,
            .transparent(CardRecord.pad(number, to: SimulatedFiles.individualNumberImageSize, filler: 0xFF)))

        // 0006 sixteen FF, purpose unknown
        applet.files[ElementaryFile.surfaceUnknown0006.identifier.rawValue] = SimulatedFile(
            .surfaceUnknown0006, .transparent([UInt8](repeating: 0xFF, count: 16)))

        applet.files[CardFaceConfirmationFile.birthDateKey.rawValue] = Self.credentialFile(.birthDateKey)
        applet.files[CardFaceConfirmationFile.pinB.rawValue] = Self.credentialFile(.cardFacePINB)
        applet.files[CardFaceConfirmationFile.pinA.rawValue] = Self.credentialFile(.cardFacePINA)
        applets[.cardFaceConfirmation] = applet
    }

    /// The face photo's JP2 bytes: the persona's, or the built-in synthetic drawing.
    func photo() -> [UInt8] {
        let base64 = persona.photoJP2Base64 ?? PhotoFixture.jp2Base64
        return Data(base64Encoded: base64, options: .ignoreUnknownCharacters).map { Array($0) } ?? []
    }

    /// EF `0003`: `FF30` { DF31 `06 03 0E 01`, DF32 key id, DF33 `01`, DF34 municipality, DF35 key id ‖ 256 bytes }.
    func cardFaceBasicInfo(extendedLength: Bool) -> [UInt8] {
        var opaque: [UInt8] = []
        var hash = Array(SHA256.hash(data: Array("MynaSim DF35".utf8) + Array(persona.cardSerial.utf8)))
        for _ in 0..<8 {
            opaque += hash
            hash = Array(SHA256.hash(data: hash))
        }
        return AppletBasicInfo.encodeCardFace(
            information: [0x06, extendedLength ? 0x03 : 0x00, 0x0E, 0x01],
            keyIdentifier: CardRecord.keyIdentifier("9000024"), version: 0x01,
            municipalityCode: persona.municipalityCode, opaque: CardRecord.keyIdentifier("9000025") + opaque)
    }
}
