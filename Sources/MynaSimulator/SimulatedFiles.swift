import MynaISO7816

/// The simulator's own choices for the physical sizes of the transparent files (real cards' sizes vary; see
/// `Documentation/card-formats.md`). Everything else about the files comes from MynaCard's tables.
enum SimulatedFiles {
    /// Physical size of the four JPKI certificate files (filler `00`).
    static let certificateSize = 2048
    /// Text `0002`.
    static let basicAttributesSize = 1024
    /// Text `0003`.
    static let integrityRecordSize = 512
    /// Text and surface `0004`.
    static let cardVerifiableCertificateSize = 1024
    /// Text `0005`.
    static let cardInfoBasicInfoSize = 256
    /// Text `0006`.
    static let sessionKeySize = 512
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
