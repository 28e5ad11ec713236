import MynaTransport

/// What ``MyNumberCard/changePasscode(_:to:options:)`` reports: the change was made — the card answered
/// CHANGE REFERENCE DATA with `9000`, and the new value is the one in force.
public struct PasscodeChange: Hashable, Sendable {
    /// The credential whose value was changed.
    public let credential: Credential
    /// Set when releasing the card afterwards (ending the transaction) failed: the change is made all the
    /// same — the holder must use the new value from now on — but the reader may need attention.
    public let endOfTransactionFailure: TransportError?

    /// Creates a report.
    package init(credential: Credential, endOfTransactionFailure: TransportError? = nil) {
        self.credential = credential
        self.endOfTransactionFailure = endOfTransactionFailure
    }
}
