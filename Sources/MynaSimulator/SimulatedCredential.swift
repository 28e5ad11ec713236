import MynaCard
import MynaISO7816

/// A reference datum (PIN, password, PIN-A/B, key) of the simulated card, with its retry counter.
public enum SimulatedCredential: String, Hashable, Sendable, Codable, CaseIterable {
    /// JPKI user-authentication PIN `0018`: 4 digits, 3 tries.
    case authenticationPIN
    /// JPKI signature password `001B`: 6–16 of `A-Z0-9`, 5 tries.
    case signaturePassword
    /// Card info input support PIN `0011`: 4 digits, 3 tries.
    case cardInfoPIN
    /// Card info input support `0012`: blocked at issue.
    case cardInfoBlockedReference
    /// Card info input support PIN-A `0014`: the individual number, 10 tries.
    case cardInfoPINA
    /// Card info input support PIN-B `0015`: 14 digits, 10 tries.
    case cardInfoPINB
    /// Card face birth-date key `0011`: Japanese-era `YYMMDD`, 10 tries.
    case birthDateKey
    /// Card face PIN-B `0012`: 14 digits, 10 tries.
    case cardFacePINB
    /// Card face PIN-A `0013`: the individual number, 10 tries.
    case cardFacePINA
    /// Resident registry applet PIN `001C`: 4 digits, 3 tries.
    case residentRegistryPIN
    /// Common card applet PIN `001C`: 4 digits, 3 tries (same value as the resident-registry PIN).
    case commonCardPIN

    /// The applet holding the credential.
    public var application: ApplicationIdentifier {
        switch self {
        case .authenticationPIN, .signaturePassword: .jpki
        case .cardInfoPIN, .cardInfoBlockedReference, .cardInfoPINA, .cardInfoPINB: .cardInfoInputSupport
        case .birthDateKey, .cardFacePINB, .cardFacePINA: .cardFaceConfirmation
        case .residentRegistryPIN: .residentRegistry
        case .commonCardPIN: .commonCard
        }
    }

    /// The credential's file identifier (key reference) in its applet.
    public var file: FileIdentifier {
        switch self {
        case .authenticationPIN: JPKIFile.authenticationPIN
        case .signaturePassword: JPKIFile.signaturePassword
        case .cardInfoPIN: CardInfoInputSupportFile.pin
        case .cardInfoBlockedReference: CardInfoInputSupportFile.blockedAtIssue
        case .cardInfoPINA: CardInfoInputSupportFile.pinA
        case .cardInfoPINB: CardInfoInputSupportFile.pinB
        case .birthDateKey: CardFaceConfirmationFile.birthDateKey
        case .cardFacePINB: CardFaceConfirmationFile.pinB
        case .cardFacePINA: CardFaceConfirmationFile.pinA
        case .residentRegistryPIN: ResidentRegistryFile.pin
        case .commonCardPIN: SimulatedFiles.commonCardPIN
        }
    }

    /// The number of consecutive wrong values that blocks the credential.
    public var maximumTries: Int {
        switch self {
        case .authenticationPIN, .cardInfoPIN, .residentRegistryPIN, .commonCardPIN: 3
        case .signaturePassword: 5
        case .cardInfoBlockedReference: 3
        case .cardInfoPINA, .cardInfoPINB, .birthDateKey, .cardFacePINB, .cardFacePINA: 10
        }
    }

    /// Whether CHANGE REFERENCE DATA may replace the value (JPKI and the card info input support PIN).
    public var isChangeable: Bool {
        self == .authenticationPIN || self == .signaturePassword || self == .cardInfoPIN
    }

    /// Whether `value` has the shape this credential's values have (used for CHANGE REFERENCE DATA and
    /// persona validation; VERIFY counts any non-matching value as a wrong attempt).
    public func accepts(_ value: [UInt8]) -> Bool {
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        switch self {
        case .authenticationPIN, .cardInfoPIN, .residentRegistryPIN, .commonCardPIN, .cardInfoBlockedReference:
            return value.count == 4 && value.allSatisfy(isDigit)
        case .signaturePassword:
            return (6...16).contains(value.count) && value.allSatisfy { isDigit($0) || (0x41...0x5A).contains($0) }
        case .cardInfoPINA, .cardFacePINA:
            return value.count == 12 && value.allSatisfy(isDigit)
        case .cardInfoPINB, .cardFacePINB:
            return value.count == 14 && value.allSatisfy(isDigit)
        case .birthDateKey:
            return value.count == 6 && value.allSatisfy(isDigit)
        }
    }
}
