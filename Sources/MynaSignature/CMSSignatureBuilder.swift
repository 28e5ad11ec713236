import Crypto
import Foundation
import MynaCard
import SwiftASN1
import X509

/// Builds a CAdES-BES CMS SignedData (RFC 5652, ETSI EN 319 122-1) around a signature made elsewhere — by
/// the card.
///
/// The signed attributes are content type (id-data), message digest, signing time and ESS
/// signing-certificate-v2 (the SHA-256 hash of the signer's certificate, with its issuer and serial). The
/// signer signs ``signedAttributes(contentDigest:)`` — the DER of the SET OF attributes — and
/// ``signedData(contentDigest:signature:content:)`` wraps the signature with the signer's and the CA
/// certificates.
///
/// swift-certificates' CMS model is internal (its public, SPI-only entry points sign with a private key in
/// memory and cannot add signed attributes other than the signing time), so the structures are written here
/// with swift-asn1's DER serializer, one type per structure.
public struct CMSSignatureBuilder: Sendable {
    /// The signer's certificate.
    public let signer: CardCertificate
    /// Certificates included beside the signer's (the issuing CA).
    public let additionalCertificates: [CardCertificate]
    /// The hash algorithm of the content digest and of the signature.
    public let algorithm: DigestAlgorithm
    /// The signing time written in the signed attributes (whole seconds, UTC).
    public let signingTime: Date
    /// Whether the signing-time attribute is written: not for PAdES (ETSI EN 319 142-1 puts the time in the
    /// PDF's /M instead).
    public let includesSigningTime: Bool

    /// Creates a builder.
    public init(
        signer: CardCertificate, additionalCertificates: [CardCertificate], algorithm: DigestAlgorithm, signingTime: Date,
        includesSigningTime: Bool = true
    ) {
        self.signer = signer
        self.additionalCertificates = additionalCertificates
        self.algorithm = algorithm
        self.signingTime = Date(timeIntervalSince1970: signingTime.timeIntervalSince1970.rounded(.down))
        self.includesSigningTime = includesSigningTime
    }

    /// The DER of the signed attributes for content with this digest: what the signer's key signs.
    ///
    /// - Throws: ``SignatureError/Code/invalidArgument`` when the digest is not the algorithm's length.
    public func signedAttributes(contentDigest: [UInt8]) throws(SignatureError) -> [UInt8] {
        let attributes = try attributes(contentDigest: contentDigest)
        return try Self.encode { coder in try coder.serializeSetOf(attributes) }
    }

    /// The DER of the ContentInfo holding the SignedData.
    ///
    /// - Parameters:
    ///   - contentDigest: the digest the signed attributes were made for.
    ///   - signature: the signer's RSASSA-PKCS1-v1_5 signature over ``signedAttributes(contentDigest:)``.
    ///   - content: the content, to attach it; `nil` for a detached signature.
    public func signedData(contentDigest: [UInt8], signature: [UInt8], content: [UInt8]?) throws(SignatureError) -> [UInt8] {
        let attributes = try attributes(contentDigest: contentDigest)
        let signerInfo = CMSSignerInfo(
            issuer: signer.issuer, serialNumber: Array(signer.serialNumber.bytes),
            digestAlgorithm: .digest(algorithm), signedAttributes: attributes,
            signatureAlgorithm: .rsaSignature(algorithm), signature: signature)
        let signedData = CMSSignedData(
            digestAlgorithms: [.digest(algorithm)], content: content,
            certificates: [signer.certificate] + additionalCertificates.map(\.certificate), signerInfos: [signerInfo])
        return try Self.encode { coder in try coder.serialize(signedData) }
    }

    private func attributes(contentDigest: [UInt8]) throws(SignatureError) -> [CMSAttribute] {
        guard contentDigest.count == algorithm.digestLength else {
            throw SignatureError(
                .invalidArgument, "a \(algorithm) digest is \(algorithm.digestLength) bytes, got \(contentDigest.count)")
        }
        do {
            let essCertID = ESSSigningCertificateV2.CertID(
                hashAlgorithm: nil, certificateHash: Array(SHA256.hash(data: signer.derEncoded)), issuer: signer.issuer,
                serialNumber: Array(signer.serialNumber.bytes))
            var attributes = [
                CMSAttribute(type: CMSObjectIdentifiers.contentType, values: [try ASN1Any(erasing: CMSObjectIdentifiers.data)])
            ]
            if includesSigningTime {
                attributes.append(
                    CMSAttribute(
                        type: CMSObjectIdentifiers.signingTime, values: [try ASN1Any(erasing: try Self.utcTime(signingTime))]))
            }
            return attributes + [
                CMSAttribute(
                    type: CMSObjectIdentifiers.messageDigest,
                    values: [try ASN1Any(erasing: ASN1OctetString(contentBytes: contentDigest[...]))]),
                CMSAttribute(
                    type: CMSObjectIdentifiers.signingCertificateV2,
                    values: [try ASN1Any(erasing: ESSSigningCertificateV2(certificates: [essCertID]))]),
            ]
        } catch {
            throw SignatureError(.invalidArgument, "the signed attributes cannot be encoded: \(error)")
        }
    }

    /// UTCTime for 1950–2049 (RFC 5652 §11.3), GeneralizedTime is not needed before 2050.
    static func utcTime(_ date: Date) throws -> UTCTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return try UTCTime(
            year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hours: parts.hour ?? 0,
            minutes: parts.minute ?? 0, seconds: parts.second ?? 0)
    }

    static func encode(_ body: (inout DER.Serializer) throws -> Void) throws(SignatureError) -> [UInt8] {
        var coder = DER.Serializer()
        do {
            try body(&coder)
        } catch {
            throw SignatureError(.invalidArgument, "the CMS structure cannot be encoded: \(error)")
        }
        return coder.serializedBytes
    }
}
