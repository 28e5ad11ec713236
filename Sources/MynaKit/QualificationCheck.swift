import Foundation
import Logging
import MynaCard

/// The insurance qualification check (マイナ保険証 / マイナ救急) in one of three modes.
///
/// Every mode first reads the user-authentication certificate (free) and evaluates its validity at the
/// check's start, so that no PIN is spent on a card the check cannot accept: ``ValidityStatus/valid``,
/// ``ValidityStatus/renewalAlert`` and ``ValidityStatus/expiredWithinGrace`` proceed (the last two with a
/// warning); ``ValidityStatus/expiredBeyondGrace`` and ``ValidityStatus/notYetValid`` fail.
///
/// - **PIN**: the user-authentication PIN's counter is read (a face-authentication card has none:
///   ``MynaKitError/Code/pinNotAvailable``); the card verifies the PIN under MynaCard's safety rules and signs
///   the SHA-256 DigestInfo of the caller's challenge with the user-authentication key; the signature is
///   checked against the certificate and returned with it.
/// - **Face**: refused at once when face authentication is locked for the card
///   (``MynaKitError/Code/faceAuthenticationLocked``); otherwise PIN-B opens the card face, the face photo
///   is handed with the live capture to the ``FaceMatcher``; a match resets the card's failure count, a
///   mismatch adds one (``MynaKitError/Code/faceNotMatched``; the 10th locks).
/// - **Visual (目視)**: no credential. With PIN-B the photo is read for the operator (when it cannot be read,
///   the check goes on with a ``QualificationWarning/facePhotoUnavailable`` warning); the
///   ``OperatorConfirmer``'s confirmation is recorded. PIN and face failure counts are not touched.
///
/// The emergency profile (マイナ救急) allows visual and PIN only, records the consent, and — like every
/// operation here — never reads the individual number.
public struct QualificationCheck: Sendable {
    /// The card.
    public let card: any QualificationCard
    /// Where face failures are counted.
    public let faceFailures: any FaceFailureStore
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// Creates a check.
    ///
    /// - Parameters:
    ///   - card: the card to check: a `MyNumberCard`, or any ``QualificationCard``.
    ///   - faceFailures: where face-authentication failures are counted, per card.
    ///   - clock: the time source for the validity evaluation and the result's timestamps; tests pass a
    ///     fixed one.
    ///   - logger: receives `.debug` messages (codes only, never values or personal data); by default nowhere.
    public init(
        card: any QualificationCard, faceFailures: any FaceFailureStore,
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "MynaKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.card = card
        self.faceFailures = faceFailures
        self.clock = clock
        self.logger = logger
    }

    /// The largest challenge accepted (it is hashed, so any size works; this bounds memory).
    public static let maximumChallengeLength = 65536

    /// Reads the user-authentication certificate.
    ///
    /// - Throws: ``MynaKitError/Code/notAMyNumberCard`` when the card has no JPKI applet.
    public func certificate() async throws -> CardCertificate {
        do {
            return try await card.authenticationCertificate()
        } catch let error as MyNumberCardError where error.code == .notPresentOnThisCard {
            throw MynaKitError(.notAMyNumberCard, "the card has no JPKI applet or user-authentication certificate: it is not a My Number Card")
        }
    }

    /// Reads the lock state without spending anything (certificate for the serial, empty VERIFYs, store).
    public func lockState() async throws -> CardLockState {
        let certificate = try await certificate()
        return try await CardLockState.read(
            from: CredentialCounters(card: card), faceFailures: faceFailures, serialNumber: certificate.serialNumberKey)
    }

    /// Runs the check.
    ///
    /// - Throws: ``MynaKitError`` (a refused or failed step: see its codes), `MyNumberCardError` (a PIN
    ///   refused, wrong or blocked; a card file missing), `TransportError` unchanged. ``Diagnosis`` turns any of
    ///   them into a remedy.
    public func run(_ request: QualificationRequest) async throws -> QualificationOutcome {
        if case .emergency = request.profile, case .face = request.method {
            throw MynaKitError(.modeNotAllowed, "the emergency profile uses visual confirmation, or the PIN when the operator asks; not face authentication")
        }
        let startedAt = clock()
        let certificate = try await certificate()
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
        case .face(let pinB, let liveCapture, let matcher, let options):
            let (record, cardPhoto) = try await matchFace(
                pinB: pinB, liveCapture: liveCapture, matcher: matcher, options: options, certificate: certificate)
            faceMatch = record
            photo = cardPhoto
        case .visual(let pinB, let confirmer, let options):
            if let pinB {
                do {
                    photo = try await card.facePhoto(using: pinB, options: options)
                } catch let error as MyNumberCardError where error.code == .wrongCredential || error.code == .credentialBlocked {
                    // A wrong PIN-B spent a try (or found it blocked): the operator must hear of it, never a
                    // silent fall-back to the printed card.
                    throw error
                } catch let error as MyNumberCardError {
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
                der: certificate.derEncoded, serialNumber: certificate.serialNumberKey, notBefore: validity.notBefore,
                notAfter: validity.notAfter, expiryDay: validity.expiryDay, validity: status),
            signature: signature, faceMatch: faceMatch, operatorConfirmation: confirmation,
            startedAt: startedAt, completedAt: clock(), warnings: warnings)
        logger.debug("qualification check passed", metadata: ["mode": "\(result.mode.rawValue)"])
        return QualificationOutcome(result: result, certificate: certificate, facePhoto: photo)
    }

    private func signChallenge(
        pin: Passcode, challenge: [UInt8], options: VerificationOptions, certificate: CardCertificate
    ) async throws -> QualificationCheckResult.SignatureRecord {
        guard (1...Self.maximumChallengeLength).contains(challenge.count) else {
            throw MynaKitError(.invalidInput, "the challenge must be 1…\(Self.maximumChallengeLength) bytes")
        }
        let counter = try await CredentialCounters(card: card).counter(for: .userAuthenticationPIN)
        if counter.isAbsent {
            throw MynaKitError(
                .pinNotAvailable, "this card has no user-authentication PIN (a face-authentication card)",
                credential: .userAuthenticationPIN)
        }
        let value = try await card.signWithAuthenticationKey(
            challenge: challenge, pin: pin, certificate: certificate, options: options)
        return .init(challenge: challenge, value: value)
    }

    private func matchFace(
        pinB: Passcode, liveCapture: [UInt8], matcher: any FaceMatcher, options: VerificationOptions,
        certificate: CardCertificate
    ) async throws -> (QualificationCheckResult.FaceMatchRecord, [UInt8]) {
        let serial = certificate.serialNumberKey
        let before = try await faceFailures.record(for: serial)
        guard !before.isLocked else {
            throw MynaKitError(
                .faceAuthenticationLocked,
                "face authentication is locked for this card after \(FaceFailureRecord.lockThreshold) consecutive failures; it can be unlocked only at the municipal office",
                retriesRemaining: 0)
        }
        let photo = try await card.facePhoto(using: pinB, options: options)
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
