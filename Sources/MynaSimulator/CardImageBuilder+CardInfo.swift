import Crypto
import MynaCard
import MynaISO7816

extension CardImageBuilder {
    /// The card info input support ("text") applet.
    mutating func buildCardInfoInputSupport() throws(SimulatorError) {
        var applet = AppletImage()
        applet.signsWithCardKey = true
        let pinOrA: Set<SimulatedCredential> = hasPINs ? [.cardInfoPIN, .cardInfoPINA] : [.cardInfoPINA]
        let pinOrB: Set<SimulatedCredential> = hasPINs ? [.cardInfoPIN, .cardInfoPINB] : [.cardInfoPINB]
        let any = pinOrA.union(pinOrB)

        let number = individualNumberFile()
        let attributes = basicAttributesContent()
        applet.files[CardInfoInputSupportFile.individualNumber.rawValue] = SimulatedFile(
            content: .transparent(number), access: .anyOf(pinOrA))
        applet.files[CardInfoInputSupportFile.basicAttributes.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(attributes.file, to: SimulatedFiles.basicAttributesSize, filler: 0xFF)),
            access: .anyOf(pinOrB))

        let integrityObjects =
            CardTLV.encode(0xDF31, Array(SHA256.hash(data: number)))
            + CardTLV.encode(0xDF32, Array(SHA256.hash(data: attributes.digestSource)))
        let integrity = CardTLV.encode(
            0xFF30, children: [integrityObjects, CardTLV.encode(0xDF33, try keys.issuer.signSHA256(integrityObjects))])
        applet.files[CardInfoInputSupportFile.integrityRecord.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(integrity, to: SimulatedFiles.integrityRecordSize, filler: 0xFF)),
            access: .anyOf(any))

        let certificate = try cardVerifiableCertificate(issuerKeyNumber: "9000033", subjectSuffix: "3", ca: keys.cardInfoCA)
        applet.files[CardInfoInputSupportFile.cardVerifiableCertificate.rawValue] = SimulatedFile(
            content: .transparent(
                CardTLV.pad(certificate, to: SimulatedFiles.cardVerifiableCertificateSize, filler: 0xFF)),
            access: .always)

        applet.files[CardInfoInputSupportFile.basicInfo.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(cardInfoBasicInfo(certificate: certificate, extendedLength: true),
                to: SimulatedFiles.cardInfoBasicInfoSize, filler: 0xFF)),
            access: .always)
        applet.shortAPDUVariants[CardInfoInputSupportFile.basicInfo.rawValue] = CardTLV.pad(
            cardInfoBasicInfo(certificate: certificate, extendedLength: false),
            to: SimulatedFiles.cardInfoBasicInfoSize, filler: 0xFF)

        let keyObject = CardTLV.encode(0xDF51, keys.card.cardEncoding)
        let signedKey = CardTLV.encode(
            0xFF50, children: [keyObject, CardTLV.encode(0xDF52, try keys.issuer.signSHA256(keyObject))])
        applet.files[SimulatedFiles.cardInfoSignedCardKey.rawValue] = SimulatedFile(
            content: .transparent(CardTLV.pad(signedKey, to: SimulatedFiles.signedCardKeySize, filler: 0xFF)),
            access: .anyOf(any))
        applet.files[SimulatedFiles.cardInfoCardKey.rawValue] = SimulatedFile(content: .privateKey(.card), access: .always)

        if hasPINs { applet.files[CardInfoInputSupportFile.pin.rawValue] = Self.credentialFile(.cardInfoPIN) }
        applet.files[CardInfoInputSupportFile.blockedAtIssue.rawValue] = Self.credentialFile(.cardInfoBlockedReference)
        applet.files[CardInfoInputSupportFile.pinA.rawValue] = Self.credentialFile(.cardInfoPINA)
        applet.files[CardInfoInputSupportFile.pinB.rawValue] = Self.credentialFile(.cardInfoPINB)
        applets[.cardInfoInputSupport] = applet
    }

    /// EF `0001`: `FF 10 0C` + 12 digits + `FF FF` (17 bytes).
    func individualNumberFile() -> [UInt8] {
        CardTLV.pad(CardTLV.encode(0xFF10, CardTLV.ascii(persona.individualNumber)),
            to: SimulatedFiles.individualNumberSize, filler: 0xFF)
    }

    /// EF `0002`'s content (without filler) and the bytes `DF32` hashes (DF22 to the end).
    func basicAttributesContent() -> (file: [UInt8], digestSource: [UInt8]) {
        let objects = [
            CardTLV.encode(0xDF22, Array(persona.name.full.utf8)),
            CardTLV.encode(0xDF23, Array(persona.address.utf8)),
            CardTLV.encode(0xDF24, CardTLV.ascii(persona.birthDate.compact)),
            CardTLV.encode(0xDF25, CardTLV.ascii(persona.sex.rawValue)),
        ]
        return (Self.withOffsetTable(outerTag: 0xFF20, tableTag: 0xDF21, objects: objects), Array(objects.joined()))
    }

    /// An outer data object whose first child is a table of u16 offsets (from the start of the file) of each
    /// following child's tag.
    static func withOffsetTable(outerTag: UInt32, tableTag: UInt32, objects: [[UInt8]]) -> [UInt8] {
        let tableValueCount = 2 * objects.count
        let tableCount = CardTLV.headerCount(tableTag, valueCount: tableValueCount) + tableValueCount
        let innerCount = tableCount + objects.reduce(0) { $0 + $1.count }
        var position = CardTLV.headerCount(outerTag, valueCount: innerCount) + tableCount
        var table: [UInt8] = []
        for object in objects {
            table += [UInt8(position >> 8), UInt8(position & 0xFF)]
            position += object.count
        }
        return CardTLV.encode(outerTag, children: [CardTLV.encode(tableTag, table)] + objects)
    }

    /// EF `0005`: `FF40` { DF41 `01 03 0E 01`, DF42 key id, DF43 32 bytes + 96 × FF }.
    func cardInfoBasicInfo(certificate: [UInt8], extendedLength: Bool) -> [UInt8] {
        let trailing = Array(SHA256.hash(data: certificate)) + [UInt8](repeating: 0xFF, count: 96)
        return CardTLV.encode(0xFF40, children: [
            CardTLV.encode(0xDF41, [0x01, extendedLength ? 0x03 : 0x00, 0x0E, 0x01]),
            CardTLV.encode(0xDF42, CardTLV.keyIdentifier("9000034")),
            CardTLV.encode(0xDF43, trailing),
        ])
    }
}
