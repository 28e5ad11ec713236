/// One lock that applies to a card, with its remedy and what still works meanwhile.
public struct CardLock: Hashable, Sendable, Codable {
    /// Which lock.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The user-authentication PIN is locked (3 consecutive wrong PINs).
        case pinLocked
        /// Face authentication is locked (10 consecutive face-match failures).
        case faceLocked
        /// Both the PIN and face authentication are locked.
        case pinAndFaceLocked
        /// The signature password is locked (5 consecutive wrong passwords); the qualification check is not
        /// affected.
        case signaturePasswordLocked
    }

    /// Which lock.
    public let kind: Kind
    /// What to do, in plain English.
    public let remedy: String
    /// The qualification-check modes that still work while this lock applies (given the card's other state).
    public let stillWorks: [QualificationMode]

    /// Creates a lock description.
    public init(kind: Kind, remedy: String, stillWorks: [QualificationMode]) {
        self.kind = kind
        self.remedy = remedy
        self.stillWorks = stillWorks
    }

    /// The remedy for each kind.
    public static func remedy(for kind: Kind) -> String {
        switch kind {
        case .pinLocked:
            "The user-authentication PIN is locked after 3 wrong PINs. The holder must have it reset at the municipal office (bring the card). Meanwhile use face authentication or visual confirmation."
        case .faceLocked:
            "Face authentication is locked after 10 consecutive failures. The holder must have it unlocked at the municipal office. Meanwhile use the PIN or visual confirmation."
        case .pinAndFaceLocked:
            "Both the PIN and face authentication are locked. The holder must have them reset at the municipal office. Meanwhile only visual confirmation works."
        case .signaturePasswordLocked:
            "The signature password is locked after 5 wrong passwords. The holder must have it reset at the municipal office. The qualification check is not affected."
        }
    }
}
