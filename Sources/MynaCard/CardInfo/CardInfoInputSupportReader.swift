import MynaCodec
import MynaISO7816

/// Reads the card info input support applet (券面事項入力補助AP, "text"): the individual number and the
/// 4 basic attributes, each checked against the applet's signed integrity record.
///
/// Access (card facts): the individual number opens with the 4-digit card info PIN or PIN-A, the basic
/// attributes with the PIN or PIN-B; the integrity record and the card key with any of the three.
///
/// Every read checks, before returning anything: the integrity record's signature (`DF33`) with the issuer
/// key of the applet's card-verifiable certificate (EF `0004`), and the file's SHA-256 against `DF31` /
/// `DF32`.
public struct CardInfoInputSupportReader: Sendable {
    let card: MyNumberCard

    private static let application = ApplicationIdentifier.cardInfoInputSupport
    private static let name = "card info input support"

    /// The individual number, with the card info PIN or PIN-A, its integrity checked, and how the issuer key
    /// that signed the integrity record was authenticated (``IssuerAuthentication``).
    ///
    /// - Parameter passcode: ``Credential/cardInfoPIN`` or ``Credential/cardInfoPINA``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    package func individualNumberRecord(
        using passcode: Passcode, options: VerificationOptions = .default
    ) async throws -> AuthenticatedRecord<IndividualNumber> {
        try MyNumberCard.require(passcode, oneOf: [.cardInfoPIN, .cardInfoPINA], for: "the individual number")
        return try await card.verifiedTransaction("reading the individual number") {
            try await card.guardedVerify(passcode, options: options)
            let integrity = try await readIntegrityRecord()
            return AuthenticatedRecord(
                value: try await readIndividualNumber(integrity: integrity),
                issuerAuthentication: integrity.issuerCertificate.authentication)
        }
    }

    /// The 4 basic attributes, with the card info PIN or PIN-B, their integrity checked, and how the issuer
    /// key that signed the integrity record was authenticated (``IssuerAuthentication``).
    ///
    /// - Parameter passcode: ``Credential/cardInfoPIN`` or ``Credential/cardInfoPINB``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    public func basicAttributesRecord(
        using passcode: Passcode, options: VerificationOptions = .default
    ) async throws -> AuthenticatedRecord<BasicAttributes> {
        try MyNumberCard.require(passcode, oneOf: [.cardInfoPIN, .cardInfoPINB], for: "the basic attributes")
        return try await card.verifiedTransaction("reading the basic attributes") {
            try await card.guardedVerify(passcode, options: options)
            let integrity = try await readIntegrityRecord()
            return AuthenticatedRecord(
                value: try await readBasicAttributes(integrity: integrity),
                issuerAuthentication: integrity.issuerCertificate.authentication)
        }
    }

    /// The individual number, with the card info PIN or PIN-A, its integrity checked.
    ///
    /// APDUs on a card with extended length, the applet not yet selected: SELECT applet, empty VERIFY and
    /// VERIFY by short EF identifier (a card that refuses that form: SELECT PIN EF first), READ BINARY ×3 by
    /// SFI (EF `0001`, `0003`, `0004`; `0004` only on the first read; each of fixed length) = 6, plus the log-out (SELECT ISD; another applet too where the ISD is refused).
    ///
    /// - Parameter passcode: ``Credential/cardInfoPIN`` or ``Credential/cardInfoPINA``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    /// - Throws: ``MyNumberCardError`` — ``MyNumberCardError/Code/wrongCredential`` with the tries left,
    ///   ``MyNumberCardError/Code/credentialBlocked``, ``MyNumberCardError/Code/integrityCheckFailed``,
    ///   ``MyNumberCardError/Code/signatureInvalid``, ``MyNumberCardError/Code/malformedFile``,
    ///   ``MyNumberCardError/Code/invalidCheckDigit``, ``MyNumberCardError/Code/notPresentOnThisCard``.
    public func individualNumber(
        using passcode: Passcode, options: VerificationOptions = .default
    ) async throws -> IndividualNumber {
        try MyNumberCard.require(passcode, oneOf: [.cardInfoPIN, .cardInfoPINA], for: "the individual number")
        return try await card.verifiedTransaction("reading the individual number") {
            try await card.guardedVerify(passcode, options: options)
            return try await readIndividualNumber(integrity: try await readIntegrityRecord())
        }
    }

    /// The 4 basic attributes, with the card info PIN or PIN-B, their integrity checked.
    ///
    /// - Parameter passcode: ``Credential/cardInfoPIN`` or ``Credential/cardInfoPINB``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    public func basicAttributes(
        using passcode: Passcode, options: VerificationOptions = .default
    ) async throws -> BasicAttributes {
        try MyNumberCard.require(passcode, oneOf: [.cardInfoPIN, .cardInfoPINB], for: "the basic attributes")
        return try await card.verifiedTransaction("reading the basic attributes") {
            try await card.guardedVerify(passcode, options: options)
            return try await readBasicAttributes(integrity: try await readIntegrityRecord())
        }
    }

    /// The individual number and the basic attributes with one VERIFY of the card info PIN, integrity checked.
    public func cardInfo(using passcode: Passcode, options: VerificationOptions = .default) async throws -> CardInfo {
        try MyNumberCard.require(passcode, oneOf: [.cardInfoPIN], for: "the individual number and basic attributes")
        return try await card.verifiedTransaction("reading the card info") {
            try await card.guardedVerify(passcode, options: options)
            let integrity = try await readIntegrityRecord()
            let number = try await readIndividualNumber(integrity: integrity)
            let attributes = try await readBasicAttributes(integrity: integrity)
            return CardInfo(individualNumber: number, basicAttributes: attributes)
        }
    }

    /// The chip's own key from EF `0007`, its signature (`DF52`) checked with the issuer key; for
    /// ``MyNumberCard/proveCardPresence(with:)``.
    ///
    /// - Parameter passcode: ``Credential/cardInfoPIN``, ``Credential/cardInfoPINA`` or
    ///   ``Credential/cardInfoPINB``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    public func cardKey(using passcode: Passcode, options: VerificationOptions = .default) async throws -> VerifiedCardKey {
        try MyNumberCard.require(passcode, oneOf: [.cardInfoPIN, .cardInfoPINA, .cardInfoPINB], for: "the card key")
        return try await card.verifiedTransaction("reading the card key") {
            try await card.guardedVerify(passcode, options: options)
            let what = "the card key record (EF 0007)"
            let bytes = try await card.read(CardInfoInputSupportFile.cardKey, what: what)
            let issuer = try await card.cardVerifiableCertificate(of: Self.application)
            let node = try CardRecord.parse(bytes, tag: VerifiedCardKey.signedKeyRecordTag, what: what)
            let keyNode = try CardRecord.child(node, VerifiedCardKey.signedKeyTag, what: what)
            _ = try CardRecord.child(node, VerifiedCardKey.signedKeySignatureTag, what: what)
            try CardRecord.verifySignature(of: node, signatureTag: VerifiedCardKey.signedKeySignatureTag, issuer: issuer, what: what)
            return VerifiedCardKey(
                publicKey: try CardRSAPublicKey(cardEncoding: keyNode.value), application: Self.application,
                source: CardInfoInputSupportFile.cardKey, issuer: issuer)
        }
    }

    /// The applet's basic information (EF `0005`, free).
    public func basicInfo() async throws -> AppletBasicInfo {
        try await card.transaction("reading the card info applet's basic info") {
            try await card.select(Self.application, name: Self.name)
            let what = "the applet basic info (EF 0005)"
            let bytes = try await card.read(CardInfoInputSupportFile.basicInfo, what: what)
            return try AppletBasicInfo(
                encoded: bytes, recordTag: AppletBasicInfo.textTag, informationTag: AppletBasicInfo.textInformationTag,
                hasMunicipalityCode: false, what: what)
        }
    }

    /// The applet's card-verifiable certificate (EF `0004`, free), checked against the card's
    /// ``MyNumberCard/cardVerifiableAuthorities`` when there are any.
    package func cardVerifiableCertificate() async throws -> CardVerifiableCertificate {
        try await card.transaction("reading the card info applet's card-verifiable certificate") {
            try await card.select(Self.application, name: Self.name)
            return try await card.cardVerifiableCertificate(of: Self.application)
        }
    }

    // MARK: Steps (inside a transaction, credential verified)

    private func readIntegrityRecord() async throws -> IntegrityRecord {
        let bytes = try await card.read(
            CardInfoInputSupportFile.integrityRecord, what: "the integrity record (EF 0003)")
        let issuer = try await card.cardVerifiableCertificate(of: Self.application)
        return try IntegrityRecord(encoded: bytes, issuer: issuer)
    }

    private func readIndividualNumber(integrity: IntegrityRecord) async throws -> IndividualNumber {
        // The whole file, filler included: DF31 hashes all of it.
        let file = try await card.read(
            CardInfoInputSupportFile.individualNumber, layout: .wholeFile, what: "the individual number (EF 0001)")
        try integrity.check(individualNumberFile: file)
        return try CardInfoFiles.individualNumber(file)
    }

    private func readBasicAttributes(integrity: IntegrityRecord) async throws -> BasicAttributes {
        let bytes = try await card.read(
            CardInfoInputSupportFile.basicAttributes, what: "the basic attributes (EF 0002)")
        return try CardInfoFiles.basicAttributes(bytes, integrity: integrity)
    }
}

/// The individual number and the 4 basic attributes, read together with the card info PIN.
///
/// Personal data: ``description`` is redacted.
public struct CardInfo: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The individual number.
    public let individualNumber: IndividualNumber
    /// The basic attributes.
    public let basicAttributes: BasicAttributes

    /// Creates the pair.
    package init(individualNumber: IndividualNumber, basicAttributes: BasicAttributes) {
        self.individualNumber = individualNumber
        self.basicAttributes = basicAttributes
    }

    /// Always `CardInfo(<redacted>)`.
    public var description: String { "CardInfo(<redacted>)" }
    /// Always `CardInfo(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing personal.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
