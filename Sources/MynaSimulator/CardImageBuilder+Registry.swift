import MynaCard
import MynaCodec
import MynaISO7816

extension CardImageBuilder {
    /// The 16-byte key reference record shared (byte-identical) by the resident registry and common applets.
    static let keyReferenceRecord = CardRecord.keyIdentifier("9000001")

    /// The common card applet: record 1 of EF `0001` = `01 1C` serial ‖ municipality ‖ expiry.
    mutating func buildCommonCard() {
        var applet = AppletImage()
        let record = CardIdentity.encodeRecord(
            cardSerial: persona.cardSerial, municipalityCode: persona.municipalityCode,
            cardExpiry: persona.effectiveCardExpiry)
        applet.files[CommonCardFile.cardRecord.rawValue] = SimulatedFile(.commonCardRecord, .records([record]))
        applet.files[CommonCardFile.keyReferenceRecord.rawValue] = SimulatedFile(
            .commonCardKeyReference, .records([Self.keyReferenceRecord]))
        if hasPINs { applet.files[CommonCardFile.pin.rawValue] = Self.credentialFile(.commonCardPIN) }
        applets[.commonCard] = applet
    }

    /// The resident registry applet: record EF `0002`, PIN `001C`.
    mutating func buildResidentRegistry() {
        var applet = AppletImage()
        applet.files[ResidentRegistryFile.record.rawValue] = SimulatedFile(
            .residentRegistryRecord, .records([Self.keyReferenceRecord]))
        if hasPINs { applet.files[ResidentRegistryFile.pin.rawValue] = Self.credentialFile(.residentRegistryPIN) }
        applets[.residentRegistry] = applet
    }

    /// The master-file data objects (GET DATA with no applet current): the card identification number (the
    /// simulator uses the card serial), municipality, expiry, the issuer key reference, GlobalPlatform card
    /// recognition data, and a CV chain `00F8` (root → intermediate, over 256 bytes, so that a short Le
    /// answers `6700`) → `7F21` (intermediate → the issuer key), `00F7` naming the intermediate key.
    mutating func buildMasterFile() throws(SimulatorError) {
        let values = MasterFileData.encode(
            cardIdentificationNumber: persona.cardSerial, municipalityCode: persona.municipalityCode,
            cardExpiry: persona.effectiveCardExpiry)
        for (object, value) in values { masterFileObjects[object.tag] = value }
        masterFileObjects[MasterFileDataObject.issuerIdentification.tag] = Self.keyReferenceRecord
        // 73 { 06 <OID 1.2.840.114283.1: GlobalPlatform card recognition data> }
        masterFileObjects[MasterFileDataObject.cardRecognitionData.tag] =
            [0x66, 0x0B, 0x73, 0x09, 0x06, 0x07, 0x2A, 0x86, 0x48, 0x86, 0xFC, 0x6B, 0x01]
        let root = CardRecord.keyIdentifier("9000020", last: 0xA8)
        let intermediate = CardRecord.keyIdentifier("9000021")
        let rootCertificate = try CardVerifiableCertificate.encode(
            issuerKeyIdentifier: root, subjectKeyIdentifier: intermediate, publicKey: keys.cardFaceCA.cardEncoding,
            sign: keys.cardInfoCA.signSHA256)
        let intermediateCertificate = try CardVerifiableCertificate.encode(
            issuerKeyIdentifier: intermediate, subjectKeyIdentifier: municipalityKeyIdentifier(suffix: "0"),
            publicKey: keys.issuer.cardEncoding, sign: keys.cardFaceCA.signSHA256)
        // Both come without their 7F21 header.
        masterFileObjects[MasterFileDataObject.rootCertificate.tag] = Self.withoutHeader(rootCertificate)
        masterFileObjects[MasterFileDataObject.intermediateCertificate.tag] = Self.withoutHeader(intermediateCertificate)
        masterFileObjects[MasterFileDataObject.intermediateKeyIdentifier.tag] = intermediate
    }

    /// The value of a `7F21` data object (its children), without tag and length.
    static func withoutHeader(_ certificate: [UInt8]) -> [UInt8] {
        guard let node = try? BERTLV.parseSingle(certificate[...]) else { return certificate }
        return Array(node.value)
    }
}
