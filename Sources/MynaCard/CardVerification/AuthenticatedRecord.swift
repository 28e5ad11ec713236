/// A value read from a signed card record, with how the issuer key that signed the record was authenticated
/// (for values whose own type carries no issuer certificate, such as ``BasicAttributes``).
public struct AuthenticatedRecord<Value: Sendable>: Sendable {
    /// The value; its record's signature and integrity were checked.
    public let value: Value
    /// How the key that signed the record was authenticated: production key, test hierarchy, unknown
    /// authority or signature mismatch.
    public let issuerAuthentication: IssuerAuthentication

    /// Pairs a value with its issuer's authentication.
    package init(value: Value, issuerAuthentication: IssuerAuthentication) {
        self.value = value
        self.issuerAuthentication = issuerAuthentication
    }
}
