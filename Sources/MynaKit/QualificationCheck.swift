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
///   ``DiagnosisCode/pinNotAvailable``); the card verifies the PIN under MynaCard's safety rules and signs
///   the SHA-256 DigestInfo of the caller's challenge with the user-authentication key; the signature is
///   checked against the certificate and returned with it.
/// - **Face**: refused at once when face authentication is locked for the card
///   (``DiagnosisCode/faceLocked``); otherwise PIN-B opens the card face, the face photo
///   is handed with the live capture to the ``FaceMatcher``; a match resets the card's failure count, a
///   mismatch adds one (``DiagnosisCode/faceNotMatched``; the 10th locks).
/// - **Visual (目視)**: no credential. With PIN-B the photo is read for the operator (when it cannot be read,
///   the check goes on with a ``DiagnosisCode/facePhotoUnavailable`` warning); the
///   ``OperatorConfirmer``'s confirmation is recorded. PIN and face failure counts are not touched.
///
/// **Phones** (insurance cards since 2025-09-19): the check reads the token info first. On a smartphone JPKI
/// token (``/MynaCard/TokenKind/isSmartphone``) only PIN mode applies (``modes(for:)``): there is no card face
/// applet, so no photo to match or show; any other mode is refused with ``DiagnosisCode/modeNotAllowed``
/// before anything is spent. A phone gives its certificate only after the PIN, so PIN mode there verifies
/// the PIN first, then reads and evaluates the certificate and signs only when it is acceptable — one
/// transaction, logged out at the end.
///
/// Every step that verifies a credential logs the card out before its transaction ends, so no credential is
/// left verified when the check returns or throws.
///
/// The emergency profile (マイナ救急) allows visual and PIN only, records the consent, and — like every
/// operation here — never reads the individual number.
public struct QualificationCheck: Sendable {
    /// The card.
    package let card: any QualificationCard
    /// Where face failures are counted.
    package let faceFailures: any FaceFailureStore
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// Creates a check.
    ///
    /// - Parameters:
    ///   - card: the card to check (on any transport: a reader, the simulator, a replayed transcript).
    ///   - faceFailures: where face-authentication failures are counted, per card.
    ///   - clock: the time source for the validity evaluation and the result's timestamps; tests pass a
    ///     fixed one.
    ///   - logger: receives `.debug` messages (codes only, never values or personal data); by default nowhere.
    public init(
        card: MyNumberCard, faceFailures: any FaceFailureStore,
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "MynaKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.card = card
        self.faceFailures = faceFailures
        self.clock = clock
        self.logger = logger
    }

    /// The largest challenge accepted (it is hashed, so any size works; this bounds memory).
    package static let maximumChallengeLength = 65536

    /// The modes of the check that apply to a token: all three on a card; PIN only on a phone (no card face
    /// applet: no photo to match or show).
    public static func modes(for token: TokenKind) -> [QualificationMode] {
        token.isSmartphone ? [.pin] : QualificationMode.allCases
    }

    /// What answers as the JPKI applet (the token info's label).
    ///
    /// - Throws: ``DiagnosisCode/notAMyNumberCard`` when the card has no JPKI applet.
    public func tokenKind() async throws -> TokenKind {
        do {
            return try await card.tokenKind()
        } catch let error as MyNumberCardError where error.code == .notPresentOnThisCard {
            throw MynaKitError(.notAMyNumberCard, "the card has no JPKI applet: it is not a My Number Card")
        }
    }

    /// Reads the user-authentication certificate.
    ///
    /// - Throws: ``DiagnosisCode/notAMyNumberCard`` when the card has no JPKI applet;
    ///   ``DiagnosisCode/modeNotAllowed`` on a phone, which gives its certificate only after the PIN (run
    ///   the check in PIN mode).
    public func certificate() async throws -> CardCertificate {
        do {
            return try await card.authenticationCertificate()
        } catch let error as MyNumberCardError where error.code == .notPresentOnThisCard {
            throw MynaKitError(.notAMyNumberCard, "the card has no JPKI applet or user-authentication certificate: it is not a My Number Card")
        } catch let error as MyNumberCardError where error.code == .securityStatusNotSatisfied {
            let token = (try? await card.tokenKind()) ?? .card
            guard token.isSmartphone else { throw error }
            throw MynaKitError(
                .modeNotAllowed,
                "this is the JPKI token of an \(token): it gives its user-authentication certificate only after the PIN; run the check in PIN mode")
        }
    }

