import MynaCard
import MynaTransport

/// The troubleshooting chart used at clinics, as a function: what went wrong, what to do, and which
/// qualification-check modes still work meanwhile.
///
/// The chart, first matching branch wins:
/// 1. An error from the reader or service (`TransportError`): reader not connected, service
///    not running, reader in use, no card, card removed; a card that does not answer is split by the
///    operator's swap observations: this card reads fine on another reader, or other cards fail on this
///    reader too → ``DiagnosisCode/readerFault``; another card reads fine on this reader, or this card fails
///    on another reader too → ``DiagnosisCode/cardFault``; else ``DiagnosisCode/cardNotResponding``.
/// 2. An error from MynaKit, or MynaCard (`MyNumberCardError`, which carries the card's answer): not a My Number Card; locks (PIN, face, both, signature password,
///    PIN-B) — combined with ``DiagnosisObservations/lockState`` when given; the certificate's validity;
///    the attempt itself (wrong PIN, last try, format, face mismatch, operator declined).
/// 3. Without an error: this card reads fine on another reader, or other cards fail on this reader too →
///    ``DiagnosisCode/readerFault``.
/// 4. The card expired → ``DiagnosisCode/cardExpired``.
/// 5. The certificate: expired beyond grace, expired within grace, not yet valid.
/// 6. A lock in the lock state (PIN / face / both, then the signature password).
/// 7. A renewal alert → ``DiagnosisCode/certificateRenewalDue``.
/// 8. ``DiagnosisCode/noProblemFound``.
public struct Diagnosis: Hashable, Sendable, Codable {
    /// The branch.
    public let code: DiagnosisCode
    /// What to do, in plain English.
    public let remedy: String
    /// The qualification-check modes that still work meanwhile (empty when none does).
    public let stillWorks: [QualificationMode]

    /// Creates a diagnosis.
    public init(code: DiagnosisCode, remedy: String, stillWorks: [QualificationMode]) {
        self.code = code
        self.remedy = remedy
        self.stillWorks = stillWorks
    }

    /// Walks the chart for `observations`.
    public init(_ observations: DiagnosisObservations) {
        self = Diagnosis.walk(observations)
    }

