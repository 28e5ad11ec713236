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
        package init(minimumLength: Int, maximumLength: Int, allowsLetters: Bool) {
            self.minimumLength = minimumLength
            self.maximumLength = maximumLength
            self.allowsLetters = allowsLetters
        }

        /// Exactly `count` ASCII digits.
        package static func digits(_ count: Int) -> Format {
            Format(minimumLength: count, maximumLength: count, allowsLetters: false)
        }

        /// 6–16 of `A`–`Z` `0`–`9`: the JPKI signature password.
        package static let signaturePassword = Format(minimumLength: 6, maximumLength: 16, allowsLetters: true)

        /// The rule in words, such as `4 digits` or `6–16 of A–Z 0–9`: safe to show, it holds no value.
        public var description: String {
            let length = minimumLength == maximumLength ? "\(minimumLength)" : "\(minimumLength)–\(maximumLength)"
            return allowsLetters ? "\(length) of A–Z 0–9" : "\(length) digits"
        }
    }

    /// A short English name, e.g. `user-authentication PIN`.
    public let name: String
    /// The applet that holds it.
    package let application: ApplicationIdentifier
    /// Its key reference: the PIN EF selected before VERIFY.
    package let reference: FileIdentifier
    /// The format of its values.
    public let format: Format
    /// How many consecutive wrong values block it, when published (`nil` when no source establishes it).
    public let maximumTries: Int?
    /// How a holder changes it, or `nil` when it cannot be changed on the card.
    package let change: ChangeCommand?

    /// Whether it can be replaced by CHANGE REFERENCE DATA (`00 24`), which the library sends.
    package var isChangeable: Bool { change == .changeReferenceData }

    /// Creates a credential description. Package-only: the built-in credentials (``all``) are the ones the
    /// card has, and a look-alike with a looser format must not exist outside this package.
    package init(
        name: String, application: ApplicationIdentifier, reference: FileIdentifier, format: Format,
        maximumTries: Int?, change: ChangeCommand? = nil
    ) {
        self.name = name
        self.application = application
        self.reference = reference
        self.format = format
        self.maximumTries = maximumTries
        self.change = change
    }

    /// The elementary files this credential opens, from the access table (``ElementaryFile/all``): files it
    /// lets READ BINARY read, and private keys it lets sign.
    package var opens: [ElementaryFile] {
        ElementaryFile.all.filter { $0.application == application && $0.access.isOpened(by: self) }
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
        format: .digits(4), maximumTries: 3, change: .changeReferenceData)

    /// JPKI signature password (署名用電子証明書暗証番号): 6–16 of A–Z 0–9, 5 tries, EF `001B`.
    public static let signaturePassword = Credential(
        name: "signature password", application: .jpki, reference: JPKIFile.signaturePassword,
        format: .signaturePassword, maximumTries: 5, change: .changeReferenceData)

    // MARK: Card info input support

    /// Card info input support PIN (券面事項入力補助用暗証番号): 4 digits, 3 tries, EF `0011`.
    public static let cardInfoPIN = Credential(
        name: "card info PIN", application: .cardInfoInputSupport, reference: CardInfoInputSupportFile.pin,
        format: .digits(4), maximumTries: 3, change: .changeReferenceData)

    /// Card info input support reference `0012`: blocked when the card is issued (empty VERIFY `63C0`, VERIFY
    /// `6984`); its purpose and format are not published (the format here admits any 1–16 of `A`–`Z` `0`–`9`).
    package static let cardInfoBlockedReference = Credential(
        name: "card info reference 0012", application: .cardInfoInputSupport,
        reference: CardInfoInputSupportFile.blockedAtIssue,
        format: Format(minimumLength: 1, maximumLength: 16, allowsLetters: true), maximumTries: nil)

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

    // MARK: Resident registry and common card

    /// Resident registry applet PIN `001C` (住民基本台帳用暗証番号): 4 digits, changed with CHANGE KEY `80 32`.
    /// A separate key reference from the common card applet's `001C`, though users are shown one PIN.
    /// No source establishes its retry limit (the Digital Agency gives 3 for "the" PIN).
    package static let residentRegistryPIN = Credential(
        name: "resident registry PIN", application: .residentRegistry, reference: ResidentRegistryFile.pin,
        format: .digits(4), maximumTries: nil, change: .changeKey)

    /// Common card applet PIN `001C`: 4 digits, changed with CHANGE KEY `80 32`; see ``residentRegistryPIN``.
    package static let commonCardPIN = Credential(
        name: "common card PIN", application: .commonCard, reference: CommonCardFile.pin,
        format: .digits(4), maximumTries: nil, change: .changeKey)

    /// Every credential of the card, in applet order: the ones the readers use (``all``) and the ones only
    /// the facts table and the simulated card need.
    package static let table: [Credential] = all + [.cardInfoBlockedReference, .residentRegistryPIN, .commonCardPIN]

    /// Every credential the library's readers verify.
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
