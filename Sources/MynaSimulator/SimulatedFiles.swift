import MynaISO7816

/// The simulator's own file constants: files that exist on real cards but that `MynaCard` does not name,
/// and the physical sizes of every transparent file (see `Documentation/card-formats.md`).
enum SimulatedFiles {
    /// Card info input support `0007`: the card key with the issuer's signature (`FF50`).
    static let cardInfoSignedCardKey = FileIdentifier(0x0007)
    /// Card info input support `0013`: the card key (private), used by `80 2A 00 00`.
    static let cardInfoCardKey = FileIdentifier(0x0013)
    /// Common card applet `0002`: a 16-byte key reference record.
    static let commonCardKeyReference = FileIdentifier(0x0002)
    /// Common card applet `001C`: PIN.
    static let commonCardPIN = FileIdentifier(0x001C)

    /// Physical size of the four JPKI certificate files (filler `00`).
    static let certificateSize = 2048
    /// Text `0001`.
    static let individualNumberSize = 17
    /// Text `0002`.
    static let basicAttributesSize = 1024
    /// Text `0003`.
    static let integrityRecordSize = 512
    /// Text and surface `0004`.
    static let cardVerifiableCertificateSize = 1024
    /// Text `0005`.
    static let cardInfoBasicInfoSize = 256
    /// Text `0007`.
    static let signedCardKeySize = 1024
    /// Surface `0001`.
    static let ageRecordSize = 1024
    /// Surface `0002`.
    static let cardFaceSize = 8192
    /// Surface `0003`.
    static let cardFaceBasicInfoSize = 512
    /// Surface `0005`.
    static let individualNumberImageSize = 1024
}
