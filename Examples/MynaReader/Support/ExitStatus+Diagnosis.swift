import MynaKit

extension ExitStatus {
    /// The failure class of a troubleshooting-chart branch: the library decides the branch, the example
    /// only maps it to its documented exit status.
    init(_ code: DiagnosisCode) {
        switch code {
        case .invalidPINFormat, .invalidInput, .modeNotAllowed:
            self = .usage
        case .readerNotConnected, .noCard, .cardRemoved:
            self = .noReaderOrCard
        case .wrongPIN, .credentialRequired:
            self = .wrongCredential
        case .pinLocked, .pinLockedOfficeOnly, .faceLocked, .pinAndFaceLocked, .signaturePasswordLocked,
            .cardInfoPINLocked, .pinBLocked, .credentialLocked:
            self = .credentialLocked
        case .certificateExpired, .certificateNotYetValid, .certificateInvalid:
            self = .certificateProblem
        case .cardDataInvalid:
            self = .cardDataIntegrity
        case .smartCardServiceUnavailable, .readerInUse, .readerFault, .readerError, .cardNotResponding, .cardFault:
            self = .transport
        case .notAMyNumberCard, .notPresentOnThisCard, .pinNotAvailable:
            self = .notPresent
        case .lastAttemptNeedsConsent:
            self = .lastTryDeclined
        case .faceNotMatched, .visualConfirmationDeclined:
            self = .checkFailed
        case .interrupted:
            self = .interrupted
        default:
            self = .failure
        }
    }
}
