import MynaISO7816

// The My Number Card's wire constants, once. Source: the card facts document (§1–§2).

extension ApplicationIdentifier {
    /// JPKI applet (公的個人認証AP): user-authentication and signature keys and certificates.
    public static let jpki = ApplicationIdentifier(constant: [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01])
    /// Card info input support applet (券面事項入力補助AP, "text"): individual number and 4 basic attributes.
    public static let cardInfoInputSupport = ApplicationIdentifier(constant: [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08])
    /// Card face confirmation applet (券面事項確認AP, "surface"): card-face images, face photo.
    public static let cardFaceConfirmation = ApplicationIdentifier(constant: [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02])
    /// Resident registry applet (住基AP).
    public static let residentRegistry = ApplicationIdentifier(constant: [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01])
    /// Common card applet (共通AP): card serial, municipality code, card expiry.
    public static let commonCard = ApplicationIdentifier(constant: [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00])
    /// The GlobalPlatform Issuer Security Domain `A0 00 00 01 51 00 00`: selecting it leaves every applet (and
    /// clears every verified state); with it selected no applet is current and the master-file data objects
    /// answer GET DATA.
    public static let issuerSecurityDomain = ApplicationIdentifier(constant: [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00])
}

/// The elementary files of the JPKI applet.
public enum JPKIFile {
    /// Signature certificate (DER); needs the signature password.
    public static let signatureCertificate = FileIdentifier(0x0001)
    /// Signature CA certificate.
    public static let signatureCACertificate = FileIdentifier(0x0002)
    /// Token info: 160-byte PKCS#11 CK_TOKEN_INFO.
    public static let tokenInfo = FileIdentifier(0x0006)
    /// Three bytes, `8F 8F 00` when both certificates are present.
    public static let certificatePresence = FileIdentifier(0x0008)
    /// User-authentication certificate (free on cards, PIN on phone tokens).
    public static let authenticationCertificate = FileIdentifier(0x000A)
    /// User-authentication CA certificate.
    public static let authenticationCACertificate = FileIdentifier(0x000B)
    /// User-authentication private key.
    public static let authenticationKey = FileIdentifier(0x0017)
    /// User-authentication PIN: 4 digits, 3 tries (``Credential/userAuthenticationPIN``).
    public static let authenticationPIN = FileIdentifier(0x0018)
    /// Signature private key.
    package static let signatureKey = FileIdentifier(0x001A)
    /// Signature password: 6–16 of A–Z 0–9, 5 tries.
    public static let signaturePassword = FileIdentifier(0x001B)
}

/// The elementary files of the card info input support ("text") applet.
public enum CardInfoInputSupportFile {
    /// Individual number: `FF 10 0C` + 12 ASCII digits + `FF FF`; PIN or PIN-A.
    public static let individualNumber = FileIdentifier(0x0001)
    /// The 4 basic attributes; PIN or PIN-B.
    public static let basicAttributes = FileIdentifier(0x0002)
    /// Integrity record `FF30` {DF31, DF32, DF33}.
    public static let integrityRecord = FileIdentifier(0x0003)
    /// Card-verifiable certificate `7F21`.
    public static let cardVerifiableCertificate = FileIdentifier(0x0004)
    /// Applet basic info `FF40`.
    public static let basicInfo = FileIdentifier(0x0005)
    /// The card key, signed: `FF50` {`DF51` key `90`/`91`, `DF52` signature}; PIN, PIN-A or PIN-B.
    public static let cardKey = FileIdentifier(0x0007)
    /// PIN: 4 digits, 3 tries.
    public static let pin = FileIdentifier(0x0011)
    /// A key reference blocked at issue.
    package static let blockedAtIssue = FileIdentifier(0x0012)
    /// PIN-A: the 12-digit individual number.
    public static let pinA = FileIdentifier(0x0014)
    /// PIN-B: 14 digits (Japanese-era birth date, expiry year, security code).
    public static let pinB = FileIdentifier(0x0015)
    /// The card key's private half (signs `80 2A 00 00` challenges with no credential).
    package static let cardPrivateKey = FileIdentifier(0x0013)
}

/// The elementary files of the card face confirmation ("surface") applet.
public enum CardFaceConfirmationFile {
    /// Age record `FF10`; birth-date key only.
    public static let ageRecord = FileIdentifier(0x0001)
    /// Card face `FF20`; PIN-A or PIN-B.
    public static let cardFace = FileIdentifier(0x0002)
    /// Applet basic info `FF30`.
    public static let basicInfo = FileIdentifier(0x0003)
    /// Card-verifiable certificate.
    public static let cardVerifiableCertificate = FileIdentifier(0x0004)
    /// Individual-number image `FF40`; PIN-A only.
    public static let individualNumberImage = FileIdentifier(0x0005)
    /// Birth-date key: 6 digits, Japanese-era YYMMDD.
    public static let birthDateKey = FileIdentifier(0x0011)
    /// PIN-B.
    public static let pinB = FileIdentifier(0x0012)
    /// PIN-A.
    public static let pinA = FileIdentifier(0x0013)
}

/// The elementary files of the resident registry applet.
package enum ResidentRegistryFile {
    /// Record EF.
    package static let record = FileIdentifier(0x0002)
    /// PIN.
    package static let pin = FileIdentifier(0x001C)
}

/// The elementary files of the common card applet.
public enum CommonCardFile {
    /// Record 1: card serial, municipality code, card expiry.
    public static let cardRecord = FileIdentifier(0x0001)
    /// The number of the card record in ``cardRecord``.
    public static let cardRecordNumber: UInt8 = 1
    /// Record EF: the resident registry applet's 16-byte key reference, byte for byte.
    package static let keyReferenceRecord = FileIdentifier(0x0002)
    /// PIN (a separate key reference from the resident registry applet's `001C`), changed with CHANGE KEY.
    package static let pin = FileIdentifier(0x001C)
}
