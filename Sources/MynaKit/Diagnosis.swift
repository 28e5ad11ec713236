import MynaCard
import MynaTransport

/// The troubleshooting chart used at clinics, as a function: what went wrong, what to do, and which
/// qualification-check modes still work meanwhile.
///
/// The chart decides a typed ``code``; the words — ``summary(in:)`` and ``remedy(in:)`` — come from the
/// module's string table for the chosen ``MessageLanguage`` (Japanese and English), keyed by that code.
///
/// The chart, first matching branch wins:
/// 1. An error from the reader or service (`TransportError`): reader not connected, service
///    not running, reader in use, no card, card removed; a card that does not answer is split by the
///    operator's swap observations: this card reads fine on another reader, or other cards fail on this
///    reader too → ``DiagnosisCode/readerFault``; another card reads fine on this reader, or this card fails
///    on another reader too → ``DiagnosisCode/cardFault``; else ``DiagnosisCode/cardNotResponding``.
/// 2. An error from MynaKit, or MynaCard (`MyNumberCardError`, which keeps the card's status word and command): not a My Number Card; locks (PIN, face, both, signature password,
///    PIN-B) — combined with the lock state when given; the certificate's validity;
///    the attempt itself (wrong PIN, last try, format, face mismatch, operator declined).
/// 3. Without an error: this card reads fine on another reader, or other cards fail on this reader too →
///    ``DiagnosisCode/readerFault``.
/// 4. The card expired → ``DiagnosisCode/cardExpired``.
/// 5. The certificate: expired beyond grace, expired within grace, not yet valid.
/// 6. A lock in the lock state (PIN / face / both, then the signature password). A locked PIN is
///    ``DiagnosisCode/pinLocked`` (a convenience-store kiosk can reset it with the signature password) or,
///    when the signature password is locked or absent too, ``DiagnosisCode/pinLockedOfficeOnly``.
/// 7. A renewal alert → ``DiagnosisCode/certificateRenewalDue``.
/// 8. ``DiagnosisCode/noProblemFound``.
public struct Diagnosis: Hashable, Sendable, Encodable {
    /// The branch.
    public let code: DiagnosisCode
    /// The qualification-check modes that still work meanwhile (empty when none does).
    public let stillWorks: [QualificationMode]
    /// The credential the branch concerns, when one does.
    public let credential: Credential?
    /// Tries left on ``credential`` (or face-authentication attempts before the lock), when known.
    public let retriesRemaining: Int?
    /// The remedy's table entry: a variant of the code's remedy with its arguments.
    let remedyText: LocalizedText

    init(
        _ code: DiagnosisCode, _ remedy: LocalizedText? = nil, stillWorks: [QualificationMode],
        credential: Credential? = nil, retriesRemaining: Int? = nil
    ) {
        self.code = code
        self.remedyText = remedy ?? LocalizedText("diagnosis.\(code.rawValue).remedy")
        self.stillWorks = stillWorks
        self.credential = credential
        self.retriesRemaining = retriesRemaining
    }

    /// Walks the chart for what the app observed: give what is known, leave the rest `nil`.
    ///
    /// - Parameters:
    ///   - error: the error an operation threw (``MynaKitError``, `MyNumberCardError`, `TransportError`, or
    ///     anything else).
    ///   - lockState: the card's lock state, when it could be read (``QualificationCheck/lockState()``).
    ///   - certificateValidity: the certificate's validity status, when known.
    ///   - cardExpired: whether the card itself has expired, when known: its last valid day (the common applet's
    ///     `CardIdentity.cardExpiry`) has ended (``MynaCard/CalendarDate/hasEnded(at:)``).
    ///   - tokenKind: what answers as the JPKI applet, when known (``QualificationCheck/tokenKind()``): on a
    ///     smartphone's token only PIN mode applies (``QualificationCheck/modes(for:)``), whatever its counters say.
    ///   - anotherCardReadsFineOnThisReader: the operator's observation: does **another** card read fine on
    ///     **this** reader? `true`: the reader works, so a card that does not answer is itself at fault; `false`:
    ///     other cards fail too, so the reader is at fault; `nil`: not tried.
    ///   - thisCardReadsFineOnAnotherReader: the operator's other observation: does **this** card read fine on
    ///     **another** reader? `true`: the card works, so **this reader** is at fault; `false`: the card fails
    ///     everywhere, so the card is at fault; `nil`: not tried. The clinics' chart asks "does it read fine
    ///     elsewhere?" in both directions; whichever the operator tried, the conclusion follows from the one thing
    ///     that was swapped.
    public init(
        error: (any Error)? = nil, lockState: CardLockState? = nil, certificateValidity: ValidityStatus? = nil,
        cardExpired: Bool? = nil, tokenKind: TokenKind? = nil, anotherCardReadsFineOnThisReader: Bool? = nil,
        thisCardReadsFineOnAnotherReader: Bool? = nil
    ) {
        self = Diagnosis.walk(
            DiagnosisObservations(
                error: error, lockState: lockState, certificateValidity: certificateValidity, cardExpired: cardExpired,
                anotherCardReadsFineOnThisReader: anotherCardReadsFineOnThisReader,
                thisCardReadsFineOnAnotherReader: thisCardReadsFineOnAnotherReader, tokenKind: tokenKind))
    }

