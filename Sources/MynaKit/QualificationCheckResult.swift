import Foundation
import MynaCard

/// The outcome of a successful qualification check, for the app to send to its back end.
///
/// It never contains the individual number, a PIN, PIN-B, the security code, the face photo or any other
/// card-holder data: the user-authentication certificate's subject is only `C=JP, CN=<card serial>`.
///
/// JSON shape (timestamps ISO 8601 UTC with whole seconds, bytes base64, absent members omitted):
///
/// ```json
/// {
///   "formatVersion": 1,
///   "mode": "pin" | "face" | "visual",
///   "profile": "standard" | "emergency",
///   "emergencyConsent": "given" | "notObtainable",          // emergency profile only
///   "certificate": {
///     "der": "<base64 DER>",
///     "serialNumber": "<upper-case hex>",
///     "notBefore": "2025-03-31T15:00:00Z",
///     "notAfter": "2030-02-17T14:59:59Z",
///     "expiryDay": "2030-02-17",                            // Tokyo calendar
///     "validity": "valid" | "renewalAlert" | "expiredWithinGrace"
///   },
///   "signature": {                                          // pin mode only
///     "algorithm": "sha256WithRSAEncryption",
///     "challenge": "<base64, as supplied>",
///     "value": "<base64, 256 bytes>"
///   },
///   "faceMatch": { "score": 0.93, "consecutiveFailuresBefore": 2 },   // face mode only
///   "operatorConfirmation": {                               // visual mode only
///     "operatorID": "staff-042", "confirmedAt": "…", "facePhotoShown": true
///   },
///   "startedAt": "2030-01-05T00:12:03Z",
///   "completedAt": "2030-01-05T00:12:05Z",
///   "warnings": ["certificateRenewalDue"]
/// }
/// ```
public struct QualificationCheckResult: Hashable, Sendable, Codable {
    /// The version of this JSON shape.
    package static let currentFormatVersion = 1

    /// The certificate, as reported.
    public struct CertificateRecord: Hashable, Sendable {
        /// The DER bytes.
        public let der: [UInt8]
        /// The serial number.
        public let serialNumber: CertificateSerialNumber
        /// `notBefore`.
        public let notBefore: Date
        /// `notAfter`.
        public let notAfter: Date
        /// The Tokyo day of `notAfter`.
        public let expiryDay: CalendarDate
        /// The status when the check started.
        public let validity: ValidityStatus

        /// Creates a record.
        package init(der: [UInt8], serialNumber: CertificateSerialNumber, notBefore: Date, notAfter: Date, expiryDay: CalendarDate, validity: ValidityStatus) {
            self.der = der
            self.serialNumber = serialNumber
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.expiryDay = expiryDay
            self.validity = validity
        }

        fileprivate enum CodingKeys: String, CodingKey { case der, serialNumber, notBefore, notAfter, expiryDay, validity }

        /// Encodes the documented shape into the result's `certificate` member.
        fileprivate func encode(to c: inout KeyedEncodingContainer<CodingKeys>) throws {
            try c.encodeBase64(der, forKey: .der)
            try c.encode(serialNumber, forKey: .serialNumber)
            try c.encode(Timestamp.format(notBefore), forKey: .notBefore)
            try c.encode(Timestamp.format(notAfter), forKey: .notAfter)
            try c.encode(expiryDay, forKey: .expiryDay)
            try c.encode(validity, forKey: .validity)
        }

        /// Decodes the documented shape from the result's `certificate` member.
        fileprivate init(from c: KeyedDecodingContainer<CodingKeys>) throws {
            der = try c.decodeBase64(forKey: .der)
            serialNumber = try c.decode(CertificateSerialNumber.self, forKey: .serialNumber)
            notBefore = try c.decodeTimestamp(forKey: .notBefore)
            notAfter = try c.decodeTimestamp(forKey: .notAfter)
            expiryDay = try c.decode(CalendarDate.self, forKey: .expiryDay)
            validity = try c.decode(ValidityStatus.self, forKey: .validity)
        }
    }

    /// The card's signature over the back end's challenge (PIN mode).
    public struct SignatureRecord: Hashable, Sendable {
        /// The signature algorithm's name: always `sha256WithRSAEncryption` (RSASSA-PKCS1-v1_5, SHA-256).
        public let algorithm: String
        /// The challenge as supplied.
        public let challenge: [UInt8]
        /// The signature, checked against the certificate's key before it is returned.
        public let value: [UInt8]

        /// Creates a record.
        package init(algorithm: String = "sha256WithRSAEncryption", challenge: [UInt8], value: [UInt8]) {
            self.algorithm = algorithm
            self.challenge = challenge
            self.value = value
        }

        fileprivate enum CodingKeys: String, CodingKey { case algorithm, challenge, value }

        /// Encodes the documented shape into the result's `signature` member.
        fileprivate func encode(to c: inout KeyedEncodingContainer<CodingKeys>) throws {
            try c.encode(algorithm, forKey: .algorithm)
            try c.encodeBase64(challenge, forKey: .challenge)
            try c.encodeBase64(value, forKey: .value)
        }

