import SwiftASN1
import X509

/// SignerInfo (RFC 5652 §5.3), version 1 with issuerAndSerialNumber (the only form written here; version 3
/// with a subjectKeyIdentifier is read too).
struct CMSSignerInfo: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    static let signedAttributesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let unsignedAttributesTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    var version: Int
    var issuer: DistinguishedName?
    var serialNumber: [UInt8]?
    var subjectKeyIdentifier: [UInt8]?
    var digestAlgorithm: CMSAlgorithmIdentifier
    var signedAttributes: [CMSAttribute]?
    /// The DER of the signed attributes as read, with the SET tag (`31`) the signature covers (RFC 5652 §5.4).
    var signedAttributesDER: [UInt8]?
    var signatureAlgorithm: CMSAlgorithmIdentifier
    var signature: [UInt8]

    init(
        issuer: DistinguishedName, serialNumber: [UInt8], digestAlgorithm: CMSAlgorithmIdentifier,
        signedAttributes: [CMSAttribute], signatureAlgorithm: CMSAlgorithmIdentifier, signature: [UInt8]
    ) {
        self.version = 1
        self.issuer = issuer
        self.serialNumber = serialNumber
        self.subjectKeyIdentifier = nil
        self.digestAlgorithm = digestAlgorithm
        self.signedAttributes = signedAttributes
        self.signedAttributesDER = nil
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard let sid = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without sid") }
            var issuer: DistinguishedName?
            var serialNumber: [UInt8]?
            var subjectKeyIdentifier: [UInt8]?
            if sid.identifier == .sequence {
                (issuer, serialNumber) = try DER.sequence(sid, identifier: .sequence) { parts in
                    guard let name = parts.next() else { throw ASN1Error.invalidASN1Object(reason: "no issuer") }
                    return (try DistinguishedName(derEncoded: name), Array(try ArraySlice<UInt8>(derEncoded: &parts)))
                }
            } else if sid.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                subjectKeyIdentifier = Array(try ASN1OctetString(derEncoded: sid, withIdentifier: sid.identifier).bytes)
            } else {
                throw ASN1Error.invalidASN1Object(reason: "SignerInfo sid is neither issuerAndSerialNumber nor subjectKeyIdentifier")
            }
            let digestAlgorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            var signedAttributes: [CMSAttribute]?
            var signedAttributesDER: [UInt8]?
            var next = nodes.next()
            if let node = next, node.identifier == Self.signedAttributesTag {
                signedAttributes = try DER.set(of: CMSAttribute.self, identifier: Self.signedAttributesTag, rootNode: node)
                var bytes = Array(node.encodedBytes)
                if !bytes.isEmpty { bytes[0] = 0x31 }
                signedAttributesDER = bytes
                next = nodes.next()
            }
            guard let algorithmNode = next else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without signatureAlgorithm") }
            let signatureAlgorithm = try CMSAlgorithmIdentifier(derEncoded: algorithmNode)
            let signature = try ASN1OctetString(derEncoded: &nodes)
            // Unsigned attributes (a timestamp, say) are not interpreted.
            _ = nodes.next()
            var info = CMSSignerInfo(
                issuer: issuer ?? DistinguishedName(), serialNumber: serialNumber ?? [], digestAlgorithm: digestAlgorithm,
                signedAttributes: signedAttributes ?? [], signatureAlgorithm: signatureAlgorithm, signature: Array(signature.bytes))
            info.version = version
            info.issuer = issuer
            info.serialNumber = serialNumber
            info.subjectKeyIdentifier = subjectKeyIdentifier
            info.signedAttributes = signedAttributes
            info.signedAttributesDER = signedAttributesDER
            return info
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            if let issuer, let serialNumber {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(issuer)
                    try coder.serialize(serialNumber[...])
                }
            } else if let subjectKeyIdentifier {
                try ASN1OctetString(contentBytes: subjectKeyIdentifier[...]).serialize(
                    into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
            }
            try coder.serialize(digestAlgorithm)
            if let signedAttributes {
                try coder.serializeSetOf(signedAttributes, identifier: Self.signedAttributesTag)
            }
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
        }
    }

    /// The value of the first attribute of `type` among the signed attributes.
    func signedAttribute(_ type: ASN1ObjectIdentifier) -> [ASN1Any]? {
        signedAttributes?.first { $0.type == type }?.values
    }
}
