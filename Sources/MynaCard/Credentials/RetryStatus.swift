/// How many tries a credential has left, as the card reports it to an empty VERIFY (which spends nothing).
public enum RetryStatus: Hashable, Sendable {
    /// `63Cx`: this many tries remain.
    case remaining(Int)
    /// `63C0`, `6983` or `6984`: no tries left; the card refuses VERIFY until the municipal office resets it.
    case blocked
    /// `9000`: the card reports no counter; the next try may be the last.
    case noCounterReported
    /// `6300`: a warning with no count; the next try may be the last.
    case noInformation
}
