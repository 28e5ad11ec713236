/// Something the app should tell the holder or operator although the check succeeded.
public struct QualificationWarning: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stable name, as encoded in JSON.
    public let rawValue: String
    /// Creates a warning from its stable name (any string: an open set).
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a warning from its stable name, as in the static members.
    package init(_ rawValue: String) { self.rawValue = rawValue }

    /// The certificate expires in 3 months or less: renew it at the municipal office.
    public static let certificateRenewalDue = QualificationWarning("certificateRenewalDue")
    /// The certificate has expired but is within the 3-month grace period: renew it at the municipal
    /// office before the grace period ends.
    public static let certificateExpiredWithinGrace = QualificationWarning("certificateExpiredWithinGrace")
    /// Visual mode: the card's face photo could not be read (wrong or missing card-face values); the
    /// operator compared with the printed card.
    public static let facePhotoUnavailable = QualificationWarning("facePhotoUnavailable")

    /// The warning for a validity status, if any.
    package static func forValidity(_ status: ValidityStatus) -> QualificationWarning? {
        switch status {
        case .renewalAlert: .certificateRenewalDue
        case .expiredWithinGrace: .certificateExpiredWithinGrace
        case .valid, .notYetValid, .expiredBeyondGrace: nil
        }
    }

    /// The stable name, as ``rawValue``.
    public var description: String { rawValue }
}
