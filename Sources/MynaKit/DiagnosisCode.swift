/// A branch of the troubleshooting chart. An open set: compare against the static members.
///
/// The same codes name what MynaKit reports elsewhere, so that each thing is said once: the code of a
/// ``MynaKitError`` (``MynaKitError/Code``), which ``Diagnosis`` takes as it is, and the warnings of a
/// successful check (``QualificationCheckResult/warnings``).
public struct DiagnosisCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stable name, as encoded in JSON.
    public let rawValue: String
    /// Creates a code from its stable name (any string: an open set).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a code from its stable name, as in the static members.
    package init(_ rawValue: String) { self.rawValue = rawValue }

    /// Nothing observed is wrong.
    public static let noProblemFound = DiagnosisCode("noProblemFound")

    // MARK: Reader and service
    /// No card reader is connected (or the named one is gone).
    public static let readerNotConnected = DiagnosisCode("readerNotConnected")
    /// The smart-card service (pcscd / the OS service) is not running.
    public static let smartCardServiceUnavailable = DiagnosisCode("smartCardServiceUnavailable")
    /// Another application is using the reader.
    public static let readerInUse = DiagnosisCode("readerInUse")
    /// Another card also fails on this reader: the reader is at fault.
    public static let readerFault = DiagnosisCode("readerFault")
    /// Another reader error.
    public static let readerError = DiagnosisCode("readerError")

    // MARK: Card presence
    /// No card is on the reader.
    public static let noCard = DiagnosisCode("noCard")
    /// The card was removed (or reset) while it was being read.
    public static let cardRemoved = DiagnosisCode("cardRemoved")
    /// The card does not answer, and it is not yet known whether the card or the reader is at fault.
    public static let cardNotResponding = DiagnosisCode("cardNotResponding")
    /// The card does not answer although another card reads fine on this reader: the card is at fault.
    public static let cardFault = DiagnosisCode("cardFault")
    /// The card is not a My Number Card (no JPKI applet).
    public static let notAMyNumberCard = DiagnosisCode("notAMyNumberCard")
    /// The card lacks what the step needs (a file, an applet, a credential).
    public static let notPresentOnThisCard = DiagnosisCode("notPresentOnThisCard")
    /// The card answered with data or a status this library cannot use.
    public static let unexpectedCardResponse = DiagnosisCode("unexpectedCardResponse")

    // MARK: Validity
    /// The card itself has expired.
    public static let cardExpired = DiagnosisCode("cardExpired")
    /// The certificate expired more than 3 months ago.
    public static let certificateExpired = DiagnosisCode("certificateExpired")
    /// The certificate expired within the last 3 months: the qualification check still works.
    public static let certificateExpiredWithinGrace = DiagnosisCode("certificateExpiredWithinGrace")
    /// The certificate expires in 3 months or less.
    public static let certificateRenewalDue = DiagnosisCode("certificateRenewalDue")
    /// The certificate is not valid yet (or the clock is wrong).
    public static let certificateNotYetValid = DiagnosisCode("certificateNotYetValid")

    // MARK: Locks
    /// The user-authentication PIN is locked (3 wrong PINs). It can be reset at the municipal office, or at a
    /// convenience-store kiosk (コンビニのキオスク端末) by a holder who knows the signature password.
    public static let pinLocked = DiagnosisCode("pinLocked")
    /// The user-authentication PIN is locked and the signature password is locked too (or the card has
    /// none): no kiosk can reset it; only the municipal office.
    public static let pinLockedOfficeOnly = DiagnosisCode("pinLockedOfficeOnly")
    /// Face authentication is locked (10 consecutive failures, counted across visits until a success;
    /// visual confirmations do not reset the count). Only the municipal office unlocks it.
    public static let faceLocked = DiagnosisCode("faceLocked")
    /// Both are locked.
    public static let pinAndFaceLocked = DiagnosisCode("pinAndFaceLocked")
    /// The signature password is locked (5 wrong passwords). It can be reset at the municipal office, or at
    /// a convenience-store kiosk by a holder who knows the user-authentication PIN.
    public static let signaturePasswordLocked = DiagnosisCode("signaturePasswordLocked")
    /// The card info input support PIN (券面事項入力補助用暗証番号) is locked: municipal office only.
    public static let cardInfoPINLocked = DiagnosisCode("cardInfoPINLocked")
    /// PIN-B (card-face values) is locked: the face photo cannot be read.
    public static let pinBLocked = DiagnosisCode("pinBLocked")
    /// Another credential is locked.
    public static let credentialLocked = DiagnosisCode("credentialLocked")

    // MARK: The attempt itself
    /// A wrong PIN; tries remain.
    public static let wrongPIN = DiagnosisCode("wrongPIN")
    /// Only the last try remains and the caller did not allow spending it.
    public static let lastAttemptNeedsConsent = DiagnosisCode("lastAttemptNeedsConsent")
    /// The PIN has the wrong format (nothing was sent).
    public static let invalidPINFormat = DiagnosisCode("invalidPINFormat")
    /// The card has no PIN (a face-authentication card).
    public static let pinNotAvailable = DiagnosisCode("pinNotAvailable")
    /// The face did not match.
    public static let faceNotMatched = DiagnosisCode("faceNotMatched")
    /// Visual mode: the card's face photo could not be read (wrong or missing card-face values); the operator
    /// compared with the printed card. A warning of a check that succeeded, not a failure.
    public static let facePhotoUnavailable = DiagnosisCode("facePhotoUnavailable")
    /// The operator did not confirm the holder.
    public static let visualConfirmationDeclined = DiagnosisCode("visualConfirmationDeclined")
    /// The mode is not allowed in this profile.
    public static let modeNotAllowed = DiagnosisCode("modeNotAllowed")
    /// The app supplied malformed input.
    public static let invalidInput = DiagnosisCode("invalidInput")
    /// The face-failure store failed.
    public static let storeFailure = DiagnosisCode("storeFailure")
    /// The card needs a credential first (a smartphone token needs the PIN even for its certificate).
    public static let credentialRequired = DiagnosisCode("credentialRequired")
    /// Data read from the card failed its integrity or signature check, or is malformed.
    public static let cardDataInvalid = DiagnosisCode("cardDataInvalid")
    /// A certificate read from the card cannot be used (chain, key usage or validity).
    public static let certificateInvalid = DiagnosisCode("certificateInvalid")
    /// The operation was cancelled before it finished.
    public static let interrupted = DiagnosisCode("interrupted")
    /// An error this chart does not know.
    public static let unexpectedError = DiagnosisCode("unexpectedError")

    /// Every code the chart gives, in chart order. Each has a summary and a remedy in every
    /// ``MessageLanguage``.
    package static let allCases: [DiagnosisCode] = [
        .noProblemFound, .readerNotConnected, .smartCardServiceUnavailable, .readerInUse, .readerFault,
        .readerError, .noCard, .cardRemoved, .cardNotResponding, .cardFault, .notAMyNumberCard,
        .notPresentOnThisCard, .unexpectedCardResponse, .cardExpired, .certificateExpired,
        .certificateExpiredWithinGrace, .certificateRenewalDue, .certificateNotYetValid, .pinLocked,
        .pinLockedOfficeOnly, .faceLocked, .pinAndFaceLocked, .signaturePasswordLocked, .cardInfoPINLocked,
        .pinBLocked, .credentialLocked, .wrongPIN, .lastAttemptNeedsConsent, .invalidPINFormat, .pinNotAvailable,
        .faceNotMatched, .facePhotoUnavailable, .visualConfirmationDeclined, .modeNotAllowed, .invalidInput, .storeFailure,
        .credentialRequired, .cardDataInvalid, .certificateInvalid, .interrupted, .unexpectedError,
    ]

    /// The summary, in `language`: what the chart found, in one sentence.
    package func summary(in language: MessageLanguage = .current) -> String {
        LocalizedText.string("diagnosis.\(rawValue).summary", in: language)
    }

    /// The stable name, as ``rawValue``.
    public var description: String { rawValue }
}
