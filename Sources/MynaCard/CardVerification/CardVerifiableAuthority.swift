/// A card-verifiable certificate authority: the RSA key that signs the applets' card-verifiable
/// certificates (EF `0004`), named by its 16-byte key identifier.
///
/// The key is never on the card: a certificate names its signer by the identifier at the start of its
/// body, and the reader must already hold the key. ``known`` carries J-LIS's production and JPKI
/// test-hierarchy keys (generated from the authority file by `Scripts/generate-cv-authorities`); a caller may
/// add its own, e.g. a test hierarchy of a simulated card.
public struct CardVerifiableAuthority: Hashable, Sendable, CustomStringConvertible {
    /// Which hierarchy an authority belongs to. An open set.
    public struct Hierarchy: Hashable, Sendable, CustomStringConvertible {
        /// The hierarchy's name.
        public let rawValue: String
        /// Creates a hierarchy.
        package init(_ rawValue: String) { self.rawValue = rawValue }

        /// J-LIS's production keys (key identifiers starting with `5`): real cards.
        public static let production = Hierarchy("production")
        /// A test hierarchy (J-LIS's JPKI test keys, identifiers starting with `6`, or a simulator's own):
        /// never evidence that a card is genuine.
        public static let testHierarchy = Hierarchy("test")

        /// The name.
        public var description: String { rawValue }
    }

    /// The key's name as the identifier spells it (`5000023/001`).
    public let name: String
    /// The hierarchy it belongs to.
    public let hierarchy: Hierarchy
    /// What it signs, in words.
    package let use: String
    /// The 16-byte key identifier a certificate names its signer by.
    public let keyIdentifier: [UInt8]
    /// The public key.
    public let publicKey: CardRSAPublicKey

    /// Creates an authority.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` unless `keyIdentifier` is 16 bytes.
    public init(
        name: String, hierarchy: Hierarchy, use: String = "", keyIdentifier: [UInt8], publicKey: CardRSAPublicKey
    ) throws(MyNumberCardError) {
        guard keyIdentifier.count == CardVerifiableCertificate.keyIdentifierLength else {
            throw MyNumberCardError(
                .invalidArgument,
                "a card-verifiable key identifier is \(CardVerifiableCertificate.keyIdentifierLength) bytes, got \(keyIdentifier.count)")
        }
        self.name = name
        self.hierarchy = hierarchy
        self.use = use
        self.keyIdentifier = keyIdentifier
        self.publicKey = publicKey
    }

    /// The name and hierarchy.
    public var description: String { "\(name) (\(hierarchy))" }

    /// A key identifier in words: `NNNNNNN/GGG` when it has the card's layout (7 ASCII digits, `08 05`, 3
    /// ASCII digits, `00 00 00`, one byte), else hex.
    package static func name(of keyIdentifier: [UInt8]) -> String {
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        guard keyIdentifier.count == 16, keyIdentifier[0..<7].allSatisfy(isDigit), keyIdentifier[7] == 0x08,
            keyIdentifier[8] == 0x05, keyIdentifier[9..<12].allSatisfy(isDigit),
            keyIdentifier[12..<15].allSatisfy({ $0 == 0 })
        else {
            return keyIdentifier.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
        }
        return String(decoding: keyIdentifier[0..<7], as: UTF8.self) + "/"
            + String(decoding: keyIdentifier[9..<12], as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
