import SwiftASN1
import X509

/// SigningCertificateV2 (RFC 5035): binds the signature to the signer's certificate by its hash, which is
/// what makes a CMS signature CAdES-BES (ETSI EN 319 122-1).
///
/// ```
/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///                            certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
/// ```
struct ESSSigningCertificateV2: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    /// One ESSCertIDv2; only the first names the signer's certificate.
    struct CertID: Hashable, Sendable {
        var hashAlgorithm: CMSAlgorithmIdentifier?
        var certificateHash: [UInt8]
        var issuer: DistinguishedName?
        var serialNumber: [UInt8]?
    }

    var certificates: [CertID]

    init(certificates: [CertID]) {
        self.certificates = certificates
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            guard let list = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SigningCertificateV2 without certs") }
            let certificates = try DER.sequence(list, identifier: .sequence) { items in
                var certificates: [CertID] = []
                while let item = items.next() { certificates.append(try Self.certID(item)) }
                return certificates
            }
            // policies, if any, are not used.
            _ = nodes.next()
            return ESSSigningCertificateV2(certificates: certificates)
        }
    }

    private static func certID(_ node: ASN1Node) throws -> CertID {
        try DER.sequence(node, identifier: .sequence) { fields in
            var hashAlgorithm: CMSAlgorithmIdentifier?
            var next = fields.next()
            if let first = next, first.identifier == .sequence {
                hashAlgorithm = try CMSAlgorithmIdentifier(derEncoded: first)
                next = fields.next()
            }
            guard let hashNode = next else { throw ASN1Error.invalidASN1Object(reason: "ESSCertIDv2 without certHash") }
            let hash = try ASN1OctetString(derEncoded: hashNode)
            var issuer: DistinguishedName?
            var serial: [UInt8]?
            if let issuerSerial = fields.next() {
                (issuer, serial) = try DER.sequence(issuerSerial, identifier: .sequence) { parts in
                    let names = try DER.sequence(of: GeneralName.self, identifier: .sequence, nodes: &parts)
                    let serial = try ArraySlice<UInt8>(derEncoded: &parts)
                    var directory: DistinguishedName?
                    for case .directoryName(let name) in names { directory = name }
                    return (directory, Array(serial))
                }
            }
            return CertID(hashAlgorithm: hashAlgorithm, certificateHash: Array(hash.bytes), issuer: issuer, serialNumber: serial)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for certificate in certificates {
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        if let hashAlgorithm = certificate.hashAlgorithm { try coder.serialize(hashAlgorithm) }
                        try coder.serialize(ASN1OctetString(contentBytes: certificate.certificateHash[...]))
                        if let issuer = certificate.issuer, let serialNumber = certificate.serialNumber {
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.appendConstructedNode(identifier: .sequence) { coder in
                                    try coder.serialize(GeneralName.directoryName(issuer))
                                }
                                try coder.serialize(serialNumber[...])
                            }
                        }
                    }
                }
            }
        }
    }
}
