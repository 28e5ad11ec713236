import ArgumentParser
import MynaCard
import MynaCodec
import MynaISO7816
import MynaKit
import MynaPhoto
import MynaSimulator
import MynaTransport

extension Failure {
    /// The failure for any error a command met.
    ///
    /// Remedies come from the library's troubleshooting chart (`MynaKit.Diagnosis`) wherever it knows the
    /// failure; errors of the applet layer (`MyNumberCardError`) are first restated as the domain error they
    /// correspond to, so that both layers get the same words.
    init(_ error: any Error) {
        switch error {
        case let failure as Failure: self = failure
        case let error as MyNumberCardError: self = Self.card(error)
        case let error as MynaKitError: self = Self.domain(error)
        case let error as TransportError: self = Self.transport(error)
        case let error as CardCommandError: self = Self.command(error)
        case let error as SimulatorError: self = Self.simulator(error)
        case let error as PhotoError:
            self = Failure(
                code: "photoUndecodable", message: "The face photo could not be decoded: \(error.reason).",
                remedy: "The photo's JPEG 2000 bytes are still written with --photo-jp2; report the problem with --trace output.",
                exitStatus: .cardDataIntegrity, libraryError: "PhotoError.\(error.code)")
        case let error as ValidationError:
            self = .usage(error.message)
        case is CancellationError:
            self = Failure(code: "interrupted", message: "Interrupted.", remedy: "Run the command again.", exitStatus: .interrupted)
        default:
            self = Failure(
                code: "unexpectedError", message: "An unexpected error occurred: \(error).",
                remedy: "Retry; if it persists, run again with --trace and report the output (it never shows PINs).",
                exitStatus: .failure)
        }
    }

    // MARK: Domain (MynaKit)

    private static func domain(_ error: MynaKitError) -> Failure {
        let diagnosis = Diagnosis(error: error)
        let label = error.credential?.label ?? "PIN"
        let exitStatus: ExitStatus
        let message: String
        switch error.code {
        case .wrongPIN where error.retriesRemaining == 0, .credentialBlocked:
            exitStatus = .credentialLocked
            message = lockedMessage(error.credential)
        case .wrongPIN:
            exitStatus = .wrongCredential
            message = "Wrong \(label)" + (error.retriesRemaining.map { ": \(tries($0)) left." } ?? ".")
        case .faceAuthenticationLocked:
            exitStatus = .credentialLocked
            message = "Face authentication is locked after \(FaceFailureRecord.lockThreshold) consecutive failures."
        case .faceNotMatched where error.retriesRemaining == 0:
            exitStatus = .credentialLocked
            message = "The face did not match, and face authentication is now locked."
        case .lastAttemptNotAllowed:
            return .lastTryDeclined(label, credential: error.credential?.name)
        case .invalidPINFormat, .credentialMismatch, .invalidInput, .modeNotAllowed:
            exitStatus = .usage
            message = sentence(error.reason)
        case .credentialAbsent, .notAMyNumberCard:
            exitStatus = .notPresent
            message = sentence(error.reason)
        case .certificateExpired, .certificateNotYetValid, .certificateInvalid:
            exitStatus = .certificateProblem
            message = sentence(error.reason)
        case .signatureInvalid, .malformedCardData, .counterUnreadable:
            exitStatus = .cardDataIntegrity
            message = sentence(error.reason)
        case .faceNotMatched, .visualConfirmationDeclined:
            exitStatus = .checkFailed
            message = sentence(error.reason)
        default:
            exitStatus = .failure
            message = sentence(error.reason)
        }
        return Failure(
            code: diagnosis.code.rawValue, message: message, remedy: remedy(diagnosis), exitStatus: exitStatus,
            credential: error.credential?.name, retriesRemaining: error.retriesRemaining,
            libraryError: "MynaKitError.\(error.code)")
    }

    // MARK: Applets (MynaCard)

