import MynaCodec

/// The card-verifiable certificate of the card info input support or card face applet (EF `0004`): it
/// certifies the issuer key that signs the applet's records.
///
/// Layout: `7F21` { `5F4E` body: 16-byte issuer key id ‖ 16-byte subject key id ‖ `TLV(90)` exponent ‖
/// `TLV(91)` modulus; `5F37` signature } — the signature is PKCS#1 v1.5 with SHA-256 over the body's value,
/// made by a card-verifiable certificate authority key that is not on the card.
public struct CardVerifiableCertificate: Hashable, Sendable {
    /// Tag `7F21`: the certificate.
    package static let certificateTag = BERTag(0x7F21)
    /// Tag `5F4E`: the certificate body.
    package static let bodyTag = BERTag(0x5F4E)
    /// Tag `5F37`: the signature over the body.
    package static let signatureTag = BERTag(0x5F37)
    /// The length of each key identifier in the body.
    package static let keyIdentifierLength = 16

    /// Which authority key signed this certificate (16 bytes).
    package let issuerKeyIdentifier: [UInt8]
    /// Which key this certificate certifies (16 bytes).
    package let subjectKeyIdentifier: [UInt8]
    /// The certified issuer key: it signs the applet's records.
    public let publicKey: CardRSAPublicKey
    /// The body's value, as signed.
    package let body: [UInt8]
    /// The signature over ``body``.
    package let signature: [UInt8]
    /// How the certificate was authenticated: by a production key, by a test-hierarchy key, signed by an
    /// unknown authority, or not verified by the key of the authority it names.
    public let authentication: IssuerAuthentication

    /// The authority whose key verified ``signature``, or `nil` (unknown authority, or a mismatch).
    package var authenticatingAuthority: CardVerifiableAuthority? {
        authentication.isVerified ? authentication.authority : nil
    }

    /// Whether a known authority's key (production or test hierarchy) verified the certificate, so that the
    /// issuer key — and every record it signs — is authenticated, not merely self-consistent. Only
    /// ``IssuerAuthentication/Status/productionKey`` means a genuine card.
    public var isAuthenticated: Bool { authentication.isVerified }

    /// Parses the certificate, finds the authority it names among `authorities` by its 16-byte key
    /// identifier, and checks the signature with that authority's key (``authentication``).
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` when the layout is wrong. An unknown or
    ///   non-verifying authority is reported in ``authentication``, not thrown.
    package init(
        encoded bytes: [UInt8], authorities: [CardVerifiableAuthority] = CardVerifiableAuthority.known
    ) throws(MyNumberCardError) {
        let node: TLVNode
        do {
            node = try BERTLV.parseSingle(bytes[...])
        } catch {
            throw MyNumberCardError.malformed("the card-verifiable certificate is not one data object: \(error.reason)")
        }
        guard node.tag == Self.certificateTag else {
            throw MyNumberCardError.malformed("the card-verifiable certificate does not start with 7F21")
        }
        guard node.children.count == 2, node.children[0].tag == Self.bodyTag, node.children[1].tag == Self.signatureTag
        else {
            throw MyNumberCardError.malformed("the card-verifiable certificate must hold 5F4E then 5F37")
        }
        let body = Array(node.children[0].value)
        let idLength = Self.keyIdentifierLength
        guard body.count > 2 * idLength else {
            throw MyNumberCardError.malformed("the card-verifiable certificate body is too short")
        }
        issuerKeyIdentifier = Array(body[0..<idLength])
        subjectKeyIdentifier = Array(body[idLength..<(2 * idLength)])
        publicKey = try CardRSAPublicKey(cardEncoding: body[(2 * idLength)...])
        self.body = body
        signature = Array(node.children[1].value)
        authentication = IssuerAuthentication.evaluate(
            issuerKeyIdentifier: issuerKeyIdentifier, body: body, signature: signature, authorities: authorities)
    }

    /// Whether `authority` signed this certificate.
    package func isSigned(by authority: CardRSAPublicKey) -> Bool {
        authority.isValidSignature(signature, forSHA256Of: body)
    }
}
