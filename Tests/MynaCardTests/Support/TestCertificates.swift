import Foundation
import SwiftASN1
import X509

/// X.509 certificates made to order for the chain validator's policy tests — a CA without basic constraints,
/// a leaf that is itself a CA, a leaf signed by the wrong key — which no card (simulated or real) carries.
/// Not card files: the card's own certificates come from the simulator.
struct TestCertificates {
    let keys: TestKeys
    /// When the leaves are valid.
    var validity: (notBefore: Date, notAfter: Date) = (
        Date(timeIntervalSince1970: 1_743_433_200), Date(timeIntervalSince1970: 1_911_653_999)
    )

    init(keys: TestKeys) { self.keys = keys }

    static let authenticationPurpose = "JPKI for user authentication"
    static let signaturePurpose = "JPKI for digital signature"

    static func caName(_ purpose: String) throws -> DistinguishedName {
        try DistinguishedName {
            CountryName("JP")
            OrganizationName("JPKI")
            OrganizationalUnitName(purpose)
            OrganizationalUnitName("Japan Agency for Local Authority Information Systems")
        }
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// A self-signed CA with the JPKI names (by default with CA basic constraints and keyCertSign).
    func caCertificate(purpose: String, key: TestKey? = nil, extensions: Certificate.Extensions? = nil) throws
        -> Certificate
    {
        let name = try Self.caName(purpose)
        let key = key ?? keys.jpkiCA
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(1), publicKey: key.certificatePublicKey,
            notValidBefore: Date(timeIntervalSince1970: 1_577_836_800),
            notValidAfter: Date(timeIntervalSince1970: 2_398_377_600), issuer: name, subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try extensions
                ?? Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                },
            issuerPrivateKey: key.certificatePrivateKey)
    }

    /// A leaf issued by the CA of `purpose` (or signed by `issuerKey` instead).
    func leafCertificate(
        purpose: String, key: TestKey, serial: Int, keyUsage: KeyUsage, issuerKey: TestKey? = nil,
        notBefore: Date? = nil, notAfter: Date? = nil, extraExtensions: Certificate.Extensions? = nil
    ) throws -> Certificate {
        let subject = try DistinguishedName {
            CountryName("JP")
            CommonName("900000000000001")
        }
        var extensions = try Certificate.Extensions { Critical(keyUsage) }
        if let extraExtensions { for item in extraExtensions { try extensions.append(item) } }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(serial), publicKey: key.certificatePublicKey,
            notValidBefore: notBefore ?? validity.notBefore, notValidAfter: notAfter ?? validity.notAfter,
            issuer: try Self.caName(purpose), subject: subject, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: extensions, issuerPrivateKey: (issuerKey ?? keys.jpkiCA).certificatePrivateKey)
    }
}
