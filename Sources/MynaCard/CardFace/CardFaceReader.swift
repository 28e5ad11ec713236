import MynaCodec
import MynaISO7816

/// Reads the card face confirmation applet (券面事項確認AP, "surface"): the card face with the face photo,
/// the age record and the individual-number image — each record's signature checked with the issuer key of
/// the applet's card-verifiable certificate (EF `0004`) before anything is returned.
///
/// Access (card facts): the card face opens with PIN-A or PIN-B, the individual-number image with PIN-A
/// only, the age record with the birth-date key only. PIN-B can be made from what is printed on the card
/// (``Passcode/pinB(birthDate:cardExpiryYear:securityCode:for:)-(_,_,String,_)``).
public struct CardFaceReader: Sendable {
    let card: MyNumberCard

    private static let application = ApplicationIdentifier.cardFaceConfirmation
    private static let name = "card face confirmation"

    /// The card face: birth date, sex, card expiry, name and address images, face photo, security-code image
    /// and the card key; `DF28` checked.
    ///
    /// APDUs on a card with extended length, the applet not yet selected: SELECT applet, empty VERIFY and
    /// VERIFY by short EF identifier (a card that refuses that form: SELECT PIN EF first), READ BINARY by SFI
    /// of EF `0002` (2 commands until its length is learned, then 1) and `0004` (1, its length is fixed;
    /// read once per connection) = 5 or 6, plus the log-out (SELECT ISD; another applet too where the ISD is refused).
    ///
    /// - Parameter passcode: ``Credential/cardFacePINA`` or ``Credential/cardFacePINB``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    public func cardFace(using passcode: Passcode, options: VerificationOptions = .default) async throws -> CardFace {
        try MyNumberCard.require(passcode, oneOf: [.cardFacePINA, .cardFacePINB], for: "the card face")
        return try await card.verifiedTransaction("reading the card face") {
            try await card.guardedVerify(passcode, options: options)
            let bytes = try await card.read(CardFaceConfirmationFile.cardFace, what: "the card face (EF 0002)")
            let issuer = try await card.cardVerifiableCertificate(of: Self.application)
            return try CardFace(encoded: bytes, issuer: issuer)
        }
    }

    /// The individual-number image, with PIN-A; `DF43` checked.
    ///
    /// - Parameter passcode: ``Credential/cardFacePINA``.
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    public func individualNumberImage(
        using passcode: Passcode, options: VerificationOptions = .default
    ) async throws -> IndividualNumberImage {
        try MyNumberCard.require(passcode, oneOf: [.cardFacePINA], for: "the individual-number image")
        return try await card.verifiedTransaction("reading the individual-number image") {
            try await card.guardedVerify(passcode, options: options)
            let bytes = try await card.read(
                CardFaceConfirmationFile.individualNumberImage, what: "the individual-number image (EF 0005)")
            let issuer = try await card.cardVerifiableCertificate(of: Self.application)
            return try IndividualNumberImage(encoded: bytes, issuer: issuer)
        }
    }

    /// The age record, with the birth-date key; `DF13` checked.
    ///
    /// - Parameter passcode: ``Credential/birthDateKey`` (``Passcode/birthDateKey(birthDate:)``).
    /// - Parameter options: whether the last try may be spent (``VerificationOptions/allowLastAttempt``).
    public func ageRecord(using passcode: Passcode, options: VerificationOptions = .default) async throws -> AgeRecord {
        try MyNumberCard.require(passcode, oneOf: [.birthDateKey], for: "the age record")
        return try await card.verifiedTransaction("reading the age record") {
            try await card.guardedVerify(passcode, options: options)
            let bytes = try await card.read(CardFaceConfirmationFile.ageRecord, what: "the age record (EF 0001)")
            let issuer = try await card.cardVerifiableCertificate(of: Self.application)
            return try AgeRecord(encoded: bytes, issuer: issuer)
        }
    }

    /// The applet's basic information (EF `0003`, free), with the municipality code.
    public func basicInfo() async throws -> AppletBasicInfo {
        try await card.transaction("reading the card face applet's basic info") {
            try await card.select(Self.application, name: Self.name)
            let what = "the applet basic info (EF 0003)"
            let bytes = try await card.read(CardFaceConfirmationFile.basicInfo, what: what)
            return try AppletBasicInfo(
                encoded: bytes, recordTag: AppletBasicInfo.faceTag, informationTag: AppletBasicInfo.faceInformationTag,
                hasMunicipalityCode: true, what: what)
        }
    }

    /// The applet's card-verifiable certificate (EF `0004`, free), checked against the card's
    /// ``MyNumberCard/cardVerifiableAuthorities`` when there are any.
    package func cardVerifiableCertificate() async throws -> CardVerifiableCertificate {
        try await card.transaction("reading the card face applet's card-verifiable certificate") {
            try await card.select(Self.application, name: Self.name)
            return try await card.cardVerifiableCertificate(of: Self.application)
        }
    }
}
