/// A data object GET DATA (`00 CA <tag> 00`) answers at the master-file level — after power-up or after
/// selecting the ISD (`ApplicationIdentifier.issuerSecurityDomain`), never while an applet is
/// current. Which objects a card answers varies: an absent one answers `6A88` (`6A82` also seen).
///
/// An open set of tags; the ones the card facts list are static members.
package struct MasterFileDataObject: Hashable, Sendable, CustomStringConvertible {
    /// The tag, as GET DATA's P1-P2.
    package let tag: UInt16

    /// Creates a data object reference.
    package init(tag: UInt16) { self.tag = tag }

    /// `0042`: issuer identification, a 16-byte key reference.
    package static let issuerIdentification = MasterFileDataObject(tag: 0x0042)
    /// `0045`: the card identification number, ASCII.
    package static let cardIdentificationNumber = MasterFileDataObject(tag: 0x0045)
    /// `0066`: GlobalPlatform card recognition data.
    package static let cardRecognitionData = MasterFileDataObject(tag: 0x0066)
    /// `00F0`: the issuing municipality's code, 5 ASCII digits.
    package static let municipalityCode = MasterFileDataObject(tag: 0x00F0)
    /// `00F2`: the card's expiry, 8 ASCII digits `YYYYMMDD`.
    package static let cardExpiry = MasterFileDataObject(tag: 0x00F2)
    /// `00F7`: the key identifier of the intermediate key that signs ``intermediateCertificate``.
    package static let intermediateKeyIdentifier = MasterFileDataObject(tag: 0x00F7)
    /// `00F8`: CV certificate root → intermediate (signed by 5000020; test 6000020), without the `7F21` header.
    package static let rootCertificate = MasterFileDataObject(tag: 0x00F8)
    /// `7F21`: CV certificate intermediate → next, without the `7F21` header; missing on older cards.
    package static let intermediateCertificate = MasterFileDataObject(tag: 0x7F21)
    /// `5F51`: the contact ATR without TS (some cards answer it only inside an applet).
    package static let answerToReset = MasterFileDataObject(tag: 0x5F51)

    /// Every object the card facts list.
    package static let all: [MasterFileDataObject] = [
        .issuerIdentification, .cardIdentificationNumber, .cardRecognitionData, .municipalityCode, .cardExpiry,
        .intermediateKeyIdentifier, .rootCertificate, .intermediateCertificate, .answerToReset,
    ]

    /// The tag in hex, e.g. `00F0`.
    package var description: String {
        let digits = Array("0123456789ABCDEF")
        return (0..<4).reversed().map { String(digits[Int(tag >> (4 * UInt16($0)) & 0xF)]) }.joined()
    }
}
