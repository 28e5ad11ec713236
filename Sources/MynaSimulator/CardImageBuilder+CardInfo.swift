import Crypto
import MynaCard
import MynaCodec
import MynaISO7816

extension CardImageBuilder {
    /// The card info input support ("text") applet, its files made by MynaCard's encoders and opened as
    /// MynaCard's access table says.
    mutating func buildCardInfoInputSupport() throws(SimulatorError) {
        var applet = AppletImage()
        applet.signsWithCardKey = true

        let number = CardInfoFiles.encodeIndividualNumber(persona.individualNumber)
        let attributes = CardInfoFiles.encodeBasicAttributes(
            name: persona.name.full, address: persona.address, birthDate: persona.birthDate, sex: persona.sex.rawValue)
        applet.files[CardInfoInputSupportFile.individualNumber.rawValue] = SimulatedFile(
            .textIndividualNumber, .transparent(number))
        applet.files[CardInfoInputSupportFile.basicAttributes.rawValue] = SimulatedFile(
            .textBasicAttributes,
            .transparent(CardRecord.pad(attributes.file, to: SimulatedFiles.basicAttributesSize, filler: 0xFF)))

        let integrity = try IntegrityRecord.encode(
            individualNumberFile: number, basicAttributesSignedPart: attributes.signedPart, sign: keys.issuer.signSHA256)
        applet.files[CardInfoInputSupportFile.integrityRecord.rawValue] = SimulatedFile(
            .textIntegrityRecord,
            .transparent(CardRecord.pad(integrity, to: SimulatedFiles.integrityRecordSize, filler: 0xFF)))

        let certificate = try cardVerifiableCertificate(issuerKeyNumber: "9000033", subjectSuffix: "3", ca: keys.cardInfoCA)
        applet.files[CardInfoInputSupportFile.cardVerifiableCertificate.rawValue] = SimulatedFile(
            .textCardVerifiableCertificate,
            .transparent(CardRecord.pad(certificate, to: SimulatedFiles.cardVerifiableCertificateSize, filler: 0xFF)))

        applet.files[CardInfoInputSupportFile.basicInfo.rawValue] = SimulatedFile(
            .textBasicInfo,
            .transparent(CardRecord.pad(cardInfoBasicInfo(certificate: certificate, extendedLength: true),
                to: SimulatedFiles.cardInfoBasicInfoSize, filler: 0xFF)))
        applet.shortAPDUVariants[CardInfoInputSupportFile.basicInfo.rawValue] = CardRecord.pad(
            cardInfoBasicInfo(certificate: certificate, extendedLength: false),
            to: SimulatedFiles.cardInfoBasicInfoSize, filler: 0xFF)

        // 0006: the key SET SESSION KEY seeds are encrypted to (CardEngine+SecureMessaging.swift).
        let sessionKey = CardRecord.encode(CardInfoFiles.sessionKeyTag, keys.cardInfoCA.cardEncoding)
        applet.files[ElementaryFile.textSessionKey.identifier.rawValue] = SimulatedFile(
            .textSessionKey, .transparent(CardRecord.pad(sessionKey, to: SimulatedFiles.sessionKeySize, filler: 0xFF)))
        // 0008: sixteen FF, purpose unknown, access not established (simulated as closed).
        applet.files[ElementaryFile.textUnknown0008.identifier.rawValue] = SimulatedFile(
            .textUnknown0008, .transparent([UInt8](repeating: 0xFF, count: 16)))

        let signedKey = try VerifiedCardKey.encodeSignedCardKey(keys.card.cardEncoding, sign: keys.issuer.signSHA256)
        applet.files[CardInfoInputSupportFile.cardKey.rawValue] = SimulatedFile(
            .textCardKey, .transparent(CardRecord.pad(signedKey, to: SimulatedFiles.signedCardKeySize, filler: 0xFF)))
        applet.files[CardInfoInputSupportFile.cardPrivateKey.rawValue] = SimulatedFile(.textChallengeKey, .privateKey(.card))

        if hasPINs { applet.files[CardInfoInputSupportFile.pin.rawValue] = Self.credentialFile(.cardInfoPIN) }
        applet.files[CardInfoInputSupportFile.blockedAtIssue.rawValue] = Self.credentialFile(.cardInfoBlockedReference)
        applet.files[CardInfoInputSupportFile.pinA.rawValue] = Self.credentialFile(.cardInfoPINA)
        applet.files[CardInfoInputSupportFile.pinB.rawValue] = Self.credentialFile(.cardInfoPINB)
        applets[.cardInfoInputSupport] = applet
    }

    /// EF `0001`: `FF 10 0C` + 12 digits + `FF FF` (17 bytes).
    func individualNumberFile() -> [UInt8] {
        CardInfoFiles.encodeIndividualNumber(persona.individualNumber)
    }

    /// EF `0005`: `FF40` { DF41 `01 03 0E 01`, DF42 key id, DF43 32 bytes + 96 × FF }.
    func cardInfoBasicInfo(certificate: [UInt8], extendedLength: Bool) -> [UInt8] {
        AppletBasicInfo.encodeCardInfo(
            information: [0x01, extendedLength ? 0x03 : 0x00, 0x0E, 0x01],
            keyIdentifier: CardRecord.keyIdentifier("9000034"),
            trailing: Array(SHA256.hash(data: certificate)) + [UInt8](repeating: 0xFF, count: 96))
    }
}
