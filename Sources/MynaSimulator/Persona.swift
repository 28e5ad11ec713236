import Foundation
import MynaCard

/// A card holder and their card, described declaratively; ``CardImage`` turns it into a card.
///
/// Everything a real card derives (PIN-A, PIN-B, the birth-date key, certificate validity, the card's
/// expiry) is derived here the same way, so a persona only states what is printed on the card and what
/// the holder chose. Personas are `Codable`, so a state file or a test can describe one in JSON.
///
/// The built-in personas (``builtInNames``, ``named(_:)``) are fictitious people with synthetic data.
public struct Persona: Hashable, Sendable, Codable {
    /// The holder's name as the card writes it.
    public struct Name: Hashable, Sendable, Codable {
        /// The family name (氏).
        public var family: String
        /// The given name (名).
        public var given: String
        /// The family name with characters outside JIS X 0208 replaced (代替文字), when it has any.
        public var familySubstitute: String?
        /// The given name with characters outside JIS X 0208 replaced, when it has any.
        public var givenSubstitute: String?

        /// Creates a name.
        public init(family: String, given: String, familySubstitute: String? = nil, givenSubstitute: String? = nil) {
            self.family = family
            self.given = given
            self.familySubstitute = familySubstitute
            self.givenSubstitute = givenSubstitute
        }

        /// Family and given name separated by an ideographic space (U+3000), as the card stores it.
        public var full: String { family + "\u{3000}" + given }

        /// The full name with substitutes for characters outside JIS X 0208.
        public var fullSubstitute: String { (familySubstitute ?? family) + "\u{3000}" + (givenSubstitute ?? given) }
    }

    /// Sex as the card writes it (ISO 5218 digit).
    public enum Sex: String, Hashable, Sendable, Codable, CaseIterable {
        /// `1`.
        case male = "1"
        /// `2`.
        case female = "2"
        /// `9`, not applicable.
        case notApplicable = "9"
        /// `0`, not known.
        case unknown = "0"
    }