    private static func card(_ error: MyNumberCardError) -> Failure {
        let credential = error.credential.flatMap(domainCredential)
        let statusWord = error.statusWord.map { Hex.encode($0.bytes) }
        func restated(_ code: MynaKitError.Code) -> Failure {
            var failure = domain(MynaKitError(code, error.reason, credential: credential, retriesRemaining: error.retriesRemaining))
            failure.statusWord = statusWord
            failure.libraryError = "MyNumberCardError.\(error.code)"
            if failure.credential == nil { failure.credential = error.credential.map(\.name) }
            return failure
        }
        switch error.code {
        case .wrongCredential: return restated(.wrongPIN)
        case .credentialBlocked: return restated(.credentialBlocked)
        case .lastAttemptRefused: return restated(.lastAttemptNotAllowed)
        case .invalidCredentialFormat: return restated(.invalidPINFormat)
        case .notPresentOnThisCard where error.credential != nil: return restated(.credentialAbsent)
        default: break
        }
        let (exitStatus, code, remedy): (ExitStatus, String, String)
        switch error.code {
        case .credentialNotAccepted, .invalidArgument:
            (exitStatus, code, remedy) = (.usage, "invalidInput", "Correct the value and run the command again; nothing was sent to the card.")
        case .securityStatusNotSatisfied:
            (exitStatus, code, remedy) = (
                .wrongCredential, "credentialRequired",
                "This needs a credential first (a smartphone token needs the PIN even for its user-authentication certificate). Give it with --pin-env, --pin-stdin or at the prompt."
            )
        case .notPresentOnThisCard:
            (exitStatus, code, remedy) = (
                .notPresent, "notPresentOnThisCard",
                "This card does not hold it: face-authentication cards have no PIN and no signature certificate, children under 15 have no signature certificate, smartphone tokens hold only the JPKI applet. Run `myna info` to see what the card has."
            )
        case .integrityCheckFailed, .signatureInvalid, .malformedFile, .invalidCheckDigit:
            (exitStatus, code, remedy) = (
                .cardDataIntegrity, "cardDataInvalid",
                "The data read from the card failed its check, so it is not shown. Retry once; if it persists, the card may be damaged or not genuine: the holder should have it checked at the municipal office."
            )
        case .certificateInvalid:
            (exitStatus, code, remedy) = (
                .certificateProblem, "certificateInvalid",
                "The certificate cannot be used. Retry once; if it persists, the holder should have the card checked at the municipal office."
            )
        default:
            (exitStatus, code, remedy) = (
                .failure, "cardRejectedCommand",
                "Remove the card, place it on the reader again and retry; if it persists, run with --trace and report the output (it never shows PINs)."
            )
        }
        return Failure(
            code: code, message: sentence(error.reason), remedy: remedy, exitStatus: exitStatus,
            credential: credential?.name ?? error.credential.map(\.name), retriesRemaining: error.retriesRemaining,
            statusWord: statusWord, libraryError: "MyNumberCardError.\(error.code)")
    }

    /// The domain's name for an applet-layer credential: the same applet and key reference.
    static func domainCredential(_ credential: MynaCard.Credential) -> MynaKit.Credential? {
        MynaKit.Credential.all.first { $0.application == credential.application && $0.reference == credential.reference }
    }

    // MARK: Reader and service

    private static func transport(_ error: TransportError) -> Failure {
        let diagnosis = Diagnosis(error: error)
        let exitStatus: ExitStatus =
            switch error.code {
            case .noCard, .noReader, .noReadersAvailable, .cardRemoved, .cardReset: .noReaderOrCard
            case .cancelled: .interrupted
            default: .transport
            }
        var message = sentence(error.reason)
        if let name = error.systemCodeName { message += " (\(name))" }
        return Failure(
            code: diagnosis.code.rawValue, message: message, remedy: remedy(diagnosis), exitStatus: exitStatus,
            libraryError: "TransportError.\(error.code)")
    }

    private static func command(_ error: CardCommandError) -> Failure {
        let diagnosis = Diagnosis(error: error)
        let exitStatus: ExitStatus =
            switch error.code {
            case .referenceDataBlocked: .credentialLocked
            case .fileNotFound: .notPresent
            case .malformedResponse: .cardDataIntegrity
            default: .failure
            }
        return Failure(
            code: diagnosis.code.rawValue, message: sentence(error.description), remedy: remedy(diagnosis),
            exitStatus: exitStatus, retriesRemaining: error.retriesRemaining,
            statusWord: Hex.encode(error.statusWord.bytes), libraryError: "CardCommandError.\(error.code)")
    }

    private static func simulator(_ error: SimulatorError) -> Failure {
        switch error.code {
        case .unknownPersona, .invalidPersona:
            return Failure(
                code: "unknownPersona", message: sentence(error.reason),
                remedy: "Pick one of the built-in personas: \(Persona.builtInNames.joined(separator: ", ")).",
                exitStatus: .usage, libraryError: "SimulatorError.\(error.code)")
        default:
            return Failure(
                code: "simulatorFailure", message: sentence(error.reason),
                remedy: "Check the --state-file path (delete the file to start from a freshly issued card).",
                exitStatus: .failure, libraryError: "SimulatorError.\(error.code)")
        }
    }

    // MARK: Words

    private static func remedy(_ diagnosis: Diagnosis) -> String {
        var text = diagnosis.remedy
        if !diagnosis.stillWorks.isEmpty, diagnosis.code != .noProblemFound {
            let modes = diagnosis.stillWorks.map { mode in
                switch mode {
                case .pin: "PIN"
                case .face: "face authentication"
                case .visual: "visual confirmation"
                }
            }
            text += " Still works for the insurance check: \(modes.joined(separator: ", "))."
        }
        return text
    }

    private static func lockedMessage(_ credential: MynaKit.Credential?) -> String {
        guard let credential else { return "The PIN is locked." }
        if let maximum = credential.maximumTries {
            return "The \(credential.label) is locked after \(maximum) wrong attempts."
        }
        return "The \(credential.label) is locked."
    }

    private static func tries(_ count: Int) -> String {
        count == 1 ? "1 try" : "\(count) tries"
    }

    /// `reason` with a capital first letter and a final full stop.
    static func sentence(_ reason: String) -> String {
        guard let first = reason.first else { return reason }
        var text = first.uppercased() + reason.dropFirst()
        if !(text.hasSuffix(".") || text.hasSuffix("!") || text.hasSuffix("?")) { text += "." }
        return text
    }
}
