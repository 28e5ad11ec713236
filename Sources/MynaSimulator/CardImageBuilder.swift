import Foundation
import MynaCard
import MynaISO7816
import X509

/// Turns a persona into applets and files. One pass, in `build()`; see the `+JPKI`, `+CardInfo`,
/// `+CardFace` and `+Registry` extensions for each applet.
struct CardImageBuilder {
    /// The RSA keys a card and its test authorities use.
    struct Keys {
        let authenticationCA: RSAKeyPair
        let signatureCA: RSAKeyPair
        let cardFaceCA: RSAKeyPair
        let cardInfoCA: RSAKeyPair
        let authentication: RSAKeyPair?
        let signature: RSAKeyPair?
        /// The municipality key certified in EF `0004` of both applets; signs their records.
        let issuer: RSAKeyPair
        /// The chip's own key (`DF24`).
        let card: RSAKeyPair
    }

    let persona: Persona
    let buildDate: CalendarDate
    let keys: Keys
    var applets: [ApplicationIdentifier: AppletImage] = [:]
    var masterFileObjects: [UInt16: [UInt8]] = [:]
    var authenticationCertificate: Certificate?
    var authenticationCACertificate: Certificate?
    var signatureCertificate: Certificate?
    var signatureCACertificate: Certificate?

    init(persona: Persona, buildDate: CalendarDate) throws(SimulatorError) {
        self.persona = persona
        self.buildDate = buildDate
        let set = KeyFixtures.keySets[persona.keySet]
        guard set.count == 4 else { throw SimulatorError(.buildFailed, "key set \(persona.keySet) is incomplete") }
        keys = Keys(
            authenticationCA: try RSAKeyPair(pem: KeyFixtures.jpkiAuthenticationCA),
            signatureCA: try RSAKeyPair(pem: KeyFixtures.jpkiSignatureCA),
            cardFaceCA: try RSAKeyPair(pem: KeyFixtures.cardVerifiableCASurface),
            cardInfoCA: try RSAKeyPair(pem: KeyFixtures.cardVerifiableCAText),
            authentication: persona.hasAuthenticationCertificate ? try RSAKeyPair(pem: set[0]) : nil,
            signature: persona.hasSignatureCertificate ? try RSAKeyPair(pem: set[1]) : nil,
            issuer: try RSAKeyPair(pem: set[2]),
            card: try RSAKeyPair(pem: set[3]))
    }

    /// Whether the card is a phone token (JPKI applet only).
    var isPhoneToken: Bool { persona.kind == .androidToken || persona.kind == .iPhoneToken }

    /// Whether the holder has PINs at all.
    var hasPINs: Bool { persona.kind != .faceAuthenticationCard }

    mutating func build() throws(SimulatorError) {
        try buildJPKI()
        if isPhoneToken { return }
        if persona.kind != .oldJukiCard {
            try buildCardInfoInputSupport()
            try buildCardFaceConfirmation()
            buildCommonCard()
            try buildMasterFile()
        }
        buildResidentRegistry()
    }

    /// The files of a credential EF that exists.
    static func credentialFile(_ credential: SimulatedCredential) -> SimulatedFile {
        SimulatedFile(content: .credential(credential), access: .never)
    }

    // MARK: Key identifiers (sim choice: the simulator's hierarchy starts with 9)

    /// The subject key id of EF `0004`: "9" ‖ municipality code ‖ `suffix`.
    func municipalityKeyIdentifier(suffix: String) -> [UInt8] {
        CardRecord.keyIdentifier("9" + persona.municipalityCode + suffix)
    }

    /// A card-verifiable certificate `7F21` certifying the issuer key, signed by `ca`.
    func cardVerifiableCertificate(issuerKeyNumber: String, subjectSuffix: String, ca: RSAKeyPair) throws(SimulatorError)
        -> [UInt8]
    {
        try CardVerifiableCertificate.encode(
            issuerKeyIdentifier: CardRecord.keyIdentifier(issuerKeyNumber),
            subjectKeyIdentifier: municipalityKeyIdentifier(suffix: subjectSuffix), publicKey: keys.issuer.cardEncoding,
            sign: ca.signSHA256)
    }
}
