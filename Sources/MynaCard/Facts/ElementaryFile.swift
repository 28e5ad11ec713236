import MynaISO7816

/// One elementary file of a My Number Card applet as the card facts describe it: where it is, what it holds
/// and what opens it. The table (``all``) is the one source the readers, the simulated card and the tests
/// take access rules from.
///
/// The short EF identifier of a file is its FID's low five bits (`FileIdentifier.shortIdentifier`).
package struct ElementaryFile: Hashable, Sendable, CustomStringConvertible {
    /// How a file is structured.
    package enum Structure: Hashable, Sendable {
        /// Read with READ BINARY; fixed size with `FF` or `00` filler after the content.
        case transparent
        /// Read with READ RECORD.
        case records
        /// A private key: COMPUTE DIGITAL SIGNATURE uses it, nothing reads it.
        case privateKey
        /// A credential's reference data: VERIFY addresses it, nothing reads it.
        case referenceData
    }

    /// The applet.
    package let application: ApplicationIdentifier
    /// The file identifier (FID).
    package let identifier: FileIdentifier
    /// What the file holds, in a few words.
    package let name: String
    /// How it is structured.
    package let structure: Structure
    /// What opens it on a card (``access(on:)`` for phone tokens).
    package let access: FileAccess

    /// Creates a table row.
    package init(
        application: ApplicationIdentifier, identifier: FileIdentifier, name: String, structure: Structure,
        access: FileAccess
    ) {
        self.application = application
        self.identifier = identifier
        self.name = name
        self.structure = structure
        self.access = access
    }

    /// The short EF identifier (READ BINARY `80|SFI`, VERIFY and COMPUTE DIGITAL SIGNATURE P2 `80|SFI`).
    package var shortIdentifier: UInt8? { identifier.shortIdentifier }

    /// What opens the file on `token`: an Android phone's JPKI token wants the user-authentication PIN even
    /// for the user-authentication certificate (card facts §2, [stated]); everything else is as on a card.
    package func access(on token: TokenKind) -> FileAccess {
        if token == .androidPhone, self == .jpkiAuthenticationCertificate { return .anyOf([.userAuthenticationPIN]) }
        return access
    }

    /// `EF 000A (user-authentication certificate)`.
    package var description: String { "EF \(identifier) (\(name))" }

    /// The row for a file, when the table has it.
    package static func named(_ application: ApplicationIdentifier, _ identifier: FileIdentifier) -> ElementaryFile? {
        all.first { $0.application == application && $0.identifier == identifier }
    }

    // MARK: JPKI (公的個人認証AP)

    /// JPKI `0001`: signature certificate (DER); signature password first, else `6982`.
    package static let jpkiSignatureCertificate = ElementaryFile(
        application: .jpki, identifier: JPKIFile.signatureCertificate, name: "signature certificate",
        structure: .transparent, access: .anyOf([.signaturePassword]))
    /// JPKI `0002`: signature CA certificate; free.
    package static let jpkiSignatureCACertificate = ElementaryFile(
        application: .jpki, identifier: JPKIFile.signatureCACertificate, name: "signature CA certificate",
        structure: .transparent, access: .free)
    /// JPKI `0006`: token info, 160 bytes; free.
    package static let jpkiTokenInfo = ElementaryFile(
        application: .jpki, identifier: JPKIFile.tokenInfo, name: "token info", structure: .transparent, access: .free)
    /// JPKI `0008`: certificate presence, 3 bytes; free.
    package static let jpkiCertificatePresence = ElementaryFile(
        application: .jpki, identifier: JPKIFile.certificatePresence, name: "certificate presence",
        structure: .transparent, access: .free)
    /// JPKI `000A`: user-authentication certificate; free on cards (PIN on an Android token, ``access(on:)``).
    package static let jpkiAuthenticationCertificate = ElementaryFile(
        application: .jpki, identifier: JPKIFile.authenticationCertificate, name: "user-authentication certificate",
        structure: .transparent, access: .free)
    /// JPKI `000B`: user-authentication CA certificate; free.
    package static let jpkiAuthenticationCACertificate = ElementaryFile(
        application: .jpki, identifier: JPKIFile.authenticationCACertificate,
        name: "user-authentication CA certificate", structure: .transparent, access: .free)
    /// JPKI `0009`: protected, unreadable with any credential.
    package static let jpkiProtected0009 = ElementaryFile(
        application: .jpki, identifier: FileIdentifier(0x0009), name: "protected (unreadable)", structure: .transparent,
        access: .never)
    /// JPKI `0017`: user-authentication private key; signing needs the PIN.
    package static let jpkiAuthenticationKey = ElementaryFile(
        application: .jpki, identifier: JPKIFile.authenticationKey, name: "user-authentication key",
        structure: .privateKey, access: .anyOf([.userAuthenticationPIN]))
    /// JPKI `0018`: user-authentication PIN.
    package static let jpkiAuthenticationPIN = ElementaryFile(
        application: .jpki, identifier: JPKIFile.authenticationPIN, name: "user-authentication PIN",
        structure: .referenceData, access: .never)
    /// JPKI `001A`: signature private key; signing needs the password.
    package static let jpkiSignatureKey = ElementaryFile(
        application: .jpki, identifier: JPKIFile.signatureKey, name: "signature key", structure: .privateKey,
        access: .anyOf([.signaturePassword]))
    /// JPKI `001B`: signature password.
    package static let jpkiSignaturePassword = ElementaryFile(
        application: .jpki, identifier: JPKIFile.signaturePassword, name: "signature password",
        structure: .referenceData, access: .never)

    // MARK: Card info input support (券面事項入力補助AP, "text")

    /// Text `0001`: individual number, 17 bytes; PIN or PIN-A.
    package static let textIndividualNumber = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.individualNumber,
        name: "individual number", structure: .transparent, access: .anyOf([.cardInfoPIN, .cardInfoPINA]))
    /// Text `0002`: the 4 basic attributes; PIN or PIN-B.
    package static let textBasicAttributes = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.basicAttributes,
        name: "basic attributes", structure: .transparent, access: .anyOf([.cardInfoPIN, .cardInfoPINB]))
    /// Text `0003`: integrity record; PIN, PIN-A or PIN-B (one source comment says "PIN or A"; its accessors
    /// say any of the three).
    package static let textIntegrityRecord = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.integrityRecord,
        name: "integrity record", structure: .transparent,
        access: .anyOf([.cardInfoPIN, .cardInfoPINA, .cardInfoPINB]))
    /// Text `0004`: card-verifiable certificate; free.
    package static let textCardVerifiableCertificate = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.cardVerifiableCertificate,
        name: "card-verifiable certificate", structure: .transparent, access: .free)
    /// Text `0005`: applet basic info; free.
    package static let textBasicInfo = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.basicInfo, name: "basic info",
        structure: .transparent, access: .free)
    /// Text `0006`: `A1` { `90` exponent, `91` modulus }, the key SET SESSION KEY encrypts to; unsigned; PIN,
    /// PIN-A or PIN-B.
    package static let textSessionKey = ElementaryFile(
        application: .cardInfoInputSupport, identifier: FileIdentifier(0x0006), name: "session key-transport key",
        structure: .transparent, access: .anyOf([.cardInfoPIN, .cardInfoPINA, .cardInfoPINB]))
    /// Text `0007`: the signed challenge key; PIN, PIN-A or PIN-B.
    package static let textCardKey = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.cardKey, name: "signed card key",
        structure: .transparent, access: .anyOf([.cardInfoPIN, .cardInfoPINA, .cardInfoPINB]))
    /// Text `0008`: sixteen `FF`, purpose unknown; access not established.
    package static let textUnknown0008 = ElementaryFile(
        application: .cardInfoInputSupport, identifier: FileIdentifier(0x0008), name: "unknown (sixteen FF)",
        structure: .transparent, access: .notEstablished)
    /// Text `0013`: the challenge key's private half; `80 2A 00 00` signs with it, no credential.
    package static let textChallengeKey = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.cardPrivateKey,
        name: "challenge key", structure: .privateKey, access: .free)
    /// Text `0011`: PIN.
    package static let textPIN = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.pin, name: "card info PIN",
        structure: .referenceData, access: .never)
    /// Text `0012`: blocked at issue.
    package static let textBlockedReference = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.blockedAtIssue,
        name: "reference blocked at issue", structure: .referenceData, access: .never)
    /// Text `0014`: PIN-A.
    package static let textPINA = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.pinA, name: "PIN-A",
        structure: .referenceData, access: .never)
    /// Text `0015`: PIN-B.
    package static let textPINB = ElementaryFile(
        application: .cardInfoInputSupport, identifier: CardInfoInputSupportFile.pinB, name: "PIN-B",
        structure: .referenceData, access: .never)

    // MARK: Card face confirmation (券面事項確認AP, "surface")

    /// Surface `0001`: age record; birth-date key only.
    package static let surfaceAgeRecord = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.ageRecord, name: "age record",
        structure: .transparent, access: .anyOf([.birthDateKey]))
    /// Surface `0002`: card face; PIN-A or PIN-B.
    package static let surfaceCardFace = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.cardFace, name: "card face",
        structure: .transparent, access: .anyOf([.cardFacePINA, .cardFacePINB]))
    /// Surface `0003`: applet basic info; free.
    package static let surfaceBasicInfo = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.basicInfo, name: "basic info",
        structure: .transparent, access: .free)
    /// Surface `0004`: card-verifiable certificate; free.
    package static let surfaceCardVerifiableCertificate = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.cardVerifiableCertificate,
        name: "card-verifiable certificate", structure: .transparent, access: .free)
    /// Surface `0005`: individual-number image; PIN-A only.
    package static let surfaceIndividualNumberImage = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.individualNumberImage,
        name: "individual-number image", structure: .transparent, access: .anyOf([.cardFacePINA]))
    /// Surface `0006`: sixteen `FF`, purpose unknown; PIN-A or PIN-B.
    package static let surfaceUnknown0006 = ElementaryFile(
        application: .cardFaceConfirmation, identifier: FileIdentifier(0x0006), name: "unknown (sixteen FF)",
        structure: .transparent, access: .anyOf([.cardFacePINA, .cardFacePINB]))
    /// Surface `0011`: birth-date key.
    package static let surfaceBirthDateKey = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.birthDateKey, name: "birth-date key",
        structure: .referenceData, access: .never)
    /// Surface `0012`: PIN-B.
    package static let surfacePINB = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.pinB, name: "PIN-B",
        structure: .referenceData, access: .never)
    /// Surface `0013`: PIN-A.
    package static let surfacePINA = ElementaryFile(
        application: .cardFaceConfirmation, identifier: CardFaceConfirmationFile.pinA, name: "PIN-A",
        structure: .referenceData, access: .never)

    // MARK: Resident registry (住基AP) and common card (共通AP)

    /// Resident registry `0002`: a 16-byte key reference record; free.
    package static let residentRegistryRecord = ElementaryFile(
        application: .residentRegistry, identifier: ResidentRegistryFile.record, name: "key reference record",
        structure: .records, access: .free)
    /// Resident registry `001C`: PIN.
    package static let residentRegistryPIN = ElementaryFile(
        application: .residentRegistry, identifier: ResidentRegistryFile.pin, name: "resident registry PIN",
        structure: .referenceData, access: .never)
    /// Common card `0001`: card record (serial, municipality, expiry); free.
    package static let commonCardRecord = ElementaryFile(
        application: .commonCard, identifier: CommonCardFile.cardRecord, name: "card record", structure: .records,
        access: .free)
    /// Common card `0002`: the resident registry applet's key reference record; free.
    package static let commonCardKeyReference = ElementaryFile(
        application: .commonCard, identifier: CommonCardFile.keyReferenceRecord, name: "key reference record",
        structure: .records, access: .free)
    /// Common card `001C`: PIN.
    package static let commonCardPIN = ElementaryFile(
        application: .commonCard, identifier: CommonCardFile.pin, name: "common card PIN", structure: .referenceData,
        access: .never)

    /// Every file of the table, applet by applet.
    package static let all: [ElementaryFile] = [
        .jpkiSignatureCertificate, .jpkiSignatureCACertificate, .jpkiTokenInfo, .jpkiCertificatePresence,
        .jpkiAuthenticationCertificate, .jpkiAuthenticationCACertificate, .jpkiProtected0009, .jpkiAuthenticationKey,
        .jpkiAuthenticationPIN, .jpkiSignatureKey, .jpkiSignaturePassword,
        .textIndividualNumber, .textBasicAttributes, .textIntegrityRecord, .textCardVerifiableCertificate,
        .textBasicInfo, .textSessionKey, .textCardKey, .textUnknown0008, .textChallengeKey, .textPIN, .textBlockedReference, .textPINA,
        .textPINB,
        .surfaceAgeRecord, .surfaceCardFace, .surfaceBasicInfo, .surfaceCardVerifiableCertificate,
        .surfaceIndividualNumberImage, .surfaceUnknown0006, .surfaceBirthDateKey, .surfacePINB, .surfacePINA,
        .residentRegistryRecord, .residentRegistryPIN, .commonCardRecord, .commonCardKeyReference, .commonCardPIN,
    ]
}
