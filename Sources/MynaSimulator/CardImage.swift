import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaISO7816
import X509

/// Everything on a simulated card, built from a ``Persona``: the applets with their files (bytes exactly as
/// `Documentation/card-formats.md` describes), access rules, credentials and keys, plus the test
/// authorities a verifier needs to check what the card returns.
///
/// Immutable; the mutable part of a card (retry counters, changed PINs, selection) lives in
/// ``SimulatedCard``.
public struct CardImage: Sendable {
    /// The persona the card was built from.
    public let persona: Persona
    /// The day the card was built (`expired` / `expiringSoon` validity is relative to it by default).
    public let buildDate: CalendarDate
    /// The user-authentication certificate (EF `000A`), if the card has one.
    public let authenticationCertificate: Certificate?
    /// The test JPKI user-authentication CA certificate (EF `000B`), if the card has one.
    public let authenticationCACertificate: Certificate?
    /// The signature certificate (EF `0001`), if the card has one.
    public let signatureCertificate: Certificate?
    /// The test JPKI signature CA certificate (EF `0002`), if the card has one.
    public let signatureCACertificate: Certificate?
    /// The test "CV CA" key that signs the card face applet's card-verifiable certificate (EF `0004`). Not on
    /// the card: a verifier holds it, as a real verifier holds the J-LIS keys.
    public let cardFaceCAPublicKey: _RSA.Signing.PublicKey
    /// The test "CV CA" key that signs the card info input support applet's card-verifiable certificate.
    public let cardInfoCAPublicKey: _RSA.Signing.PublicKey

    var applets: [ApplicationIdentifier: AppletImage]
    /// The master-file data objects GET DATA answers with no applet current, by tag.
    let masterFileObjects: [UInt16: [UInt8]]
    let authenticationKey: RSAKeyPair?
    let signatureKey: RSAKeyPair?
    let cardKey: RSAKeyPair
    /// The municipality key certified in EF `0004` of the card info input support and card face applets,
    /// which signs their records.
    let issuerKey: RSAKeyPair
    /// The private half of the text applet's EF `0006` key, which SET SESSION KEY seeds are encrypted to.
    let sessionKeyTransportKey: RSAKeyPair

    /// Builds the card a persona describes.
    ///
    /// - Parameter persona: the holder and card to build; validated first.
    /// - Parameter now: the build date, for certificate validity relative to "now".
    /// - Throws: ``SimulatorError`` when the persona is invalid or a certificate cannot be made.
    public init(persona: Persona, now: Date = Date()) throws(SimulatorError) {
        try persona.validate()
        var builder = try CardImageBuilder(persona: persona, buildDate: CalendarDate(japanDayOf: now))
        try builder.build()
        self.persona = persona
        self.buildDate = builder.buildDate
        self.authenticationCertificate = builder.authenticationCertificate
        self.authenticationCACertificate = builder.authenticationCACertificate
        self.signatureCertificate = builder.signatureCertificate
        self.signatureCACertificate = builder.signatureCACertificate
        self.cardFaceCAPublicKey = builder.keys.cardFaceCA.publicKey
        self.cardInfoCAPublicKey = builder.keys.cardInfoCA.publicKey
        self.applets = builder.applets
        self.masterFileObjects = builder.masterFileObjects
        self.authenticationKey = builder.keys.authentication
        self.signatureKey = builder.keys.signature
        self.cardKey = builder.keys.card
        self.issuerKey = builder.keys.issuer
        self.sessionKeyTransportKey = builder.keys.cardInfoCA
    }

    /// The chip's own key (card info input support `DF51`, card face `DF24`, `DF12`, `DF42`): what a presence
    /// proof (`80 2A 00 00`) must verify with. A copy of the card's files has the public half, never the private.
    public var cardPublicKey: _RSA.Signing.PublicKey { cardKey.publicKey }
    /// The issuer (municipality) key the card-verifiable certificates in EF `0004` certify and the applets'
    /// records are signed with.
    public var issuerPublicKey: _RSA.Signing.PublicKey { issuerKey.publicKey }
    /// The key of the user-authentication certificate (EF `000A`), if the card has one.
    public var authenticationPublicKey: _RSA.Signing.PublicKey? { authenticationKey?.publicKey }
    /// The key of the signature certificate (EF `0001`), if the card has one.
    public var signaturePublicKey: _RSA.Signing.PublicKey? { signatureKey?.publicKey }

