/// Where a certificate stands on a given date, for the insurance qualification check.
public enum ValidityStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Before `notBefore`.
    case notYetValid
    /// Valid, with more than 3 months left.
    case valid
    /// Valid, with 3 months or less left: readers show a renewal alert.
    case renewalAlert
    /// Expired, but within the 3-month grace period in which the qualification check still works.
    case expiredWithinGrace
    /// Expired longer ago than the grace period.
    case expiredBeyondGrace

    /// Whether the insurance qualification check accepts the certificate: valid, renewal alert, or expired
    /// within grace.
    public var allowsQualificationCheck: Bool {
        switch self {
        case .valid, .renewalAlert, .expiredWithinGrace: true
        case .notYetValid, .expiredBeyondGrace: false
        }
    }
}
