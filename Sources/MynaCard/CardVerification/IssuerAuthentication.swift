/// How an applet's card-verifiable certificate (EF `0004`) — and so the issuer key that signs the applet's
/// records — was authenticated: the authority it names is looked up by its 16-byte key identifier among the
/// authorities the card was opened with (`cardVerifiableAuthorities` of
/// ``MyNumberCard/init(transport:capabilities:cardVerifiableAuthorities:cardVerifiablePolicy:logger:sizeHints:)``),
/// and that key checks
/// the certificate's signature.
///
/// Every record (card face, basic attributes, individual-number image, age record, integrity record) is
/// checked against the issuer key whatever this says; this says whether that key is J-LIS's.
public struct IssuerAuthentication: Hashable, Sendable, CustomStringConvertible {
    /// The outcome. An open set.
    public struct Status: Hashable, Sendable, CustomStringConvertible {
        /// The outcome's stable name.
        public let rawValue: String
        /// Creates a status.
        package init(_ rawValue: String) { self.rawValue = rawValue }

        /// Signed by a production authority key: the records come from J-LIS's issuing system.
        public static let productionKey = Status("productionKey")
        /// Signed by a test-hierarchy key (J-LIS's JPKI test cards, or a simulator's own hierarchy): never
        /// a genuine card.
        public static let testHierarchyKey = Status("testHierarchyKey")
        /// Signed by an authority whose key identifier none of the known authorities has: not checked.
        public static let unknownAuthority = Status("unknownAuthority")
        /// The named authority's key does not verify the certificate: altered, or not what it claims.
        public static let signatureMismatch = Status("signatureMismatch")

        /// The stable name.
        public var description: String { rawValue }
    }

    /// The outcome.
    public let status: Status
    /// The key identifier the certificate names as its signer.
    package let issuerKeyIdentifier: [UInt8]
    /// The authority with that identifier, when one is known (also for ``Status/signatureMismatch``).
    public let authority: CardVerifiableAuthority?

    /// Creates an outcome.
    package init(status: Status, issuerKeyIdentifier: [UInt8], authority: CardVerifiableAuthority?) {
        self.status = status
        self.issuerKeyIdentifier = issuerKeyIdentifier
        self.authority = authority
    }

    /// The named authority's key identifier in words (`5000023/001`).
    public var authorityName: String { CardVerifiableAuthority.name(of: issuerKeyIdentifier) }

    /// Whether a known authority's key verified the certificate (production or test hierarchy).
    public var isVerified: Bool { status == .productionKey || status == .testHierarchyKey }

    /// What the outcome means, in words, with the authority's name.
    public var description: String {
        switch status {
        case .productionKey: "authenticated by the production key \(authorityName)"
        case .testHierarchyKey: "authenticated by the test-hierarchy key \(authorityName) (not a genuine card)"
        case .unknownAuthority: "signed by an unknown authority \(authorityName) (not authenticated)"
        case .signatureMismatch: "the key of \(authorityName) does not verify the certificate"
        default: "\(status) (\(authorityName))"
        }
    }

    /// Looks the signer up in `authorities` by its 16-byte key identifier and checks the signature.
    static func evaluate(
        issuerKeyIdentifier: [UInt8], body: [UInt8], signature: [UInt8], authorities: [CardVerifiableAuthority]
    ) -> IssuerAuthentication {
        let named = authorities.filter { $0.keyIdentifier == issuerKeyIdentifier }
        guard !named.isEmpty else {
            return IssuerAuthentication(status: .unknownAuthority, issuerKeyIdentifier: issuerKeyIdentifier, authority: nil)
        }
        // Two entries with one identifier (a caller's list): any that verifies counts.
        for authority in named where authority.publicKey.isValidSignature(signature, forSHA256Of: body) {
            let status: Status = authority.hierarchy == .production ? .productionKey : .testHierarchyKey
            return IssuerAuthentication(status: status, issuerKeyIdentifier: issuerKeyIdentifier, authority: authority)
        }
        return IssuerAuthentication(status: .signatureMismatch, issuerKeyIdentifier: issuerKeyIdentifier, authority: named.first)
    }
}

/// What the readers do with a record whose issuer key is not authenticated by a production authority key.
public struct CardVerifiableAuthorityPolicy: Hashable, Sendable, CustomStringConvertible {
    /// The policy's name.
    package let rawValue: String
    /// Creates a policy.
    package init(_ rawValue: String) { self.rawValue = rawValue }

    /// Report the outcome with each record (``IssuerAuthentication``) and return the record: the default,
    /// since the production keys are not confirmed against a production card here.
    public static let report = CardVerifiableAuthorityPolicy("report")
    /// Anything but ``IssuerAuthentication/Status/productionKey`` is an error
    /// (``MyNumberCardError/Code/issuerNotAuthenticated``): for identity checks.
    public static let strict = CardVerifiableAuthorityPolicy("strict")

    /// The name.
    public var description: String { rawValue }
}
