import MynaISO7816

/// A reference datum of the card — a PIN, a password, PIN-A, PIN-B, the birth-date key — identified by its
/// applet and key reference (PIN EF), with the format its values have.
///
/// An open set of static members, one per credential the card info and JPKI applets use. The values
/// themselves are ``Passcode``s.
public struct Credential: Hashable, Sendable, CustomStringConvertible {
    /// The shape a credential's value has; checked before anything is sent to the card.
    public struct Format: Hashable, Sendable, CustomStringConvertible {
        /// The fewest characters.
        public let minimumLength: Int
        /// The most characters.
        public let maximumLength: Int
        /// Whether `A`–`Z` are allowed besides `0`–`9` (input in lower case is upper-cased).
        public let allowsLetters: Bool

        /// Creates a format.
        public init(minimumLength: Int, maximumLength: Int, allowsLetters: Bool) {
            self.minimumLength = minimumLength
            self.maximumLength = maximumLength
            self.allowsLetters = allowsLetters
        }

        /// Exactly `count` ASCII digits.
        public static func digits(_ count: Int) -> Format {
            Format(minimumLength: count, maximumLength: count, allowsLetters: false)
        }

        /// 6–16 of `A`–`Z` `0`–`9`: the JPKI signature password.
        public static let signaturePassword = Format(minimumLength: 6, maximumLength: 16, allowsLetters: true)

        /// The rule in words, such as `4 digits` or `6–16 of A–Z 0–9`: safe to show, it holds no value.
        public var description: String {
            let length = minimumLength == maximumLength ? "\(minimumLength)" : "\(minimumLength)–\(maximumLength)"
            return allowsLetters ? "\(length) of A–Z 0–9" : "\(length) digits"
        }
    }

    /// A short English name, e.g. `user-authentication PIN`.
    public let name: String
    /// The applet that holds it.
    public let application: ApplicationIdentifier
    /// Its key reference: the PIN EF selected before VERIFY.
    public let reference: FileIdentifier
    /// The format of its values.
    public let format: Format
    /// How many consecutive wrong values block it, when published (`nil` when no source establishes it).
    public let maximumTries: Int?
    /// Whether CHANGE REFERENCE DATA can replace it.
    public let isChangeable: Bool

    /// Creates a credential description. Package-only: the built-in credentials (``all``) are the ones the
    /// card has, and a look-alike with a looser format must not exist outside this package.
    package init(
        name: String, application: ApplicationIdentifier, reference: FileIdentifier, format: Format,
        maximumTries: Int?, isChangeable: Bool = false
    ) {
        self.name = name
        self.application = application
        self.reference = reference
        self.format = format
        self.maximumTries = maximumTries
        self.isChangeable = isChangeable
    }

    /// The credential's ``name``, such as `user-authentication PIN`.
    public var description: String { name }

    /// Credentials are equal when they are the same reference in the same applet; the name is for people.
    public static func == (lhs: Credential, rhs: Credential) -> Bool {
        lhs.application == rhs.application && lhs.reference == rhs.reference
    }

    /// Hashes the applet and the reference, as ``==(_:_:)`` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(application)
        hasher.combine(reference)
    }

    // MARK: JPKI

    /// JPKI user-authentication PIN (利用者証明用電子証明書暗証番号): 4 digits, 3 tries, EF `0018`.
    public static let userAuthenticationPIN = Credential(
        name: "user-authentication PIN", application: .jpki, reference: JPKIFile.authenticationPIN,
        format: .digits(4), maximumTries: 3, isChangeable: true)

    /// JPKI signature password (署名用電子証明書暗証番号): 6–16 of A–Z 0–9, 5 tries, EF `001B`.
    public static let signaturePassword = Credential(
        name: "signature password", application: .jpki, reference: JPKIFile.signaturePassword,
        format: .signaturePassword, maximumTries: 5, isChangeable: true)

    // MARK: Card info input support

    /// Card info input support PIN (券面事項入力補助用暗証番号): 4 digits, 3 tries, EF `0011`.
    public static let cardInfoPIN = Credential(
        name: "card info PIN", application: .cardInfoInputSupport, reference: CardInfoInputSupportFile.pin,
        format: .digits(4), maximumTries: 3, isChangeable: true)

    /// Card info input support PIN-A (照合番号A): the 12-digit individual number, EF `0014`.
    /// No source establishes its retry limit.
    public static let cardInfoPINA = Credential(
        name: "card info PIN-A", application: .cardInfoInputSupport, reference: CardInfoInputSupportFile.pinA,
        format: .digits(12), maximumTries: nil)

    /// Card info input support PIN-B (照合番号B): 14 digits, 10 tries (Digital Agency), EF `0015`.
    public static let cardInfoPINB = Credential(
        name: "card info PIN-B", application: .cardInfoInputSupport, reference: CardInfoInputSupportFile.pinB,
        format: .digits(14), maximumTries: 10)

    // MARK: Card face confirmation

    /// Card face PIN-A: the 12-digit individual number, EF `0013`. No source establishes its retry limit.
    public static let cardFacePINA = Credential(
        name: "card face PIN-A", application: .cardFaceConfirmation, reference: CardFaceConfirmationFile.pinA,
        format: .digits(12), maximumTries: nil)

    /// Card face PIN-B: 14 digits, 10 tries (Digital Agency), EF `0012`.
    public static let cardFacePINB = Credential(
        name: "card face PIN-B", application: .cardFaceConfirmation, reference: CardFaceConfirmationFile.pinB,
        format: .digits(14), maximumTries: 10)

    /// Card face birth-date key: the birth date as Japanese-era `YYMMDD`, EF `0011`.
    /// No source establishes its retry limit.
    public static let birthDateKey = Credential(
        name: "birth-date key", application: .cardFaceConfirmation, reference: CardFaceConfirmationFile.birthDateKey,
        format: .digits(6), maximumTries: nil)

    /// Every credential named here.
    public static let all: [Credential] = [
        .userAuthenticationPIN, .signaturePassword, .cardInfoPIN, .cardInfoPINA, .cardInfoPINB, .cardFacePINA,
        .cardFacePINB, .birthDateKey,
    ]

    /// The built-in credential with the same applet and reference as `credential` (its format, limits and
    /// name), or `credential` itself when it is not one of ``all``.
    static func builtIn(matching credential: Credential) -> Credential {
        all.first { $0 == credential } ?? credential
    }

    /// Whether values are 12-digit individual numbers (PIN-A), whose check digit is validated.
    var isIndividualNumber: Bool { self == .cardInfoPINA || self == .cardFacePINA }
    /// Whether values are PIN-B: era `YYMMDD` ‖ expiry year ‖ security code.
    var isPINB: Bool { self == .cardInfoPINB || self == .cardFacePINB }
}
