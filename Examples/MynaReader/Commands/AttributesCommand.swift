import ArgumentParser
import MynaCard
import MynaKit

/// `myna attributes`: the 4 basic attributes (基本4情報), integrity checked by the library.
struct AttributesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attributes",
        abstract: "Read the 4 basic attributes: name, address, birth date, sex (personal data).",
        discussion: """
            With the card info PIN (MYNA_CARD_INFO_PIN; --with pin, the default) or with PIN-B (--with pin-b \
            --birth-date --expiry-year, and the security code from MYNA_SECURITY_CODE). The library checks \
            the file against the card's signed integrity record before anything is shown.
            """)

    /// Which credential opens the file.
    enum Method: String, ExpressibleByArgument, CaseIterable, Sendable {
        case pin
        case pinB = "pin-b"
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup(title: "PIN-B") var front: CardFrontOptions

    @Option(name: .long, help: "pin (the 4-digit card info PIN) or pin-b.")
    var with: Method = .pin

    func run() async throws {
        let method = with
        let front = front
        try await Runner(command: "attributes", options: global).run { context in
            let passcode =
                switch method {
                case .pin: try context.passcode(.cardInfoPIN, .cardInfoPIN)
                case .pinB: try context.pinB(.cardInfoPINB, values: front)
                }
            let attributes = try await context.session.card.cardInfoInputSupport.basicAttributesRecord(
                using: passcode, options: context.verificationOptions)
            return AttributesResult(
                attributes.value, issuer: attributes.issuerAuthentication, language: context.options.messageLanguage)
        }
    }
}

/// The result of `myna attributes`.
struct AttributesResult: CommandResult {
    /// Text as stored, its display form and whether it has characters outside JIS X 0208 (外字).
    struct Text: Encodable, Sendable {
        var value: String
        var displayForm: String
        var containsGaiji: Bool

        init(_ text: CardText) {
            value = text.value
            displayForm = text.displayForm
            containsGaiji = text.containsGaiji
        }
    }

    /// The name and its parts.
    struct Name: Encodable, Sendable {
        var full: Text
        var family: Text
        var given: Text
    }

    /// The ISO 5218 code and its meaning.
    struct SexJSON: Encodable, Sendable {
        var code: Int
        var label: String

        /// The sex in words in `language` (JSON keeps ``label``, the English word).
        func words(_ language: MessageLanguage) -> String {
            switch code {
            case 0: Words.text("sex.notKnown", language)
            case 1: Words.text("sex.male", language)
            case 2: Words.text("sex.female", language)
            case 9: Words.text("sex.notApplicable", language)
            default: Words.text("sex.other", language, String(code))
            }
        }
    }

    /// How the key that signed a record was authenticated.
    struct IssuerJSON: Encodable, Sendable {
        var status: String
        var authority: String
        var hierarchy: String?
        var description: String

        init(_ authentication: IssuerAuthentication) {
            status = authentication.status.rawValue
            authority = authentication.authorityName
            hierarchy = authentication.authority?.hierarchy.rawValue
            description = authentication.description
        }

        /// One line for the text output, in `language`: what the status means (in English, the library's
        /// ``description``), and whether it proves a genuine card.
        func line(_ language: MessageLanguage) -> String {
            switch status {
            case IssuerAuthentication.Status.productionKey.rawValue: Words.text("issuer.productionKey", language, authority)
            case IssuerAuthentication.Status.testHierarchyKey.rawValue: Words.text("issuer.testHierarchyKey", language, authority)
            case IssuerAuthentication.Status.unknownAuthority.rawValue: Words.text("issuer.unknownAuthority", language, authority)
            case IssuerAuthentication.Status.signatureMismatch.rawValue: Words.text("issuer.signatureMismatch", language, authority)
            default: Words.text("issuer.other", language, status, authority)
            }
        }
    }

    var name: Name
    var address: Text
    var birthDate: String
    var sex: SexJSON
    var issuer: IssuerJSON
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case name, address, birthDate, sex, issuer
    }

    init(_ attributes: BasicAttributes, issuer: IssuerAuthentication, language: MessageLanguage) {
        name = Name(
            full: Text(attributes.name.full), family: Text(attributes.name.family), given: Text(attributes.name.given))
        address = Text(attributes.address)
        birthDate = attributes.birthDate.description
        sex = SexJSON(code: attributes.sex.code, label: attributes.sex.description)
        self.issuer = IssuerJSON(issuer)
        self.language = language
    }

    var text: String {
        var lines = [
            Words.text("attributes.name", language, name.full.displayForm),
            Words.text("attributes.address", language, address.displayForm),
            Words.text("attributes.birthDate", language, birthDate),
            Words.text("attributes.sex", language, sex.words(language)),
            Words.text("attributes.signatureVerified", language),
            issuer.line(language),
        ]
        if name.full.containsGaiji || address.containsGaiji {
            lines.append(Words.text("attributes.gaiji", language))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
