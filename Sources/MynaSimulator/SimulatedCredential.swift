import MynaCard
import MynaISO7816

/// A reference datum (PIN, password, PIN-A/B, key) of the simulated card, with its retry counter. Each case
/// is one row of MynaCard's credential table (``credential``), whose applet, key reference, format, retry
/// limit and change command the simulated card follows.
public enum SimulatedCredential: String, Hashable, Sendable, Codable, CaseIterable {
    /// JPKI user-authentication PIN `0018`: 4 digits, 3 tries.
    case authenticationPIN
    /// JPKI signature password `001B`: 6–16 of `A-Z0-9`, 5 tries.
    case signaturePassword
    /// Card info input support PIN `0011`: 4 digits, 3 tries.
    case cardInfoPIN
    /// Card info input support `0012`: blocked at issue.
    case cardInfoBlockedReference
    /// Card info input support PIN-A `0014`: the individual number; limit not established.
    case cardInfoPINA
    /// Card info input support PIN-B `0015`: 14 digits, 10 tries.
    case cardInfoPINB
    /// Card face birth-date key `0011`: Japanese-era `YYMMDD`; limit not established.
    case birthDateKey
    /// Card face PIN-B `0012`: 14 digits, 10 tries.
    case cardFacePINB
    /// Card face PIN-A `0013`: the individual number; limit not established.
    case cardFacePINA
    /// Resident registry applet PIN `001C`: 4 digits; limit not established.
    case residentRegistryPIN
    /// Common card applet PIN `001C`: 4 digits; limit not established (same value as the resident-registry PIN).
    case commonCardPIN

    /// The row of MynaCard's credential table.
    public var credential: Credential {
        switch self {
        case .authenticationPIN: .userAuthenticationPIN
        case .signaturePassword: .signaturePassword
        case .cardInfoPIN: .cardInfoPIN
        case .cardInfoBlockedReference: .cardInfoBlockedReference
        case .cardInfoPINA: .cardInfoPINA
        case .cardInfoPINB: .cardInfoPINB
        case .birthDateKey: .birthDateKey
        case .cardFacePINB: .cardFacePINB
        case .cardFacePINA: .cardFacePINA
        case .residentRegistryPIN: .residentRegistryPIN
        case .commonCardPIN: .commonCardPIN
        }
    }

    /// The simulated credential for a row of the table, if the simulated card has it.
    public init?(_ credential: Credential) {
        guard let found = Self.allCases.first(where: { $0.credential == credential }) else { return nil }
        self = found
    }

    /// The applet holding the credential.
    public var application: ApplicationIdentifier { credential.application }

    /// The credential's file identifier (key reference) in its applet.
    public var file: FileIdentifier { credential.reference }

    /// The number of consecutive wrong values that blocks the credential, where the facts establish one;
    /// otherwise the card's ``CardBehaviourProfile/limitWhereNotEstablished`` applies.
    public var maximumTries: Int? { credential.maximumTries }

    /// The retry limit on a card of `profile`: ``maximumTries``, else the profile's choice (`nil`: no limit).
    public func maximumTries(in profile: CardBehaviourProfile) -> Int? {
        if self == .cardInfoBlockedReference { return credential.maximumTries ?? 3 }
        return credential.maximumTries ?? profile.limitWhereNotEstablished
    }

    /// How the holder changes it (`00 24` or CHANGE KEY `80 32`), or `nil`.
    package var change: ChangeCommand? { credential.change }

    /// Whether CHANGE REFERENCE DATA may replace the value (JPKI and the card info input support PIN).
    public var isChangeable: Bool { credential.isChangeable }

    /// Whether `value` has the shape this credential's values have: the format's length, ASCII digits and —
    /// where it allows letters — upper-case `A`–`Z` (the card does not upper-case; MynaCard does before
    /// sending). Used for CHANGE REFERENCE DATA / CHANGE KEY and persona validation; VERIFY counts any
    /// non-matching value as a wrong attempt.
    public func accepts(_ value: [UInt8]) -> Bool {
        let format = credential.format
        guard (format.minimumLength...format.maximumLength).contains(value.count) else { return false }
        return value.allSatisfy { (0x30...0x39).contains($0) || (format.allowsLetters && (0x41...0x5A).contains($0)) }
    }
}
