import MynaCard

/// What a qualification check should do: the mode with its inputs. ``QualificationCheck/run(_:profile:)``
/// takes it with the ``Profile`` (who is checking).
///
/// The emergency profile's default is ``visual(pinB:confirmer:pinBOptions:)``; ``pin(_:challenge:options:)``
/// only when the operator asks for it; ``face(pinB:liveCapture:matcher:pinBOptions:)`` is refused there.
public enum QualificationRequest: Sendable {
    /// Verify the user-authentication PIN, sign `challenge` with the user-authentication key.
    case pin(Passcode, challenge: [UInt8], options: VerificationOptions = .default)
    /// Verify PIN-B (derived from the card-face values: `Passcode.pinB(birthDate:cardExpiryYear:securityCode:for:)`
    /// with `Credential.cardFacePINB`), read the face photo, match it with the live capture.
    case face(pinB: Passcode, liveCapture: [UInt8], matcher: any FaceMatcher, pinBOptions: VerificationOptions = .default)
    /// No credential; the operator confirms (shown the card photo when the operator supplied PIN-B).
    case visual(pinB: Passcode? = nil, confirmer: any OperatorConfirmer, pinBOptions: VerificationOptions = .default)

    /// Who is checking.
    public enum Profile: Hashable, Sendable {
        /// A clinic's or pharmacy's reception (マイナ保険証).
        case standard
        /// An emergency crew (マイナ救急), with the consent it recorded. Visual by default; PIN only when the
        /// operator asks; never face; the individual number is never used (no operation of this module reads it).
        case emergency(EmergencyConsent)

        /// The consent recorded in the emergency profile; `nil` in the standard one.
        package var consent: EmergencyConsent? {
            guard case .emergency(let consent) = self else { return nil }
            return consent
        }
    }

    /// The mode.
    package var mode: QualificationMode {
        switch self {
        case .pin: .pin
        case .face: .face
        case .visual: .visual
        }
    }
}