    /// Walks the chart for one error and, optionally, the other observations.
    public init(
        error: any Error, lockState: CardLockState? = nil, certificateValidity: ValidityStatus? = nil,
        anotherCardReadsFineOnThisReader: Bool? = nil, thisCardReadsFineOnAnotherReader: Bool? = nil
    ) {
        self.init(
            DiagnosisObservations(
                error: error, lockState: lockState, certificateValidity: certificateValidity,
                anotherCardReadsFineOnThisReader: anotherCardReadsFineOnThisReader,
                thisCardReadsFineOnAnotherReader: thisCardReadsFineOnAnotherReader))
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
            return Diagnosis(
                code: .unexpectedError,
                remedy: "An unexpected error occurred. Remove the card, place it on the reader again and retry; if it persists, restart the app and report the error.",
                stillWorks: [])
        }
        if readerIsAtFault(o) == true { return readerFault }
        if o.cardExpired == true {
            return Diagnosis(
                code: .cardExpired,
                remedy: "The card itself has expired. The holder must apply for a new card at the municipal office.",
                stillWorks: [])
        }
        if let validity = o.certificateValidity, let diagnosis = Self.validity(validity, o) { return diagnosis }
        if let lockState = o.lockState {
            if let lock = lockState.qualificationLock { return Self.lock(lock.kind, lockState) }
            if lockState.isSignaturePasswordLocked { return Self.lock(.signaturePasswordLocked, lockState) }
        }
        if o.certificateValidity == .renewalAlert {
            return Diagnosis(
                code: .certificateRenewalDue,
                remedy: "The certificate expires in 3 months or less. The check works; the holder should renew the certificate at the municipal office before it expires.",
                stillWorks: modes(o))
        }
        return Diagnosis(code: .noProblemFound, remedy: "No problem was found.", stillWorks: modes(o))
    }

    private static func modes(_ o: DiagnosisObservations) -> [QualificationMode] {
        o.lockState?.availableModes ?? allModes
    }

    private static var readerFault: Diagnosis {
        Diagnosis(
            code: .readerFault,
            remedy: "The card reads fine on another reader (or other cards fail on this one too), so this reader is at fault. Check its cable and power, reconnect it or restart the PC; if that does not help, replace the reader and contact its vendor.",
            stillWorks: [])
    }

    // MARK: Reader and service

    private static func transport(_ error: TransportError, _ o: DiagnosisObservations) -> Diagnosis {
        switch error.code {
        case .noReader, .noReadersAvailable:
            return Diagnosis(
                code: .readerNotConnected,
                remedy: "No card reader is connected. Check the reader's USB cable and power, reconnect it, and check that its driver is installed.",
                stillWorks: [])
        case .serviceUnavailable:
            return Diagnosis(
                code: .smartCardServiceUnavailable,
                remedy: "The smart-card service is not running. Start it (pcscd on Linux, Smart Card service on Windows) or restart the PC.",
                stillWorks: [])
        case .sharingViolation:
            return Diagnosis(
                code: .readerInUse,
                remedy: "Another application is using the card reader. Close the other application (or wait for it to finish) and retry.",
                stillWorks: [])
        case .noCard:
            return Diagnosis(
                code: .noCard,
                remedy: "No card is on the reader. Place the My Number Card on the reader (face up, fully on the marked area) and retry.",
                stillWorks: [])
        case .cardRemoved, .cardReset:
            return Diagnosis(
                code: .cardRemoved,
                remedy: "The card was moved or removed while it was being read. Place it on the reader again and keep it still until the check finishes.",
                stillWorks: [])
        case .timeout, .unresponsiveCard, .unsupportedProtocol, .malformedResponse:
            switch readerIsAtFault(o) {
            case false?:
                return Diagnosis(
                    code: .cardFault,
                    remedy: "This card does not answer although the reader works with other cards, so the card's chip is at fault. Wipe the card, try once more; if it still fails the holder should ask the municipal office to check or replace the card.",
                    stillWorks: [])
            case true?:
                return readerFault
            case nil:
                return Diagnosis(
                    code: .cardNotResponding,
                    remedy: "The card does not answer. Place it on the reader again and hold it still. If it still fails, try another card on this reader: if that one reads fine the card is at fault, if not the reader is.",
                    stillWorks: [])
            }
        default:
            return Diagnosis(
                code: .readerError,
                remedy: "The card reader reported an error (\(error.code)). Reconnect the reader and retry; if it persists, restart the smart-card service or the PC.",
                stillWorks: [])
        }
    }

    // MARK: MynaKit errors

    private static func domain(_ error: MynaKitError, _ o: DiagnosisObservations) -> Diagnosis {
        let pinLocked = o.lockState?.isPINLocked ?? false
        switch error.code {
        case .notAMyNumberCard:
            return notAMyNumberCard
        case .pinNotAvailable:
            return pinNotAvailable(o)
        case .faceAuthenticationLocked:
            return lock(pinLocked ? .pinAndFaceLocked : .faceLocked, o.lockState)
        case .faceNotMatched:
            if error.retriesRemaining == 0 { return lock(pinLocked ? .pinAndFaceLocked : .faceLocked, o.lockState) }
            let left = error.retriesRemaining.map { " \($0) more consecutive failures lock face authentication." } ?? ""
            return Diagnosis(
                code: .faceNotMatched,
                remedy: "The face did not match the card photo. Remove glasses or a mask, face the camera in good light and retry.\(left) Or use the PIN or visual confirmation.",
                stillWorks: modes(o))
        case .visualConfirmationDeclined:
            return Diagnosis(
                code: .visualConfirmationDeclined,
                remedy: "The operator did not confirm that the person is the card holder. Do not use this card for this person; ask for another proof of insurance.",
                stillWorks: [])
        case .modeNotAllowed:
            return Diagnosis(
                code: .modeNotAllowed,
                remedy: "This mode is not allowed here: emergency crews use visual confirmation, or the PIN when the operator asks.",
                stillWorks: [.visual, .pin])
        case .certificateExpired:
            return validity(o.certificateValidity ?? .expiredBeyondGrace, o) ?? certificateExpired
        case .certificateNotYetValid:
            return validity(.notYetValid, o) ?? certificateExpired
        case .storeFailure:
            return Diagnosis(
                code: .storeFailure,
                remedy: "The face-authentication failure record could not be read or written. Check the app's storage (disk space, permissions); meanwhile use the PIN or visual confirmation.",
                stillWorks: modes(o).filter { $0 != .face })
        case .invalidInput:
            return Diagnosis(
                code: .invalidInput,
                remedy: "A value supplied to the check is malformed (\(error.reason)). Correct it and retry.",
                stillWorks: modes(o))
        default:
            return Diagnosis(
                code: .unexpectedError, remedy: "An unexpected error occurred (\(error.code)). Retry; if it persists, report it.",
                stillWorks: [])
        }
    }

    // MARK: MynaCard errors

    private static func myNumberCard(_ error: MyNumberCardError, _ o: DiagnosisObservations) -> Diagnosis {
        let faceLocked = o.lockState?.isFaceLocked ?? false
        let label = error.credential?.name ?? "PIN"
        switch error.code {
        case .credentialBlocked:
            return blocked(error.credential, o, faceLocked: faceLocked)
        case .wrongCredential:
            if error.retriesRemaining == 0 { return blocked(error.credential, o, faceLocked: faceLocked) }
            let left = error.retriesRemaining.map { " \($0) \($0 == 1 ? "try is" : "tries are") left." } ?? ""
            // Face authentication and visual confirmation replace only the user-authentication PIN.
            let alternative =
                concernsQualification(error.credential)
                ? "; if they are unsure, use face authentication or visual confirmation instead of risking a lock."
                : "; after the remaining tries it locks until it is reset at the municipal office."
            return Diagnosis(
                code: .wrongPIN,
                remedy: "The \(label) was wrong.\(left) Ask the holder to enter it again carefully\(alternative)",
                stillWorks: modes(o))
        case .lastAttemptRefused:
            let alternative =
                concernsQualification(error.credential)
                ? "Use face authentication or visual confirmation, or retry"
                : "Retry"
            // The card may not report its counter (it answers 9000 or 6300 to the empty VERIFY): then any try
            // might be the last.
            let situation =
                error.retriesRemaining == nil
                ? "The card does not report how many tries of the \(label) are left, so this try might be the last: a wrong entry could lock it until it is reset at the municipal office."
                : "Only one try of the \(label) is left: a wrong entry would lock it until it is reset at the municipal office."
            return Diagnosis(
                code: .lastAttemptNeedsConsent,
                remedy: "\(situation) \(alternative) only with the holder's explicit consent to use what may be the last try.",
                stillWorks: modes(o))
        case .invalidCredentialFormat, .credentialNotAccepted, .invalidCheckDigit:
            let format = error.credential.map { " (\($0.name): \($0.format))" } ?? ""
            return Diagnosis(
                code: .invalidPINFormat,
                remedy: "The value entered is not right for this step\(format); nothing was sent to the card and no try was used. Enter it again.",
                stillWorks: modes(o))
        case .notPresentOnThisCard:
            if error.credential == .userAuthenticationPIN { return pinNotAvailable(o) }
            return Diagnosis(
                code: .notPresentOnThisCard,
                remedy: "This card does not have what the step needs (\(error.reason)); for example a face-authentication card has no PIN and no signature certificate. Use a mode the card supports.",
                stillWorks: modes(o))
        case .invalidArgument:
            return Diagnosis(
                code: .invalidInput, remedy: "A value supplied to the step is malformed (\(error.reason)). Correct it and retry.",
                stillWorks: modes(o))
        default:
            return Diagnosis(
                code: .unexpectedCardResponse,
                remedy: "The card returned data or a status that cannot be used (\(error.code)). Remove the card, place it again and retry; if it persists, the holder should have the card checked at the municipal office.",
                stillWorks: [])
        }
    }

    /// Whether a credential is the one the qualification check's PIN mode uses (or unknown).
    private static func concernsQualification(_ credential: Credential?) -> Bool {
        credential == nil || credential == .userAuthenticationPIN
    }

    private static func pinNotAvailable(_ o: DiagnosisObservations) -> Diagnosis {
        Diagnosis(
            code: .pinNotAvailable,
            remedy: "This card has no user-authentication PIN (a face-authentication card has none). Use face authentication or visual confirmation.",
            stillWorks: modes(o).filter { $0 != .pin })
    }

    private static var notAMyNumberCard: Diagnosis {
        Diagnosis(
            code: .notAMyNumberCard,
            remedy: "The card on the reader is not a My Number Card (for example a credit, transit or old resident-registry card). Ask for the My Number Card.",
            stillWorks: [])
    }

    private static var certificateExpired: Diagnosis {
        Diagnosis(
            code: .certificateExpired,
            remedy: "The user-authentication certificate expired more than 3 months ago, so the qualification check cannot use it. The holder must renew the certificate at the municipal office; meanwhile use another proof of insurance.",
            stillWorks: [])
    }

    private static func blocked(_ credential: Credential?, _ o: DiagnosisObservations, faceLocked: Bool) -> Diagnosis {
        switch credential {
        case .userAuthenticationPIN?, nil:
            return lock(faceLocked ? .pinAndFaceLocked : .pinLocked, o.lockState)
        case .signaturePassword?:
            return lock(.signaturePasswordLocked, o.lockState)
        case .cardFacePINB?, .cardInfoPINB?:
            return Diagnosis(
                code: .pinBLocked,
                remedy: "PIN-B (derived from the birth date, expiry year and security code on the card front) is locked after 10 wrong tries, so the face photo cannot be read. The holder must have it reset at the municipal office. Meanwhile use the PIN, or visual confirmation against the printed card.",
                stillWorks: modes(o).filter { $0 != .face })
        case let other?:
            return Diagnosis(
                code: .credentialLocked,
                remedy: "The \(other.name) is locked. The holder must have it reset at the municipal office.",
                stillWorks: modes(o))
        }
    }

    private static func lock(_ kind: CardLock.Kind, _ lockState: CardLockState?) -> Diagnosis {
        let code: DiagnosisCode =
            switch kind {
            case .pinLocked: .pinLocked
            case .faceLocked: .faceLocked
            case .pinAndFaceLocked: .pinAndFaceLocked
            case .signaturePasswordLocked: .signaturePasswordLocked
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
        return Diagnosis(code: code, remedy: CardLock.remedy(for: kind), stillWorks: stillWorks)
    }

    private static func validity(_ status: ValidityStatus, _ o: DiagnosisObservations) -> Diagnosis? {
        switch status {
        case .expiredBeyondGrace:
            return certificateExpired
        case .expiredWithinGrace:
            return Diagnosis(
                code: .certificateExpiredWithinGrace,
                remedy: "The user-authentication certificate has expired, but within the 3-month grace period the qualification check still works. The holder should renew the certificate at the municipal office before the grace period ends.",
                stillWorks: modes(o))
        case .notYetValid:
            return Diagnosis(
                code: .certificateNotYetValid,
                remedy: "The certificate is not valid yet. Check that this PC's date and time are correct; a newly issued card may need to wait until its validity starts.",
                stillWorks: [])
        case .valid, .renewalAlert:
            return nil
        }
    }
}
