import Crypto
import Foundation
import Logging

/// The insurance qualification check (マイナ保険証 / マイナ救急) in one of three modes.
///
/// Every mode first reads the user-authentication certificate (free) and evaluates its validity at the
/// check's start, so that no PIN is spent on a card the check cannot accept: ``ValidityStatus/valid``,
/// ``ValidityStatus/renewalAlert`` and ``ValidityStatus/expiredWithinGrace`` proceed (the last two with a
/// warning); ``ValidityStatus/expiredBeyondGrace`` and ``ValidityStatus/notYetValid`` fail.
///
/// - **PIN**: the user-authentication PIN is verified through ``CredentialGuard`` (format, blocked and
///   last-try rules), the caller's challenge is signed with the user-authentication key (SHA-256 DigestInfo,
///   PKCS#1 v1.5), the signature is checked against the certificate, and both are returned.
/// - **Face**: refused at once when face authentication is locked for the card; otherwise PIN-B is derived
///   from the card-face values and verified (same rules), the face photo is read and handed with the live
///   capture to the ``FaceMatcher``; a match resets the card's failure count, a mismatch adds one
///   (``MynaKitError/Code/faceNotMatched``).
/// - **Visual (目視)**: no credential. With card-face values the photo is read for the operator (a failure to
///   read it is a warning, not an error); the ``OperatorConfirmer``'s confirmation is recorded. PIN and face
///   failure counts are not touched.
///
/// The emergency profile (マイナ救急) allows visual and PIN only, records the consent, and — like every
/// operation here — never reads the individual number.
public struct QualificationCheck: Sendable {
    /// The card.
    public let card: any QualificationCard
    /// Where face failures are counted.
    public let faceFailures: any FaceFailureStore
    /// The PIN-safety rules in front of ``card``.
    public let credentials: CredentialGuard
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// Creates a check.
    ///
    /// - Parameters:
    ///   - clock: the time source for the validity evaluation and the result's timestamps; tests pass a
    ///     fixed one.
    ///   - logger: receives `.debug` messages (never values or personal data); by default nowhere.
    public init(
        card: any QualificationCard, faceFailures: any FaceFailureStore,
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "MynaKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.card = card
        self.faceFailures = faceFailures
        self.credentials = CredentialGuard(card: card, logger: logger)
        self.clock = clock
        self.logger = logger
    }