    /// What answers as the card: a physical card of some kind, or a phone's JPKI token.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// An ordinary My Number Card: five applets, PINs, both certificates (from age 15).
        case card
        /// A face-authentication card (顔認証マイナンバーカード): no PINs, no signature certificate.
        case faceAuthenticationCard
        /// The JPKI token of an Android phone (`JPKIAPGPSETOKEN`): the JPKI applet only.
        case androidToken
        /// The JPKI token of an iPhone (`JPKIAPIOSTOKEN`): the JPKI applet only.
        case iPhoneToken
        /// An old resident-registry card (住基カード, `JPKIAPICCTOKEN`): JPKI with the signature certificate only.
        case oldJukiCard
    }

    /// How the JPKI certificates' validity is chosen.
    public struct CertificateValidity: Hashable, Sendable, Codable {
        /// The rule.
        public enum Rule: String, Hashable, Sendable, Codable, CaseIterable {
            /// From the issue date until the holder's 5th birthday after issuance.
            case standard
            /// Expired 30 days before the reference date (five years long).
            case expired
            /// Expiring 60 days after the reference date — within the 3-month renewal alert.
            case expiringSoon
        }

        /// The rule.
        public var rule: Rule
        /// The date `expired` and `expiringSoon` are relative to; `nil` means the day the card is built.
        public var referenceDate: CalendarDate?

        /// Creates a validity choice.
        public init(_ rule: Rule, referenceDate: CalendarDate? = nil) {
            self.rule = rule
            self.referenceDate = referenceDate
        }

        /// The 5th-birthday rule.
        public static let standard = CertificateValidity(.standard)
    }

    /// The secrets the holder chose. Never printed: ``Persona`` redacts them from its description.
    public struct Credentials: Hashable, Sendable, Codable {
        /// The JPKI user-authentication PIN (利用者証明用電子証明書暗証番号), 4 digits.
        public var authenticationPIN: String
        /// The JPKI signature password (署名用電子証明書暗証番号), 6–16 of `A-Z0-9`.
        public var signaturePassword: String
        /// The card info input support PIN (券面事項入力補助用暗証番号), 4 digits.
        public var cardInfoPIN: String
        /// The resident-registry PIN (住民基本台帳用暗証番号), 4 digits.
        public var residentRegistryPIN: String

        /// Creates the holder's secrets.
        public init(authenticationPIN: String, signaturePassword: String, cardInfoPIN: String, residentRegistryPIN: String) {
            self.authenticationPIN = authenticationPIN
            self.signaturePassword = signaturePassword
            self.cardInfoPIN = cardInfoPIN
            self.residentRegistryPIN = residentRegistryPIN
        }

        /// The same 4-digit PIN for every 4-digit slot, as most holders set it.
        public init(pin: String, signaturePassword: String) {
            self.init(authenticationPIN: pin, signaturePassword: signaturePassword, cardInfoPIN: pin, residentRegistryPIN: pin)
        }
    }

    /// The persona's short name (`standard`, `faceAuthentication`, …), for logs and state files.
    public var identifier: String
    /// What answers as the card.
    public var kind: Kind
    /// The holder's name.
    public var name: Name
    /// The address, with full-width digits (`１２－３`), as the card stores it.
    public var address: String
    /// The address with characters outside JIS X 0208 replaced, when it has any.
    public var addressSubstitute: String?
    /// The birth date.
    public var birthDate: CalendarDate
    /// Sex.
    public var sex: Sex
    /// The 12-digit individual number (個人番号); also PIN-A.
    public var individualNumber: String
    /// The 4-digit security code printed under the photo (セキュリティコード).
    public var securityCode: String
    /// The 15-digit card serial of the common applet's record.
    public var cardSerial: String
    /// The 5-digit local government code (全国地方公共団体コード) of the issuing municipality.
    public var municipalityCode: String
    /// The day the card and its certificates were issued.
    public var issueDate: CalendarDate
    /// The card's expiry; `nil` derives it: the 10th birthday after issuance, the 5th when under 18 at issuance.
    public var cardExpiry: CalendarDate?
    /// The holder's secrets; `nil` for a face-authentication card, which has none.
    public var credentials: Credentials?
    /// How the certificates' validity is chosen.
    public var certificateValidity: CertificateValidity
    /// Credentials whose counter is already exhausted when the card is made (e.g. a locked PIN).
    public var lockedCredentials: [SimulatedCredential]
    /// A JPEG 2000 (JP2) greyscale face photo, base64; `nil` uses the built-in synthetic drawing.
    public var photoJP2Base64: String?
    /// Which of the pre-generated key sets (0…7) provides the holder's and the card's RSA keys.
    public var keySet: Int

    /// Creates a persona. See the properties for each parameter.
    public init(
        identifier: String, kind: Kind = .card, name: Name, address: String, addressSubstitute: String? = nil,
        birthDate: CalendarDate, sex: Sex, individualNumber: String, securityCode: String, cardSerial: String,
        municipalityCode: String, issueDate: CalendarDate, cardExpiry: CalendarDate? = nil,
        credentials: Credentials?, certificateValidity: CertificateValidity = .standard,
        lockedCredentials: [SimulatedCredential] = [], photoJP2Base64: String? = nil, keySet: Int = 0
    ) {
        self.identifier = identifier
        self.kind = kind
        self.name = name
        self.address = address
        self.addressSubstitute = addressSubstitute
        self.birthDate = birthDate
        self.sex = sex
        self.individualNumber = individualNumber
        self.securityCode = securityCode
        self.cardSerial = cardSerial
        self.municipalityCode = municipalityCode
        self.issueDate = issueDate
        self.cardExpiry = cardExpiry
        self.credentials = credentials
        self.certificateValidity = certificateValidity
        self.lockedCredentials = lockedCredentials
        self.photoJP2Base64 = photoJP2Base64
        self.keySet = keySet
    }
}

extension Persona {
    /// The holder's age in whole years on `date`.
    public func age(on date: CalendarDate) -> Int {
        var age = date.year - birthDate.year
        if (date.month, date.day) < (birthDate.month, birthDate.day) { age -= 1 }
        return age
    }

    /// The card's expiry: ``cardExpiry`` or the derived one.
    public var effectiveCardExpiry: CalendarDate {
        if let cardExpiry { return cardExpiry }
        return birthDate.birthday(age(on: issueDate) >= 18 ? 10 : 5, after: issueDate)
    }

    /// PIN-A (照合番号A): the individual number.
    public var pinA: String { individualNumber }

    /// PIN-B (照合番号B): Japanese-era birth date `YYMMDD` ‖ card expiry year ‖ security code (14 digits).
    public var pinB: String {
        birthDateKey + effectiveCardExpiry.compactDigits.prefix(4) + securityCode
    }

    /// The card face applet's birth-date key: the birth date as Japanese-era `YYMMDD` (MynaCard's
    /// `JapaneseEraDate`). A birth date no era writes with a two-digit year — which ``validate()`` rejects —
    /// gives the Gregorian `YYMMDD` instead.
    public var birthDateKey: String {
        if let eraDate = try? JapaneseEraDate(birthDate) { return eraDate.compactDigits }
        return String(birthDate.compactDigits.dropFirst(2))
    }

    /// Whether the JPKI applet carries a signature certificate: not on a face-authentication card, not for a
    /// holder under 15 at issuance.
    public var hasSignatureCertificate: Bool {
        kind != .faceAuthenticationCard && age(on: issueDate) >= 15
    }

    /// Whether the JPKI applet carries a user-authentication certificate (not on old resident-registry cards).
    public var hasAuthenticationCertificate: Bool { kind != .oldJukiCard }

