import MynaCard
import SwiftASN1

/// AlgorithmIdentifier (RFC 5280): an OID and optional parameters, kept as the DER of the parameters.
///
/// swift-certificates has this type but keeps it internal, as it keeps its CMS model internal.
struct CMSAlgorithmIdentifier: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var algorithm: ASN1ObjectIdentifier
    var parameters: ASN1Any?

    init(algorithm: ASN1ObjectIdentifier, parameters: ASN1Any?) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let parameters = nodes.next().map { ASN1Any(derEncoded: $0) }
            return CMSAlgorithmIdentifier(algorithm: algorithm, parameters: parameters)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            if let parameters { try coder.serialize(parameters) }
        }
    }

    /// The digest algorithm identifier (parameters absent, as RFC 5754 prefers).
    static func digest(_ algorithm: DigestAlgorithm) -> CMSAlgorithmIdentifier {
        let oid: ASN1ObjectIdentifier
        switch algorithm {
        case .sha384: oid = CMSObjectIdentifiers.sha384
        case .sha512: oid = CMSObjectIdentifiers.sha512
        default: oid = CMSObjectIdentifiers.sha256
        }
        return CMSAlgorithmIdentifier(algorithm: oid, parameters: nil)
    }

    /// The signature algorithm identifier: sha…WithRSAEncryption with NULL parameters (RFC 4055).
    static func rsaSignature(_ algorithm: DigestAlgorithm) -> CMSAlgorithmIdentifier {
        let oid: ASN1ObjectIdentifier
        switch algorithm {
        case .sha384: oid = CMSObjectIdentifiers.sha384WithRSA
        case .sha512: oid = CMSObjectIdentifiers.sha512WithRSA
        default: oid = CMSObjectIdentifiers.sha256WithRSA
        }
        return CMSAlgorithmIdentifier(algorithm: oid, parameters: try? ASN1Any(erasing: ASN1Null()))
    }

    /// The digest algorithm this identifier names, as a digest or as a sha…WithRSA signature algorithm;
    /// `rsaEncryption` names none (the digest algorithm field says which).
    var digestAlgorithm: DigestAlgorithm? {
        switch algorithm {
        case CMSObjectIdentifiers.sha256, CMSObjectIdentifiers.sha256WithRSA: .sha256
        case CMSObjectIdentifiers.sha384, CMSObjectIdentifiers.sha384WithRSA: .sha384
        case CMSObjectIdentifiers.sha512, CMSObjectIdentifiers.sha512WithRSA: .sha512
        default: nil
        }
    }

    /// Whether this names an RSA PKCS#1 v1.5 signature (a sha…WithRSA algorithm or plain rsaEncryption).
    var isRSAPKCS1: Bool {
        [CMSObjectIdentifiers.rsaEncryption, CMSObjectIdentifiers.sha256WithRSA, CMSObjectIdentifiers.sha384WithRSA,
         CMSObjectIdentifiers.sha512WithRSA].contains(algorithm)
    }
}
