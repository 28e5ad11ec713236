/// Something the app should tell the holder or operator although the check succeeded.
public struct QualificationWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stable name, as encoded in JSON.
    public let rawValue: String
    /// Creates a warning.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The certificate expires in 3 months or less: renew it at the municipal office.
    public static let certificateRenewalDue = QualificationWarning("certificateRenewalDue")
    /// The certificate has expired but is within the 3-month grace period: renew it at the municipal
    /// office before the grace period ends.
    public static let certificateExpiredWithinGrace = QualificationWarning("certificateExpiredWithinGrace")
    /// Visual mode: the card's face photo could not be read (wrong or missing card-face values); the
    /// operator compared with the printed card.
    public static let facePhotoUnavailable = QualificationWarning("facePhotoUnavailable")

    /// The warning for a validity status, if any.
    public static func forValidity(_ status: ValidityStatus) -> QualificationWarning? {
        switch status {
        case .renewalAlert: .certificateRenewalDue
        case .expiredWithinGrace: .certificateExpiredWithinGrace
        case .valid, .notYetValid, .expiredBeyondGrace: nil
        }
    }

    public var description: String { rawValue }

    /// Encodes ``rawValue``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes any string (an open set).
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
}
