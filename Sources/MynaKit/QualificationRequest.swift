import MynaCard

/// What a qualification check should do: the mode with its inputs, and the profile.
///
/// Build one with the static factories: ``pin(_:challenge:options:)``, ``face(pinB:liveCapture:matcher:pinBOptions:)``,
/// ``visual(pinB:confirmer:pinBOptions:)``, and for emergency crews ``emergency(consent:pinB:confirmer:)``
/// or — only when the operator asks for it — ``emergencyWithPIN(consent:pin:challenge:options:)``.
public struct QualificationRequest: Sendable {
    /// The mode and its inputs.
    public enum Method: Sendable {
        /// Verify the user-authentication PIN, sign `challenge` with the user-authentication key.
        case pin(Passcode, challenge: [UInt8], options: VerificationOptions)
        /// Verify PIN-B (derived from the card-face values: `Passcode.pinB(birthDate:cardExpiryYear:securityCode:for:)`
        /// with `Credential.cardFacePINB`), read the face photo, match it with the live capture.
        case face(pinB: Passcode, liveCapture: [UInt8], matcher: any FaceMatcher, pinBOptions: VerificationOptions)
        /// No credential; the operator confirms (shown the card photo when the operator supplied PIN-B).
        case visual(pinB: Passcode?, confirmer: any OperatorConfirmer, pinBOptions: VerificationOptions)

        /// The mode.
        package var mode: QualificationMode {
            switch self {
            case .pin: .pin
            case .face: .face
            case .visual: .visual
            }
        }
    }

    /// Who is checking.
    public enum Profile: Hashable, Sendable {
        /// A clinic's or pharmacy's reception (マイナ保険証).
        case standard
        /// An emergency crew (マイナ救急), with the consent it recorded. Visual by default; PIN only when the
        /// operator asks; never face; the individual number is never used (no operation of this module reads it).
        case emergency(EmergencyConsent)
    }

    /// The mode and its inputs.
    package let method: Method
    /// Who is checking.
    package let profile: Profile

    /// Creates a request.
    public init(method: Method, profile: Profile = .standard) {
        self.method = method
        self.profile = profile
    }

    /// PIN mode.
    public static func pin(_ pin: Passcode, challenge: [UInt8], options: VerificationOptions = .default) -> QualificationRequest {
        QualificationRequest(method: .pin(pin, challenge: challenge, options: options))
    }

    /// Face mode.
    public static func face(
        pinB: Passcode, liveCapture: [UInt8], matcher: any FaceMatcher, pinBOptions: VerificationOptions = .default
    ) -> QualificationRequest {
        QualificationRequest(method: .face(pinB: pinB, liveCapture: liveCapture, matcher: matcher, pinBOptions: pinBOptions))
    }

    /// Visual mode.
    public static func visual(
        pinB: Passcode? = nil, confirmer: any OperatorConfirmer, pinBOptions: VerificationOptions = .default
    ) -> QualificationRequest {
        QualificationRequest(method: .visual(pinB: pinB, confirmer: confirmer, pinBOptions: pinBOptions))
    }

    /// The emergency profile's default: visual confirmation with the recorded consent.
    public static func emergency(
        consent: EmergencyConsent, pinB: Passcode? = nil, confirmer: any OperatorConfirmer
    ) -> QualificationRequest {
        QualificationRequest(
            method: .visual(pinB: pinB, confirmer: confirmer, pinBOptions: .default), profile: .emergency(consent))
    }

    /// The emergency profile's PIN fallback, used only when the operator asks for it.
    public static func emergencyWithPIN(
        consent: EmergencyConsent, pin: Passcode, challenge: [UInt8], options: VerificationOptions = .default
    ) -> QualificationRequest {
        QualificationRequest(method: .pin(pin, challenge: challenge, options: options), profile: .emergency(consent))
    }
}
