import MynaCard
import MynaISO7816

extension CardImageBuilder {
    /// The 16-byte key reference record shared (byte-identical) by the resident registry and common applets.
    static let keyReferenceRecord = CardTLV.keyIdentifier("9000001")

    /// The common card applet: record 1 of EF `0001` = `01 1C` serial ‖ municipality ‖ expiry.
    mutating func buildCommonCard() {
        var applet = AppletImage()
        let record = CardTLV.encode(
            0x01, CardTLV.ascii(persona.cardSerial + persona.municipalityCode + persona.effectiveCardExpiry.compact))
        applet.files[CommonCardFile.cardRecord.rawValue] = SimulatedFile(content: .records([record]), access: .always)
        applet.files[SimulatedFiles.commonCardKeyReference.rawValue] = SimulatedFile(
            content: .records([Self.keyReferenceRecord]), access: .always)
        if hasPINs { applet.files[SimulatedFiles.commonCardPIN.rawValue] = Self.credentialFile(.commonCardPIN) }
        applets[.commonCard] = applet
    }

    /// The resident registry applet: record EF `0002`, PIN `001C`.
    mutating func buildResidentRegistry() {
        var applet = AppletImage()
        applet.files[ResidentRegistryFile.record.rawValue] = SimulatedFile(
            content: .records([Self.keyReferenceRecord]), access: .always)
        if hasPINs { applet.files[ResidentRegistryFile.pin.rawValue] = Self.credentialFile(.residentRegistryPIN) }
        applets[.residentRegistry] = applet
    }
}
