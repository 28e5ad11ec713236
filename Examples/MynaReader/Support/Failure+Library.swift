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
        let exitStatus: ExitStatus
        let message: String
        switch error.code {
        case .faceAuthenticationLocked:
            exitStatus = .credentialLocked
            message = "Face authentication is locked after \(FaceFailureRecord.lockThreshold) consecutive failures."
        case .faceNotMatched where error.retriesRemaining == 0:
            exitStatus = .credentialLocked
            message = "The face did not match, and face authentication is now locked."
        case .invalidInput, .modeNotAllowed:
            exitStatus = .usage
            message = sentence(error.reason)
        case .pinNotAvailable, .notAMyNumberCard:
            exitStatus = .notPresent
            message = sentence(error.reason)
        case .certificateExpired, .certificateNotYetValid:
            exitStatus = .certificateProblem
            message = sentence(error.reason)
        case .faceNotMatched, .visualConfirmationDeclined:
            exitStatus = .checkFailed
            message = sentence(error.reason)
        default:
            exitStatus = .failure
            message = sentence(error.reason)
        }
        var failure = Failure(
            code: diagnosis.code.rawValue, message: message, remedy: remedy(diagnosis),
            exitStatus: exitStatus, credential: error.credential?.name, retriesRemaining: error.retriesRemaining,
            libraryError: "MynaKitError.\(error.code)")
        failure.stillWorks = diagnosis.stillWorks.map(\.rawValue)
        return failure
    }

    // MARK: Applets (MynaCard)

    private static func card(_ error: MyNumberCardError) -> Failure {
        let diagnosis = Diagnosis(error: error)
        let credential = error.credential
        let label = credential?.name ?? "PIN"
        // What still works for the insurance check matters only for its PIN.
        let concernsQualification = credential == nil || credential == .userAuthenticationPIN
        var remedy = remedy(diagnosis)
        var code = diagnosis.code.rawValue
        let exitStatus: ExitStatus
        var message = sentence(error.reason)
        switch error.code {
        case .wrongCredential where error.retriesRemaining == 0, .credentialBlocked:
            exitStatus = .credentialLocked
            message = lockedMessage(credential)
        case .wrongCredential:
            exitStatus = .wrongCredential
            message = "Wrong \(label)" + (error.retriesRemaining.map { ": \(tries($0)) left." } ?? ".")
        case .lastAttemptRefused:
            var failure = Failure.lastTryDeclined(
                label, credential: credential?.name, retriesRemaining: error.retriesRemaining,
                statusWord: error.statusWord.map { Hex.encode($0.bytes) })
            failure.libraryError = "MyNumberCardError.\(error.code)"
            return failure
        case .invalidCredentialFormat, .credentialNotAccepted, .invalidArgument:
            exitStatus = .usage
        case .securityStatusNotSatisfied:
            (exitStatus, code) = (.wrongCredential, "credentialRequired")
            remedy = "This needs a credential first (a smartphone token needs the PIN even for its user-authentication certificate). Give it with --pin-env, --pin-stdin or at the prompt."
        case .notPresentOnThisCard:
            exitStatus = .notPresent
            if credential == nil {
                remedy = "This card does not hold it: face-authentication cards have no PIN and no signature certificate, children under 15 have no signature certificate, smartphone tokens hold only the JPKI applet. Run `myna info` to see what the card has."
            }
        case .integrityCheckFailed, .signatureInvalid, .malformedFile, .invalidCheckDigit:
            (exitStatus, code) = (.cardDataIntegrity, "cardDataInvalid")
            remedy = "The data read from the card failed its check, so it is not shown. Retry once; if it persists, the card may be damaged or not genuine: the holder should have it checked at the municipal office."
        case .certificateInvalid:
            (exitStatus, code) = (.certificateProblem, "certificateInvalid")
            remedy = "The certificate cannot be used. Retry once; if it persists, the holder should have the card checked at the municipal office."
        default:
            exitStatus = .failure
        }
        var failure = Failure(
            code: code, message: message, remedy: remedy, exitStatus: exitStatus, credential: credential?.name,
            retriesRemaining: error.retriesRemaining, statusWord: error.statusWord.map { Hex.encode($0.bytes) },
            libraryError: "MyNumberCardError.\(error.code)")
        if concernsQualification { failure.stillWorks = diagnosis.stillWorks.map(\.rawValue) }
        return failure
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
            code: diagnosis.code.rawValue, message: message, remedy: remedy(diagnosis),
            exitStatus: exitStatus, libraryError: "TransportError.\(error.code)")
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

    /// The chart's remedy (its words already say what still works where that matters).
    private static func remedy(_ diagnosis: Diagnosis) -> String {
        diagnosis.remedy
    }

    private static func lockedMessage(_ credential: Credential?) -> String {
        guard let credential else { return "The PIN is locked." }
        return "The \(credential.name) is locked: no tries are left."
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
