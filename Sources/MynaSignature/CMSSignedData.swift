import SwiftASN1
import X509

/// ContentInfo wrapping SignedData (RFC 5652 §3, §5.1): one or more signers, the certificates, and the
/// content when attached.
struct CMSSignedData: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    static let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    var version: Int
    var digestAlgorithms: [CMSAlgorithmIdentifier]
    var contentType: ASN1ObjectIdentifier
    var content: [UInt8]?
    var certificates: [Certificate]
    var signerInfos: [CMSSignerInfo]

    init(
        digestAlgorithms: [CMSAlgorithmIdentifier], content: [UInt8]?, certificates: [Certificate],
        signerInfos: [CMSSignerInfo]
    ) {
        self.version = 1
        self.digestAlgorithms = digestAlgorithms
        self.contentType = CMSObjectIdentifiers.data
        self.content = content
        self.certificates = certificates
        self.signerInfos = signerInfos
    }

    /// Parses a ContentInfo whose content is SignedData.
    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard type == CMSObjectIdentifiers.signedData else {
                throw ASN1Error.invalidASN1Object(reason: "the ContentInfo is not SignedData")
            }
            return try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    let version = try Int(derEncoded: &nodes)
                    let digestAlgorithms = try DER.set(of: CMSAlgorithmIdentifier.self, identifier: .set, nodes: &nodes)
                    guard let encapsulated = nodes.next() else {
                        throw ASN1Error.invalidASN1Object(reason: "SignedData without encapContentInfo")
                    }
                    let (contentType, content) = try DER.sequence(encapsulated, identifier: .sequence) { parts in
                        let type = try ASN1ObjectIdentifier(derEncoded: &parts)
                        let content = try DER.optionalExplicitlyTagged(&parts, tagNumber: 0, tagClass: .contextSpecific) {
                            Array(try ASN1OctetString(derEncoded: $0).bytes)
                        }
                        return (type, content)
                    }
                    let certificates =
                        try DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                            try DER.set(of: Certificate.self, identifier: Self.certificatesTag, rootNode: node)
                        } ?? []
                    // CRLs ([1]) are not used.
                    _ = DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { _ in }
                    let signerInfos = try DER.set(of: CMSSignerInfo.self, identifier: .set, nodes: &nodes)
                    var signedData = CMSSignedData(
                        digestAlgorithms: digestAlgorithms, content: content, certificates: certificates,
                        signerInfos: signerInfos)
                    signedData.version = version
                    signedData.contentType = contentType
                    return signedData
                }
            }
        }
    }

    /// Serializes the ContentInfo.
    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(CMSObjectIdentifiers.signedData)
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(version)
                    try coder.serializeSetOf(digestAlgorithms)
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(contentType)
                        if let content {
                            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                                try coder.serialize(ASN1OctetString(contentBytes: content[...]))
                            }
                        }
                    }
                    if !certificates.isEmpty {
                        try coder.serializeSetOf(certificates, identifier: Self.certificatesTag)
                    }
                    try coder.serializeSetOf(signerInfos)
                }
            }
        }
    }
}
