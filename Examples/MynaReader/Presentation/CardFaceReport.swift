import MynaKit

/// What the visual-confirmation (目視確認) screen shows: the card face's photo, name and address images,
/// birth date, sex and expiry, and the certificate status — rendered by ``html()`` as one self-contained
/// page in ``language``: Japanese alone, or (English) each Japanese label with its English after it, as
/// the card itself is printed in Japanese.
///
/// The report holds plain values only: `myna face` reads the card-face confirmation applet (券面事項確認AP),
/// decodes the photo with MynaPhoto (`JPEG2000Decoder`, `PNGEncoder`), and formats dates and sex as they
/// should be read. Presentation, so it lives in the example: the library decides, the example renders.
///
/// **Personal data appears here by design.** The report, its HTML and its images are for the screen
/// only: never log them, never write them where they outlive the check. ``description`` and the
/// reflection mirror are redacted so an accidental `print` or `dump` shows nothing personal.
struct CardFaceReport: Sendable {
    /// How the certificate status is highlighted. An open set: compare against the static members.
    struct Severity: Hashable, Sendable, CustomStringConvertible {
        let rawValue: UInt8
        init(_ rawValue: UInt8) { self.rawValue = rawValue }

        /// The certificate is valid: green.
        static let ok = Severity(1)
        /// Usable but needs attention, for example expiring within three months: amber.
        static let warning = Severity(2)
        /// Not usable (expired, revoked, locked): red.
        static let critical = Severity(3)
        /// Not checked or not known: grey.
        static let unknown = Severity(4)

        /// The severity's name.
        var description: String {
            switch self {
            case .ok: "ok"
            case .warning: "warning"
            case .critical: "critical"
            case .unknown: "unknown"
            default: "severity(\(rawValue))"
            }
        }
    }

    /// The face photo as PNG (for example ``PNGEncoder/encode(_:)`` of the decoded JPEG 2000), or `nil`.
    var photoPNG: [UInt8]?
    /// The name image from the card face (1-bit PNG, `DF25`), or `nil`.
    var nameImagePNG: [UInt8]?
    /// The address image from the card face (1-bit PNG, `DF26`), or `nil`.
    var addressImagePNG: [UInt8]?
    /// The name as text, when also read (card info input support applet); shown under the image.
    var name: String?
    /// The address as text, when also read; shown under the image.
    var address: String?
    /// The birth date, formatted for reading (for example `1990-04-01` or `平成2年4月1日`).
    var birthDate: String
    /// The sex, formatted for reading (for example `女 Female`).
    var sex: String
    /// The card's expiry date, formatted for reading.
    var cardExpiry: String
    /// The electronic certificate's status in words (for example `有効 Valid until 2030-04-01`).
    var certificateStatus: String
    /// How ``certificateStatus`` is highlighted.
    var certificateSeverity: Severity
    /// Further remarks for the operator, each shown as a list item.
    var notes: [String]
    /// The language of the page's own words (labels, notices, the status badge); the values above come
    /// already in it.
    var language: MessageLanguage

    /// Creates a report.
    init(
        photoPNG: [UInt8]?,
        nameImagePNG: [UInt8]?,
        addressImagePNG: [UInt8]?,
        name: String? = nil,
        address: String? = nil,
        birthDate: String,
        sex: String,
        cardExpiry: String,
        certificateStatus: String,
        certificateSeverity: Severity,
        notes: [String] = [],
        language: MessageLanguage = .english
    ) {
        self.photoPNG = photoPNG
        self.nameImagePNG = nameImagePNG
        self.addressImagePNG = addressImagePNG
        self.name = name
        self.address = address
        self.birthDate = birthDate
        self.sex = sex
        self.cardExpiry = cardExpiry
        self.certificateStatus = certificateStatus
        self.certificateSeverity = certificateSeverity
        self.notes = notes
        self.language = language
    }
}

extension CardFaceReport: CustomStringConvertible, CustomReflectable {
    /// Redacted: the report is personal data.
    var description: String { "CardFaceReport(personal data redacted)" }

    /// A mirror without children, so `dump` shows nothing personal.
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