    /// The longest name part or address accepted, in UTF-8 bytes (a card holds far less).
    public static let maximumTextLength = 1024
    /// The largest face photo accepted, in bytes (a card's is a few kilobytes).
    public static let maximumPhotoSize = 32 * 1024

    /// Checks every field's shape.
    ///
    /// - Throws: ``SimulatorError/Code/invalidPersona`` naming the first bad field (never its value when secret).
    public func validate() throws(SimulatorError) {
        func digits(_ text: String, _ count: Int) -> Bool {
            text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        }
        guard !identifier.isEmpty else { throw SimulatorError(.invalidPersona, "the identifier is empty") }
        guard !name.family.isEmpty else { throw SimulatorError(.invalidPersona, "the family name is empty") }
        guard !address.isEmpty else { throw SimulatorError(.invalidPersona, "the address is empty") }
        guard digits(individualNumber, 12) else { throw SimulatorError(.invalidPersona, "the individual number must be 12 ASCII digits") }
        guard digits(securityCode, 4) else { throw SimulatorError(.invalidPersona, "the security code must be 4 ASCII digits") }
        guard digits(cardSerial, 15) else { throw SimulatorError(.invalidPersona, "the card serial must be 15 ASCII digits") }
        guard digits(municipalityCode, 5) else { throw SimulatorError(.invalidPersona, "the municipality code must be 5 ASCII digits") }
        guard birthDate <= issueDate else { throw SimulatorError(.invalidPersona, "the birth date is after the issue date") }
        guard (try? JapaneseEraDate(birthDate)) != nil else {
            throw SimulatorError(.invalidPersona, "the birth date has no two-digit Japanese-era year (it is before Meiji 1, 1868-01-25)")
        }
        guard effectiveCardExpiry > issueDate else { throw SimulatorError(.invalidPersona, "the card expires before it is issued") }
        guard (0..<KeyFixtures.keySets.count).contains(keySet) else {
            throw SimulatorError(.invalidPersona, "keySet must be 0…\(KeyFixtures.keySets.count - 1)")
        }
        // The card files index their data objects with 16-bit offsets: oversized values would not fit.
        let texts: [(String, String?)] = [
            ("the family name", name.family), ("the given name", name.given),
            ("the family name substitute", name.familySubstitute), ("the given name substitute", name.givenSubstitute),
            ("the address", address), ("the address substitute", addressSubstitute),
        ]
        for case (let field, let text?) in texts where text.utf8.count > Self.maximumTextLength {
            throw SimulatorError(.invalidPersona, "\(field) is longer than \(Self.maximumTextLength) UTF-8 bytes")
        }
        if let photoJP2Base64 {
            guard photoJP2Base64.utf8.count <= Self.maximumPhotoSize * 2 else {
                throw SimulatorError(.invalidPersona, "the photo is larger than \(Self.maximumPhotoSize) bytes")
            }
            guard let photo = Data(base64Encoded: photoJP2Base64, options: .ignoreUnknownCharacters) else {
                throw SimulatorError(.invalidPersona, "photoJP2Base64 is not base64")
            }
            guard photo.count <= Self.maximumPhotoSize else {
                throw SimulatorError(.invalidPersona, "the photo is larger than \(Self.maximumPhotoSize) bytes")
            }
        }
        if kind == .faceAuthenticationCard {
            guard credentials == nil else {
                throw SimulatorError(.invalidPersona, "a face-authentication card has no PINs: credentials must be nil")
            }
        } else {
            guard let credentials else { throw SimulatorError(.invalidPersona, "credentials are required for \(kind)") }
            guard SimulatedCredential.authenticationPIN.accepts(Array(credentials.authenticationPIN.utf8)) else {
                throw SimulatorError(.invalidPersona, "the authentication PIN must be 4 digits")
            }
            guard SimulatedCredential.signaturePassword.accepts(Array(credentials.signaturePassword.utf8)) else {
                throw SimulatorError(.invalidPersona, "the signature password must be 6–16 of A–Z 0–9")
            }
            guard SimulatedCredential.cardInfoPIN.accepts(Array(credentials.cardInfoPIN.utf8)) else {
                throw SimulatorError(.invalidPersona, "the card info PIN must be 4 digits")
            }
            guard SimulatedCredential.residentRegistryPIN.accepts(Array(credentials.residentRegistryPIN.utf8)) else {
                throw SimulatorError(.invalidPersona, "the resident-registry PIN must be 4 digits")
            }
        }
    }
}

extension Persona: CustomStringConvertible, CustomDebugStringConvertible {
    /// The identifier and kind only: a persona's fields are personal data and secrets.
    public var description: String { "Persona(\(identifier), \(kind))" }
    /// As ``description``.
    public var debugDescription: String { description }
}