        /// Decodes the documented shape from the result's `signature` member.
        fileprivate init(from c: KeyedDecodingContainer<CodingKeys>) throws {
            algorithm = try c.decode(String.self, forKey: .algorithm)
            challenge = try c.decodeBase64(forKey: .challenge)
            value = try c.decodeBase64(forKey: .value)
        }
    }

    /// The face match (face mode).
    public struct FaceMatchRecord: Hashable, Sendable, Codable {
        /// The matcher's score.
        public let score: Double
        /// Consecutive failures counted for the card before this success (now reset to 0).
        public let consecutiveFailuresBefore: Int

        /// Creates a record.
        package init(score: Double, consecutiveFailuresBefore: Int) {
            self.score = score
            self.consecutiveFailuresBefore = consecutiveFailuresBefore
        }
    }

    /// The JSON shape's version (1 when made by this version of the library).
    public let formatVersion: Int
    /// How presence was proven.
    public let mode: QualificationMode
    /// `standard` or `emergency`.
    public let profile: String
    /// The consent recorded by an emergency crew; `nil` in the standard profile.
    public let emergencyConsent: EmergencyConsent?
    /// The user-authentication certificate.
    public let certificate: CertificateRecord
    /// PIN mode: the signature.
    public let signature: SignatureRecord?
    /// Face mode: the match.
    public let faceMatch: FaceMatchRecord?
    /// Visual mode: the operator's confirmation.
    public let operatorConfirmation: OperatorConfirmation?
    /// When the check started (the certificate's status is evaluated at this instant).
    public let startedAt: Date
    /// When the check finished.
    public let completedAt: Date
    /// Warnings for the holder or operator.
    public let warnings: [QualificationWarning]

    /// Creates a result.
    package init(
        mode: QualificationMode, profile: String, emergencyConsent: EmergencyConsent?, certificate: CertificateRecord,
        signature: SignatureRecord?, faceMatch: FaceMatchRecord?, operatorConfirmation: OperatorConfirmation?,
        startedAt: Date, completedAt: Date, warnings: [QualificationWarning], formatVersion: Int = currentFormatVersion
    ) {
        self.formatVersion = formatVersion
        self.mode = mode
        self.profile = profile
        self.emergencyConsent = emergencyConsent
        self.certificate = certificate
        self.signature = signature
        self.faceMatch = faceMatch
        self.operatorConfirmation = operatorConfirmation
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.warnings = warnings
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion, mode, profile, emergencyConsent, certificate, signature, faceMatch, operatorConfirmation,
            startedAt, completedAt, warnings
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(mode, forKey: .mode)
        try c.encode(profile, forKey: .profile)
        try c.encodeIfPresent(emergencyConsent, forKey: .emergencyConsent)
        var certificateMember = c.nestedContainer(keyedBy: CertificateRecord.CodingKeys.self, forKey: .certificate)
        try certificate.encode(to: &certificateMember)
        if let signature {
            var signatureMember = c.nestedContainer(keyedBy: SignatureRecord.CodingKeys.self, forKey: .signature)
            try signature.encode(to: &signatureMember)
        }
        try c.encodeIfPresent(faceMatch, forKey: .faceMatch)
        if let operatorConfirmation {
            var operatorMember = c.nestedContainer(keyedBy: OperatorConfirmation.CodingKeys.self, forKey: .operatorConfirmation)
            try operatorConfirmation.encode(to: &operatorMember)
        }
        try c.encode(Timestamp.format(startedAt), forKey: .startedAt)
        try c.encode(Timestamp.format(completedAt), forKey: .completedAt)
        try c.encode(warnings, forKey: .warnings)
    }

    /// Decodes the documented shape.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        mode = try c.decode(QualificationMode.self, forKey: .mode)
        profile = try c.decode(String.self, forKey: .profile)
        emergencyConsent = try c.decodeIfPresent(EmergencyConsent.self, forKey: .emergencyConsent)
        certificate = try CertificateRecord(from: c.nestedContainer(keyedBy: CertificateRecord.CodingKeys.self, forKey: .certificate))
        signature = try c.decodesMember(.signature) ? SignatureRecord(from: c.nestedContainer(keyedBy: SignatureRecord.CodingKeys.self, forKey: .signature)) : nil
        faceMatch = try c.decodeIfPresent(FaceMatchRecord.self, forKey: .faceMatch)
        operatorConfirmation = try c.decodesMember(.operatorConfirmation) ? OperatorConfirmation(from: c.nestedContainer(keyedBy: OperatorConfirmation.CodingKeys.self, forKey: .operatorConfirmation)) : nil
        startedAt = try c.decodeTimestamp(forKey: .startedAt)
        completedAt = try c.decodeTimestamp(forKey: .completedAt)
        warnings = try c.decode([QualificationWarning].self, forKey: .warnings)
    }

    /// The result as JSON (sorted keys), ready to send.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