    /// The applets this card answers SELECT for.
    public var applications: [ApplicationIdentifier] {
        Array(applets.keys).sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// The physical bytes of a transparent EF (content and filler), or `nil` when there is no such
    /// transparent file.
    public func fileContent(application: ApplicationIdentifier, file: FileIdentifier) -> [UInt8]? {
        guard case .transparent(let bytes)? = applets[application]?.files[file.rawValue]?.content else { return nil }
        return bytes
    }

    /// The records of a record EF, or `nil` when there is no such record file.
    public func records(application: ApplicationIdentifier, file: FileIdentifier) -> [[UInt8]]? {
        guard case .records(let records)? = applets[application]?.files[file.rawValue]?.content else { return nil }
        return records
    }

    /// The credentials this card has.
    public var credentials: [SimulatedCredential] {
        SimulatedCredential.allCases.filter { credential in
            guard case .credential? = applets[credential.application]?.files[credential.file.rawValue]?.content
            else { return false }
            return true
        }
    }

    /// The value a credential has when the card is issued. Internal: secrets stay inside the simulator.
    func initialValue(of credential: SimulatedCredential) -> [UInt8]? {
        guard credentials.contains(credential) else { return nil }
        let credentials = persona.credentials
        switch credential {
        case .authenticationPIN: return credentials.map { Array($0.authenticationPIN.utf8) }
        case .signaturePassword: return credentials.map { Array($0.signaturePassword.utf8) }
        case .cardInfoPIN: return credentials.map { Array($0.cardInfoPIN.utf8) }
        case .residentRegistryPIN, .commonCardPIN: return credentials.map { Array($0.residentRegistryPIN.utf8) }
        case .cardInfoBlockedReference: return nil
        case .cardInfoPINA, .cardFacePINA: return Array(persona.pinA.utf8)
        case .cardInfoPINB, .cardFacePINB: return Array(persona.pinB.utf8)
        case .birthDateKey: return Array(persona.birthDateKey.utf8)
        }
    }

    /// The value of a master-file data object (GET DATA with no applet current), or `nil` when the card has
    /// none.
    package func masterFileObject(_ object: MasterFileDataObject) -> [UInt8]? { masterFileObjects[object.tag] }

    /// The tries a credential has when the card is issued on a card of `profile`; `nil`: no limit.
    func initialTries(of credential: SimulatedCredential, profile: CardBehaviourProfile) -> Int? {
        if credential == .cardInfoBlockedReference || persona.lockedCredentials.contains(credential) { return 0 }
        return credential.maximumTries(in: profile)
    }
}

/// One applet: its files, and whether it signs challenges with the card key without a credential.
struct AppletImage: Sendable {
    var files: [UInt16: SimulatedFile] = [:]
    /// `80 2A 00 00` signs with the card key (card info input support and card face applets).
    var signsWithCardKey = false
    /// Files that read differently when the card only accepts short APDUs (basic info: no extended length).
    var shortAPDUVariants: [UInt16: [UInt8]] = [:]
}

/// One EF of an applet.
struct SimulatedFile: Sendable {
    enum Content: Sendable {
        /// A transparent EF: the physical bytes, filler included.
        case transparent([UInt8])
        /// A record EF.
        case records([[UInt8]])
        /// A private key; `use` says what must be verified to sign with it.
        case privateKey(KeyRole)
        /// A reference datum (PIN).
        case credential(SimulatedCredential)
    }

    var content: Content
    /// What must be verified (in this selection of the applet) to read the file.
    var access: AccessRule
}

/// Which private key an EF holds.
enum KeyRole: Sendable {
    /// JPKI user authentication, EF `0017`.
    case authentication
    /// JPKI signature, EF `001A`.
    case signature
    /// The card key of the card info input support applet (EF `0013`).
    case card
}

/// What unlocks a file or key.
enum AccessRule: Sendable, Equatable {
    /// Free.
    case always
    /// Never (a face-authentication card's key: no credential exists).
    case never
    /// Any one of these credentials verified since the applet was selected.
    case anyOf(Set<SimulatedCredential>)
}

extension AccessRule {
    /// The rule MynaCard's access table (``/MynaCard/ElementaryFile``) gives; a rule the facts do not
    /// establish is simulated as closed.
    init(_ access: FileAccess) {
        switch access {
        case .free: self = .always
        case .never, .notEstablished: self = .never
        case .anyOf(let credentials): self = .anyOf(Set(credentials.compactMap(SimulatedCredential.init)))
        }
    }
}

extension SimulatedFile {
    /// A file with the access MynaCard's table gives it (on `token`, for the JPKI applet of a phone).
    init(_ facts: ElementaryFile, _ content: Content, token: TokenKind = .card) {
        self.init(content: content, access: AccessRule(facts.access(on: token)))
    }
}