    /// Reads the lock state without spending anything (certificate for the serial, empty VERIFYs, store).
    ///
    /// On a phone, whose certificate needs the PIN and to which face authentication does not apply, only the
    /// counters are read (no face failures).
    public func lockState() async throws -> CardLockState {
        if try await tokenKind().isSmartphone {
            let counters = CredentialCounters(reading: card)
            return CardLockState(
                userAuthenticationPIN: try await counters.counter(for: .userAuthenticationPIN),
                signaturePassword: try await counters.counter(for: .signaturePassword), faceFailures: FaceFailureRecord())
        }
        let certificate = try await certificate()
        return try await CardLockState.read(
            from: CredentialCounters(reading: card), faceFailures: faceFailures, serialNumber: certificate.serialNumberKey)
    }

    /// Runs the check.
    ///
    /// - Throws: ``MynaKitError`` (a refused or failed step: see its codes), `MyNumberCardError` (a PIN
    ///   refused, wrong or blocked; a card file missing), `TransportError` unchanged. ``Diagnosis`` turns any of
    ///   them into a remedy.
    public func run(
        _ request: QualificationRequest, profile: QualificationRequest.Profile = .standard
    ) async throws -> QualificationOutcome {
        if case .emergency = profile, case .face = request {
            throw MynaKitError(.modeNotAllowed, "the emergency profile uses visual confirmation, or the PIN when the operator asks; not face authentication")
        }
        let startedAt = clock()
        // A smartphone's token (only PIN mode applies) is recognised by what it lacks, with nothing spent and
        // no APDU spent on cards: its certificate needs the PIN (Android), or it has no card-face applet. Only
        // visual mode without PIN-B reads nothing that would tell, so there the token info is read first.
        if case .visual(nil, _, _) = request {
            let token = try await tokenKind()
            if token.isSmartphone { throw Self.modeRefusal(token, request.mode) }
        }
        var signature: QualificationCheckResult.SignatureRecord?
        let certificate: CardCertificate
        do {
            certificate = try await self.certificate()
        } catch let error as MynaKitError where error.code == .modeNotAllowed {
            // A token that gives its certificate only after the PIN (``certificate()``).
            guard case .pin(let pin, let challenge, let options) = request else {
                let token = (try? await tokenKind()) ?? .card
                throw token.isSmartphone ? Self.modeRefusal(token, request.mode) : error
            }
            // PIN, certificate, validity, signature — one session.
            try Self.requireChallenge(challenge)
            let (value, read) = try await card.signWithAuthenticationKey(challenge: challenge, pin: pin, options: options) {
                _ = try Self.acceptedValidity(of: $0, at: startedAt)
            }
            certificate = read
            signature = .init(challenge: challenge, value: value)
        }
        let status = try Self.acceptedValidity(of: certificate, at: startedAt)
        var warnings = DiagnosisCode.warning(for: status).map { [$0] } ?? []
        var faceMatch: QualificationCheckResult.FaceMatchRecord?
        var confirmation: OperatorConfirmation?
        var photo: [UInt8]?

        switch request {
        case .pin(let pin, let challenge, let options):
            if signature == nil {
                signature = try await signChallenge(pin: pin, challenge: challenge, options: options, certificate: certificate)
            }
        case .face(let pinB, let liveCapture, let matcher, let options):
            let (record, cardPhoto) = try await refusingOnPhone(.face) {
                try await matchFace(
                    pinB: pinB, liveCapture: liveCapture, matcher: matcher, options: options, certificate: certificate)
            }
            faceMatch = record
            photo = cardPhoto
        case .visual(let pinB, let confirmer, let options):
            if let pinB {
                do {
                    photo = try await refusingOnPhone(.visual) { try await card.facePhoto(using: pinB, options: options) }
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
            let decision = try await confirmer.confirm(
                VisualConfirmationRequest(facePhoto: photo, validity: status, isEmergency: profile != .standard))
            guard case .confirmed(let operatorID) = decision else {
                throw MynaKitError(.visualConfirmationDeclined, "the operator did not confirm the card holder")
            }
            confirmation = OperatorConfirmation(operatorID: operatorID, confirmedAt: clock(), facePhotoShown: photo != nil)
        }

        let result = QualificationCheckResult(
            mode: request.mode, profile: profile,
            certificate: certificate, certificateValidity: status,
            signature: signature, faceMatch: faceMatch, operatorConfirmation: confirmation,
            startedAt: startedAt, completedAt: clock(), warnings: warnings)
        logger.debug("qualification check passed", metadata: ["mode": "\(result.mode.rawValue)"])
        return QualificationOutcome(result: result, facePhoto: photo)
    }

    /// The refusal of `mode` on a smartphone's `token`.
    static func modeRefusal(_ token: TokenKind, _ mode: QualificationMode) -> MynaKitError {
        let modes = Self.modes(for: token)
        return MynaKitError(
            .modeNotAllowed,
            "this is the JPKI token of an \(token): only \(modes.map(\.rawValue).joined(separator: ", ")) mode applies to it, not \(mode.rawValue) (a phone has no card face to match or show)")
    }

    /// Runs `body`, which needs the card-face applet; where that applet is missing because the token is a
    /// smartphone's (nothing was spent: the applet's SELECT failed), the mode is refused instead.
    private func refusingOnPhone<T: Sendable>(_ mode: QualificationMode, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as MyNumberCardError where error.code == .notPresentOnThisCard {
            let token = (try? await tokenKind()) ?? .card
            if token.isSmartphone { throw Self.modeRefusal(token, mode) }
            throw error
        }
    }

    /// The certificate's validity at `date`, when the check can accept it.
    static func acceptedValidity(of certificate: CardCertificate, at date: Date) throws -> ValidityStatus {
        let validity = certificate.validity
        let status = validity.status(at: date)
        switch status {
        case .notYetValid:
            throw MynaKitError(.certificateNotYetValid, "the user-authentication certificate is not valid yet")
        case .expiredBeyondGrace:
            throw MynaKitError(
                .certificateExpired,
                "the user-authentication certificate expired on \(validity.expiryDay), more than 3 months ago; renew it at the municipal office")
        case .valid, .renewalAlert, .expiredWithinGrace:
            return status
        }
    }

    static func requireChallenge(_ challenge: [UInt8]) throws {
        guard (1...maximumChallengeLength).contains(challenge.count) else {
            throw MynaKitError(.invalidInput, "the challenge must be 1…\(maximumChallengeLength) bytes")
        }
    }

    private func signChallenge(
        pin: Passcode, challenge: [UInt8], options: VerificationOptions, certificate: CardCertificate
    ) async throws -> QualificationCheckResult.SignatureRecord {
        try Self.requireChallenge(challenge)
        // The signing step reads the counter itself (empty VERIFY) before any VERIFY: a card without the PIN
        // (a face-authentication card) fails there, with nothing spent — no separate empty VERIFY first.
        do {
            let value = try await card.signWithAuthenticationKey(
                challenge: challenge, pin: pin, certificate: certificate, options: options)
            return .init(challenge: challenge, value: value)
        } catch let error as MyNumberCardError
            where error.code == .notPresentOnThisCard && error.credential == .userAuthenticationPIN
        {
            throw MynaKitError(
                .pinNotAvailable, "this card has no user-authentication PIN (a face-authentication card)",
                credential: .userAuthenticationPIN)
        }
    }

    private func matchFace(
        pinB: Passcode, liveCapture: [UInt8], matcher: any FaceMatcher, options: VerificationOptions,
        certificate: CardCertificate
    ) async throws -> (QualificationCheckResult.FaceMatchRecord, [UInt8]) {
        let serial = certificate.serialNumberKey
        let before = try await faceFailures.record(for: serial)
        guard !before.isLocked else {
            throw MynaKitError(
                .faceLocked,
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
