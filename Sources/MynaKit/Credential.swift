import MynaCard
import MynaISO7816

/// One of the card's secrets with a retry counter: which applet it lives in, its key reference (PIN EF),
/// the format of its value and how many consecutive wrong tries lock it.
///
/// An open set: the static members are the credentials of the My Number Card. Compared and encoded by
/// ``name``.
public struct Credential: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable name, e.g. `userAuthenticationPIN`; used in JSON and in messages.
    public let name: String
    /// A short English label for people, e.g. "user-authentication PIN".
    public let label: String
    /// The applet holding the key reference.
    public let application: ApplicationIdentifier
    /// The key reference (PIN EF) VERIFY is sent to.
    public let reference: FileIdentifier
    /// The value's format, checked before anything is sent.
    public let format: CredentialFormat
    /// Consecutive wrong tries that lock the credential, when established; `nil` when no source states it.
    public let maximumTries: Int?

    /// Creates a credential.
    public init(
        name: String, label: String, application: ApplicationIdentifier, reference: FileIdentifier,
        format: CredentialFormat, maximumTries: Int?
    ) {
        self.name = name
        self.label = label
        self.application = application
        self.reference = reference
        self.format = format
        self.maximumTries = maximumTries
    }

    /// User-authentication PIN (利用者証明用電子証明書の暗証番号): JPKI `0018`, 4 digits, 3 tries. The PIN of
    /// the insurance qualification check (マイナ保険証).
    public static let userAuthenticationPIN = Credential(
        name: "userAuthenticationPIN", label: "user-authentication PIN", application: .jpki,
        reference: JPKIFile.authenticationPIN, format: .fourDigits, maximumTries: 3)
    /// Signature password (署名用電子証明書の暗証番号): JPKI `001B`, 6–16 of A–Z 0–9, 5 tries.
    public static let signaturePassword = Credential(
        name: "signaturePassword", label: "signature password", application: .jpki,
        reference: JPKIFile.signaturePassword, format: .signaturePassword, maximumTries: 5)
    /// Card-info input support PIN (券面事項入力補助用暗証番号): text applet `0011`, 4 digits, 3 tries.
    public static let cardInfoPIN = Credential(
        name: "cardInfoPIN", label: "card-info PIN", application: .cardInfoInputSupport,
        reference: CardInfoInputSupportFile.pin, format: .fourDigits, maximumTries: 3)
    /// PIN-A of the text applet (`0014`): the 12-digit individual number. Its limit is not established.
    public static let cardInfoPINA = Credential(
        name: "cardInfoPINA", label: "PIN-A (card-info applet)", application: .cardInfoInputSupport,
        reference: CardInfoInputSupportFile.pinA, format: .twelveDigits, maximumTries: nil)
    /// PIN-B of the text applet (`0015`): 14 digits, 10 tries.
    public static let cardInfoPINB = Credential(
        name: "cardInfoPINB", label: "PIN-B (card-info applet)", application: .cardInfoInputSupport,
        reference: CardInfoInputSupportFile.pinB, format: .fourteenDigits, maximumTries: 10)
    /// PIN-A of the card-face applet (`0013`): the 12-digit individual number. Its limit is not established.
    public static let cardFacePINA = Credential(
        name: "cardFacePINA", label: "PIN-A (card-face applet)", application: .cardFaceConfirmation,
        reference: CardFaceConfirmationFile.pinA, format: .twelveDigits, maximumTries: nil)
    /// PIN-B of the card-face applet (`0012`): 14 digits, 10 tries. Opens the face photo.
    public static let cardFacePINB = Credential(
        name: "cardFacePINB", label: "PIN-B (card-face applet)", application: .cardFaceConfirmation,
        reference: CardFaceConfirmationFile.pinB, format: .fourteenDigits, maximumTries: 10)
    /// Birth-date key of the card-face applet (`0011`): Japanese-era `YYMMDD`. Its limit is not established.
    public static let birthDateKey = Credential(
        name: "birthDateKey", label: "birth-date key", application: .cardFaceConfirmation,
        reference: CardFaceConfirmationFile.birthDateKey, format: .sixDigits, maximumTries: nil)
    /// Resident-registry PIN (住民基本台帳用暗証番号): Juki applet `001C`, 4 digits, 3 tries.
    public static let residentRegistryPIN = Credential(
        name: "residentRegistryPIN", label: "resident-registry PIN", application: .residentRegistry,
        reference: ResidentRegistryFile.pin, format: .fourDigits, maximumTries: 3)

    /// Every credential of the My Number Card known here.
    public static let all: [Credential] = [
        .userAuthenticationPIN, .signaturePassword, .cardInfoPIN, .cardInfoPINA, .cardInfoPINB,
        .cardFacePINA, .cardFacePINB, .birthDateKey, .residentRegistryPIN,
    ]

    public var description: String { name }

    public static func == (lhs: Credential, rhs: Credential) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Encodes ``name`` as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Decodes one of ``all`` by name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let known = Credential.all.first(where: { $0.name == name }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown credential \(name)")
        }
        self = known
    }
}
