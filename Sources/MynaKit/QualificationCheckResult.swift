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

    /// The members of the JSON's `certificate`: the DER, then what it states — the serial, the dates and the
    /// Tokyo expiry day, for back ends that read no X.509 — and the status when the check started.
    private enum CertificateKeys: String, CodingKey { case der, serialNumber, notBefore, notAfter, expiryDay, validity }

    /// The card's signature over the back end's challenge (PIN mode).
    public struct SignatureRecord: Hashable, Sendable {
        /// The signature algorithm's name, the JSON's `algorithm`: always `sha256WithRSAEncryption`
        /// (RSASSA-PKCS1-v1_5, SHA-256).
        package let algorithm: String
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
            guard algorithm == "sha256WithRSAEncryption" else {
                throw DecodingError.dataCorruptedError(
                    forKey: .algorithm, in: c, debugDescription: "the card signs with sha256WithRSAEncryption only")
            }
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
    package let formatVersion: Int
    /// How presence was proven.
    public let mode: QualificationMode
    /// Who checked: `standard`, or `emergency` with the consent the crew recorded (the JSON's `profile` and
    /// `emergencyConsent`).
    public let profile: QualificationRequest.Profile
    /// The user-authentication certificate (the JSON's `certificate`: its DER, serial and dates). Its subject is
    /// only `C=JP, CN=<card serial>`.
    public let certificate: CardCertificate
    /// The certificate's status when the check started (the JSON's `certificate.validity`): valid, in the
    /// renewal alert, or expired within grace.
    public let certificateValidity: ValidityStatus
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
    ///
    /// A warning is the troubleshooting chart's code for what the holder or operator should hear of:
    /// ``DiagnosisCode/certificateRenewalDue``, ``DiagnosisCode/certificateExpiredWithinGrace`` or
    /// ``DiagnosisCode/facePhotoUnavailable``. Render them with ``warningMessages(in:)``.
    public let warnings: [DiagnosisCode]

    /// Creates a result.
    package init(
        mode: QualificationMode, profile: QualificationRequest.Profile, certificate: CardCertificate,
        certificateValidity: ValidityStatus,
        signature: SignatureRecord?, faceMatch: FaceMatchRecord?, operatorConfirmation: OperatorConfirmation?,
        startedAt: Date, completedAt: Date, warnings: [DiagnosisCode], formatVersion: Int = currentFormatVersion
    ) {
        self.formatVersion = formatVersion
        self.mode = mode
        self.profile = profile
        self.certificate = certificate
        self.certificateValidity = certificateValidity
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
        try c.encode(profile.consent == nil ? "standard" : "emergency", forKey: .profile)
        try c.encodeIfPresent(profile.consent, forKey: .emergencyConsent)
        var member = c.nestedContainer(keyedBy: CertificateKeys.self, forKey: .certificate)
        let validity = certificate.validity
        try member.encodeBase64(certificate.derEncoded, forKey: .der)
        try member.encode(certificate.serialNumberKey.hex, forKey: .serialNumber)
        try member.encode(Timestamp.format(validity.notBefore), forKey: .notBefore)
        try member.encode(Timestamp.format(validity.notAfter), forKey: .notAfter)
        try member.encode(validity.expiryDay, forKey: .expiryDay)
        try member.encode(certificateValidity, forKey: .validity)
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
        guard formatVersion == Self.currentFormatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: c,
                debugDescription: "format version \(formatVersion); this library reads \(Self.currentFormatVersion)")
        }
        mode = try c.decode(QualificationMode.self, forKey: .mode)
        switch (try c.decode(String.self, forKey: .profile), try c.decodeIfPresent(EmergencyConsent.self, forKey: .emergencyConsent)) {
        case ("standard", nil): profile = .standard
        case ("emergency", let consent?): profile = .emergency(consent)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .profile, in: c, debugDescription: "the profile is standard, or emergency with its consent")
        }
        // The serial and the dates are what the DER states: the certificate is parsed from its DER.
        let member = try c.nestedContainer(keyedBy: CertificateKeys.self, forKey: .certificate)
        do {
            certificate = try CardCertificate(derEncoded: member.decodeBase64(forKey: .der))
        } catch let error as MyNumberCardError {
            throw DecodingError.dataCorruptedError(forKey: .der, in: member, debugDescription: error.reason)
        }
        // The members a back end without X.509 reads must say what the DER says: a record whose serial or dates
        // were changed is not this certificate's record.
        let validity = certificate.validity
        let stated: [(CertificateKeys, String)] = [
            (.serialNumber, certificate.serialNumberKey.hex), (.notBefore, Timestamp.format(validity.notBefore)),
            (.notAfter, Timestamp.format(validity.notAfter)),
        ]
        for (key, value) in stated where try member.decode(String.self, forKey: key) != value {
            throw DecodingError.dataCorruptedError(forKey: key, in: member, debugDescription: "not what the certificate states")
        }
        guard try member.decode(CalendarDate.self, forKey: .expiryDay) == validity.expiryDay else {
            throw DecodingError.dataCorruptedError(
                forKey: .expiryDay, in: member, debugDescription: "not what the certificate states")
        }
        certificateValidity = try member.decode(ValidityStatus.self, forKey: .validity)
        signature = try c.decodesMember(.signature) ? SignatureRecord(from: c.nestedContainer(keyedBy: SignatureRecord.CodingKeys.self, forKey: .signature)) : nil
        faceMatch = try c.decodeIfPresent(FaceMatchRecord.self, forKey: .faceMatch)
        operatorConfirmation = try c.decodesMember(.operatorConfirmation) ? OperatorConfirmation(from: c.nestedContainer(keyedBy: OperatorConfirmation.CodingKeys.self, forKey: .operatorConfirmation)) : nil
        startedAt = try c.decodeTimestamp(forKey: .startedAt)
        completedAt = try c.decodeTimestamp(forKey: .completedAt)
        warnings = try c.decode([DiagnosisCode].self, forKey: .warnings)
    }

    /// The result as JSON (sorted keys), ready to send.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