    /// What the chart found, in one sentence, in `language`.
    public func summary(in language: MessageLanguage = .current) -> String {
        code.summary(in: language)
    }

    /// What to do, in `language`: short, plain sentences in the words clinics use.
    public func remedy(in language: MessageLanguage = .current) -> String {
        remedyText.render(in: language)
    }

    private enum CodingKeys: String, CodingKey { case code, stillWorks, retriesRemaining }

    /// Encodes the stable parts: the code, the modes that still work and the tries left when known. The
    /// words are for people: render them with ``summary(in:)`` and ``remedy(in:)`` in the reader's language.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(stillWorks, forKey: .stillWorks)
        try container.encodeIfPresent(retriesRemaining, forKey: .retriesRemaining)
    }

    /// Which side a swap observation blames: `true` the reader, `false` the card, `nil` unknown.
    /// A contradiction (both blamed) is left unknown.
    private static func readerIsAtFault(_ o: DiagnosisObservations) -> Bool? {
        let blamesReader = o.thisCardReadsFineOnAnotherReader == true || o.anotherCardReadsFineOnThisReader == false
        let blamesCard = o.anotherCardReadsFineOnThisReader == true || o.thisCardReadsFineOnAnotherReader == false
        switch (blamesReader, blamesCard) {
        case (true, false): return true
        case (false, true): return false
        default: return nil
        }
    }

    private static let allModes: [QualificationMode] = [.pin, .face, .visual]

    private static func walk(_ o: DiagnosisObservations) -> Diagnosis {
        if let error = o.error {
            if let error = error as? TransportError { return transport(error, o) }
            if let error = error as? MynaKitError { return domain(error, o) }
            if let error = error as? MyNumberCardError { return myNumberCard(error, o) }
            if error is CancellationError { return Diagnosis(.interrupted, stillWorks: []) }
            return Diagnosis(.unexpectedError, stillWorks: [])
        }
        if readerIsAtFault(o) == true { return Diagnosis(.readerFault, stillWorks: []) }
        if o.cardExpired == true { return Diagnosis(.cardExpired, stillWorks: []) }
        if let validity = o.certificateValidity, let diagnosis = Self.validity(validity, o) { return diagnosis }
        if let lockState = o.lockState {
            if let lock = lockState.qualificationLock { return Self.lock(lock.kind, lockState) }
            if lockState.isSignaturePasswordLocked { return Self.lock(.signaturePasswordLocked, lockState) }
        }
        if o.certificateValidity == .renewalAlert { return Diagnosis(.certificateRenewalDue, stillWorks: modes(o)) }
        return Diagnosis(.noProblemFound, stillWorks: modes(o))
    }

    private static func modes(_ o: DiagnosisObservations) -> [QualificationMode] {
        let modes = o.lockState?.availableModes ?? allModes
        guard let token = o.tokenKind else { return modes }
        let applicable = QualificationCheck.modes(for: token)
        return modes.filter(applicable.contains)
    }

    // MARK: Reader and service

    private static func transport(_ error: TransportError, _ o: DiagnosisObservations) -> Diagnosis {
        switch error.code {
        case .noReader, .noReadersAvailable:
            return Diagnosis(.readerNotConnected, stillWorks: [])
        case .serviceUnavailable:
            return Diagnosis(.smartCardServiceUnavailable, stillWorks: [])
        case .sharingViolation:
            return Diagnosis(.readerInUse, stillWorks: [])
        case .noCard:
            return Diagnosis(.noCard, stillWorks: [])
        case .cardRemoved, .cardReset:
            return Diagnosis(.cardRemoved, stillWorks: [])
        case .cancelled:
            return Diagnosis(.interrupted, stillWorks: [])
        case .timeout, .unresponsiveCard, .unsupportedProtocol, .malformedResponse:
            switch readerIsAtFault(o) {
            case false?: return Diagnosis(.cardFault, stillWorks: [])
            case true?: return Diagnosis(.readerFault, stillWorks: [])
            case nil: return Diagnosis(.cardNotResponding, stillWorks: [])
            }
        default:
            return Diagnosis(
                .readerError, LocalizedText("diagnosis.readerError.remedy.code", .verbatim(error.code.description)),
                stillWorks: [])
        }
    }

    // MARK: MynaKit errors

    private static func domain(_ error: MynaKitError, _ o: DiagnosisObservations) -> Diagnosis {
        let pinLocked = o.lockState?.isPINLocked ?? false
        switch error.code {
        case .notAMyNumberCard:
            return Diagnosis(.notAMyNumberCard, stillWorks: [])
        case .pinNotAvailable:
            return pinNotAvailable(o)
        case .faceLocked:
            return lock(pinLocked ? .pinAndFaceLocked : .faceLocked, o.lockState)
        case .faceNotMatched:
            guard let left = error.retriesRemaining else {
                return Diagnosis(.faceNotMatched, stillWorks: modes(o))
            }
            if left == 0 { return lock(pinLocked ? .pinAndFaceLocked : .faceLocked, o.lockState) }
            return Diagnosis(
                .faceNotMatched, LocalizedText("diagnosis.faceNotMatched.remedy.triesLeft", .count(left)),
                stillWorks: modes(o), retriesRemaining: left)
        case .visualConfirmationDeclined:
            return Diagnosis(.visualConfirmationDeclined, stillWorks: [])
        case .modeNotAllowed:
            return Diagnosis(.modeNotAllowed, stillWorks: [.visual, .pin])
        case .certificateExpired:
            return validity(o.certificateValidity ?? .expiredBeyondGrace, o) ?? certificateExpired
        case .certificateNotYetValid:
            return validity(.notYetValid, o) ?? certificateExpired
        case .storeFailure:
            return Diagnosis(.storeFailure, stillWorks: modes(o).filter { $0 != .face })
        case .invalidInput:
            return Diagnosis(.invalidInput, stillWorks: modes(o))
        default:
            return Diagnosis(
                .unexpectedError, LocalizedText("diagnosis.unexpectedError.remedy.code", .verbatim(error.code.description)),
                stillWorks: [])
        }
    }

    // MARK: MynaCard errors

    private static func myNumberCard(_ error: MyNumberCardError, _ o: DiagnosisObservations) -> Diagnosis {
        let faceLocked = o.lockState?.isFaceLocked ?? false
        let credential = error.credential ?? .userAuthenticationPIN
        let left = error.retriesRemaining
        // Face authentication and visual confirmation replace only the user-authentication PIN.
        let qualification = concernsQualification(error.credential)
        switch error.code {
        case .credentialBlocked:
            return blocked(error.credential, o, faceLocked: faceLocked)
        case .wrongCredential:
            if left == 0 { return blocked(error.credential, o, faceLocked: faceLocked) }
            let variant = qualification ? "qualification" : "other"
            let text =
                left.map { LocalizedText("diagnosis.wrongPIN.remedy.\(variant).triesLeft", .credential(credential), .count($0)) }
                ?? LocalizedText("diagnosis.wrongPIN.remedy.\(variant)", .credential(credential))
            return Diagnosis(.wrongPIN, text, stillWorks: modes(o), credential: credential, retriesRemaining: left)
        case .lastAttemptRefused:
            // The card may not report its counter (it answers 9000 or 6300 to the empty VERIFY): then any try
            // might be the last.
            let variant = (left == nil ? "unreported" : "lastTry") + (qualification ? ".qualification" : ".other")
            return Diagnosis(
                .lastAttemptNeedsConsent,
                LocalizedText("diagnosis.lastAttemptNeedsConsent.remedy.\(variant)", .credential(credential)),
                stillWorks: modes(o), credential: credential, retriesRemaining: left)
        case .invalidCredentialFormat, .credentialNotAccepted:
            let text = error.credential.map {
                LocalizedText("diagnosis.invalidPINFormat.remedy.format", .credential($0), .format($0.format))
            }
            return Diagnosis(.invalidPINFormat, text, stillWorks: modes(o), credential: error.credential)
        case .notPresentOnThisCard:
            if error.credential == .userAuthenticationPIN { return pinNotAvailable(o) }
            return Diagnosis(.notPresentOnThisCard, stillWorks: modes(o), credential: error.credential)
        case .invalidArgument:
            return Diagnosis(.invalidInput, stillWorks: modes(o))
        case .securityStatusNotSatisfied:
            return Diagnosis(.credentialRequired, stillWorks: modes(o), credential: error.credential)
        case .integrityCheckFailed, .signatureInvalid, .malformedFile, .invalidCheckDigit:
            return Diagnosis(.cardDataInvalid, stillWorks: [])
        case .certificateInvalid:
            return Diagnosis(.certificateInvalid, stillWorks: [])
        default:
            // The card's own answer, when the card layer kept it: which command and which status word.
            if let instruction = error.instruction, let statusWord = error.statusWord {
                return Diagnosis(
                    .unexpectedCardResponse,
                    LocalizedText(
                        "diagnosis.unexpectedCardResponse.remedy.statusWord", .verbatim(instruction.name),
                        .verbatim(statusWord.description)),
                    stillWorks: [])
            }
            return Diagnosis(
                .unexpectedCardResponse,
                LocalizedText("diagnosis.unexpectedCardResponse.remedy.code", .verbatim(error.code.description)),
                stillWorks: [])
        }
    }

    /// Whether a credential is the one the qualification check's PIN mode uses (or unknown).
    private static func concernsQualification(_ credential: Credential?) -> Bool {
        credential == nil || credential == .userAuthenticationPIN
    }

    private static func pinNotAvailable(_ o: DiagnosisObservations) -> Diagnosis {
        Diagnosis(.pinNotAvailable, stillWorks: modes(o).filter { $0 != .pin })
    }

    private static var certificateExpired: Diagnosis { Diagnosis(.certificateExpired, stillWorks: []) }

    private static func blocked(_ credential: Credential?, _ o: DiagnosisObservations, faceLocked: Bool) -> Diagnosis {
        switch credential {
        case .userAuthenticationPIN?, nil:
            return lock(faceLocked ? .pinAndFaceLocked : .pinLocked, o.lockState)
        case .signaturePassword?:
            return lock(.signaturePasswordLocked, o.lockState)
        case .cardInfoPIN?:
            return Diagnosis(.cardInfoPINLocked, stillWorks: modes(o), credential: .cardInfoPIN, retriesRemaining: 0)
        case .cardFacePINB?, .cardInfoPINB?:
            return Diagnosis(.pinBLocked, stillWorks: modes(o).filter { $0 != .face }, credential: credential, retriesRemaining: 0)
        case let other?:
            return Diagnosis(
                .credentialLocked, LocalizedText("diagnosis.credentialLocked.remedy.named", .credential(other)),
                stillWorks: modes(o), credential: other, retriesRemaining: 0)
        }
    }

    /// Whether a kiosk can reset the user-authentication PIN: it needs the signature password, so not when
    /// the lock state shows that password locked or absent.
    private static func kioskCanResetPIN(_ lockState: CardLockState?) -> Bool {
        guard let lockState else { return true }
        guard let password = lockState.signaturePassword else { return false }
        return !password.isBlocked && !password.isAbsent
    }

    private static func lock(_ kind: CardLock.Kind, _ lockState: CardLockState?) -> Diagnosis {
        let code = kind == .pinLocked && !kioskCanResetPIN(lockState) ? .pinLockedOfficeOnly : CardLock.code(for: kind)
        let credential: Credential? =
            switch kind {
            case .pinLocked, .pinAndFaceLocked: .userAuthenticationPIN
            case .faceLocked: nil
            case .signaturePasswordLocked: .signaturePassword
            }
        let stillWorks: [QualificationMode]
        if let lockState {
            stillWorks = lockState.availableModes.filter { mode in
                switch kind {
                case .pinLocked: mode != .pin
                case .faceLocked: mode != .face
                case .pinAndFaceLocked: mode == .visual
                case .signaturePasswordLocked: true
                }
            }
        } else {
            stillWorks =
                switch kind {
                case .pinLocked: [.face, .visual]
                case .faceLocked: [.pin, .visual]
                case .pinAndFaceLocked: [.visual]
                case .signaturePasswordLocked: allModes
                }
        }
        return Diagnosis(code, stillWorks: stillWorks, credential: credential, retriesRemaining: credential == nil ? nil : 0)
    }

    private static func validity(_ status: ValidityStatus, _ o: DiagnosisObservations) -> Diagnosis? {
        switch status {
        case .expiredBeyondGrace: certificateExpired
        case .expiredWithinGrace: Diagnosis(.certificateExpiredWithinGrace, stillWorks: modes(o))
        case .notYetValid: Diagnosis(.certificateNotYetValid, stillWorks: [])
        case .valid, .renewalAlert: nil
        }
    }
}