    /// The SHA-256 DigestInfo prefix (DER of `AlgorithmIdentifier` sha256 + `OCTET STRING` header).
    public static let sha256DigestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ]

    /// The largest challenge accepted (it is hashed, so any size works; this bounds memory).
    public static let maximumChallengeLength = 65536

    /// Reads and parses the user-authentication certificate.
    public func readCertificate() async throws -> AuthenticationCertificate {
        try AuthenticationCertificate(der: try await card.readAuthenticationCertificate())
    }

    /// Reads the lock state without spending anything (certificate for the serial, empty VERIFYs, store).
    public func lockState() async throws -> CardLockState {
        let certificate = try await readCertificate()
        return try await CardLockState.read(from: credentials, faceFailures: faceFailures, serialNumber: certificate.serialNumber)
    }

    /// Runs the check.
    ///
    /// - Throws: ``MynaKitError`` (a refused or failed step: see its codes), ``MynaISO7816/CardCommandError``
    ///   and ``MynaTransport/TransportError`` unchanged. ``Diagnosis/init(_:)`` turns any of them into a remedy.
    public func run(_ request: QualificationRequest) async throws -> QualificationOutcome {
        if case .emergency = request.profile, case .face = request.method {
            throw MynaKitError(.modeNotAllowed, "the emergency profile uses visual confirmation, or the PIN when the operator asks; not face authentication")
        }
        let startedAt = clock()
        try await card.beginExclusiveAccess()
        let outcome: QualificationOutcome
        do {
            outcome = try await perform(request, startedAt: startedAt)
        } catch {
            try? await card.endExclusiveAccess()
            throw error
        }
        try await card.endExclusiveAccess()
        return outcome
    }

    private func perform(_ request: QualificationRequest, startedAt: Date) async throws -> QualificationOutcome {
        let certificate = try await readCertificate()
        let validity = certificate.validity
        let status = validity.status(at: startedAt)
        switch status {
        case .notYetValid:
            throw MynaKitError(.certificateNotYetValid, "the user-authentication certificate is not valid yet")
        case .expiredBeyondGrace:
            throw MynaKitError(
                .certificateExpired,
                "the user-authentication certificate expired on \(validity.expiryDay), more than 3 months ago; renew it at the municipal office")
        case .valid, .renewalAlert, .expiredWithinGrace:
            break
        }
        var warnings = QualificationWarning.forValidity(status).map { [$0] } ?? []
        var signature: QualificationCheckResult.SignatureRecord?
        var faceMatch: QualificationCheckResult.FaceMatchRecord?
        var confirmation: OperatorConfirmation?
        var photo: [UInt8]?

        switch request.method {
        case .pin(let pin, let challenge, let options):
            signature = try await signChallenge(pin: pin, challenge: challenge, options: options, certificate: certificate)
        case .face(let values, let liveCapture, let matcher, let options):
            let (record, cardPhoto) = try await matchFace(
                values, liveCapture: liveCapture, matcher: matcher, options: options, certificate: certificate)
            faceMatch = record
            photo = cardPhoto
        case .visual(let values, let confirmer, let options):
            if let values {
                do {
                    photo = try await readPhoto(values, options: options)
                } catch let error as MynaKitError {
                    logger.debug("visual check without photo", metadata: ["reason": "\(error.code)"])
                    warnings.append(.facePhotoUnavailable)
                }
            } else {
                warnings.append(.facePhotoUnavailable)
            }
            var isEmergency = false
            if case .emergency = request.profile { isEmergency = true }
            let decision = try await confirmer.confirm(
                VisualConfirmationRequest(facePhoto: photo, validity: status, isEmergency: isEmergency))
            guard case .confirmed(let operatorID) = decision else {
                throw MynaKitError(.visualConfirmationDeclined, "the operator did not confirm the card holder")
            }
            confirmation = OperatorConfirmation(operatorID: operatorID, confirmedAt: clock(), facePhotoShown: photo != nil)
        }

        let profileName: String
        let consent: EmergencyConsent?
        switch request.profile {
        case .standard: (profileName, consent) = ("standard", nil)
        case .emergency(let given): (profileName, consent) = ("emergency", given)
        }
        let result = QualificationCheckResult(
            mode: request.method.mode, profile: profileName, emergencyConsent: consent,
            certificate: .init(
                der: certificate.der, serialNumber: certificate.serialNumber, notBefore: validity.notBefore,
                notAfter: validity.notAfter, expiryDay: validity.expiryDay, validity: status),
            signature: signature, faceMatch: faceMatch, operatorConfirmation: confirmation,
            startedAt: startedAt, completedAt: clock(), warnings: warnings)
        return QualificationOutcome(result: result, certificate: certificate, facePhoto: photo)
    }

    private func signChallenge(
        pin: PIN, challenge: [UInt8], options: VerificationOptions, certificate: AuthenticationCertificate
    ) async throws -> QualificationCheckResult.SignatureRecord {
        guard pin.credential == .userAuthenticationPIN else {
            throw MynaKitError(.credentialMismatch, "PIN mode needs the user-authentication PIN, not the \(pin.credential.label)", credential: pin.credential)
        }
        guard (1...Self.maximumChallengeLength).contains(challenge.count) else {
            throw MynaKitError(.invalidInput, "the challenge must be 1…\(Self.maximumChallengeLength) bytes")
        }
        try await credentials.verify(pin, options: options)
        let digestInfo = Self.sha256DigestInfoPrefix + SHA256.hash(data: challenge)
        let value = try await card.signWithAuthenticationKey(digestInfo: digestInfo)
        guard certificate.isValidSignature(value, for: challenge) else {
            throw MynaKitError(.signatureInvalid, "the card's signature does not verify with its user-authentication certificate")
        }
        return .init(challenge: challenge, value: value)
    }

    private func readPhoto(_ values: CardFaceValues, options: VerificationOptions) async throws -> [UInt8] {
        try await credentials.verify(try values.pinB(for: .cardFacePINB), options: options)
        return try await card.readFacePhoto()
    }

    private func matchFace(
        _ values: CardFaceValues, liveCapture: [UInt8], matcher: any FaceMatcher, options: VerificationOptions,
        certificate: AuthenticationCertificate
    ) async throws -> (QualificationCheckResult.FaceMatchRecord, [UInt8]) {
        let serial = certificate.serialNumber
        let before = try await faceFailures.record(for: serial)
        guard !before.isLocked else {
            throw MynaKitError(
                .faceAuthenticationLocked,
                "face authentication is locked for this card after \(FaceFailureRecord.lockThreshold) consecutive failures; it can be unlocked only at the municipal office",
                retriesRemaining: 0)
        }
        let photo = try await readPhoto(values, options: options)
        let verdict = try await matcher.match(cardPhoto: photo, liveCapture: liveCapture)
        if verdict.isMatch {
            _ = try await faceFailures.recordSuccess(for: serial, at: clock())
            return (.init(score: verdict.score, consecutiveFailuresBefore: before.consecutiveFailures), photo)
        }
        let after = try await faceFailures.recordFailure(for: serial, at: clock())
        throw MynaKitError(
            .faceNotMatched,
            after.isLocked
                ? "the face did not match; face authentication is now locked for this card"
                : "the face did not match the card photo",
            retriesRemaining: after.remainingBeforeLock)
    }
}
