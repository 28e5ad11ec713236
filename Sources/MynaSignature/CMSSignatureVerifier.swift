import Crypto
import Foundation
import MynaCard
import SwiftASN1
import X509

/// The structural half of CMS verification — everything but the certificate chain: the signer found among
/// the certificates, the signed attributes (content type, message digest, ESS signing-certificate-v2,
/// signing time), and the signature value over their DER.
enum CMSSignatureVerifier {
    /// What the structure says about one signer, after its signature verified.
    struct Signer {
        var certificate: CardCertificate
        var otherCertificates: [CardCertificate]
        var algorithm: DigestAlgorithm
        var signingTime: Date?
        var isCAdES: Bool
        var checks: [SignatureCheck]
    }

    /// The largest CMS accepted (a JPKI CMS is about 4 KB; a generous bound for foreign ones).
    static let maximumSize = 1 << 20

    /// Parses the ContentInfo.
    static func parse(_ der: [UInt8]) throws(SignatureError) -> CMSSignedData {
        guard der.count <= maximumSize else { throw SignatureError(.malformedCMS, "the CMS is over \(maximumSize) bytes") }
        do {
            return try CMSSignedData(derEncoded: der[...])
        } catch {
            throw SignatureError(.malformedCMS, "not a DER CMS SignedData: \(error)")
        }
    }

    /// Verifies every signer of `der` over content given by its digest (`contentDigest`), or by the bytes
    /// (`detachedContent`), or attached.
    static func verifyStructure(
        _ der: [UInt8], contentDigest: [UInt8]? = nil, detachedContent: [UInt8]?
    ) throws(SignatureError) -> [Signer] {
        let signedData = try parse(der)
        let content: [UInt8]?
        switch (signedData.content, detachedContent) {
        case (let attached?, let detached?):
            guard attached == detached else {
                throw SignatureError(.contentMismatch, "the attached content differs from the content given")
            }
            content = attached
        case (let attached?, nil): content = attached
        case (nil, let detached?): content = detached
        case (nil, nil):
            guard contentDigest != nil else {
                throw SignatureError(.invalidArgument, "the CMS is detached: give the signed content")
            }
            content = nil
        }
        guard !signedData.signerInfos.isEmpty else { throw SignatureError(.noSignature, "the CMS has no signer") }
        var certificates: [CardCertificate] = []
        for certificate in signedData.certificates {
            do {
                var serializer = DER.Serializer()
                try serializer.serialize(certificate)
                certificates.append(try CardCertificate(derEncoded: serializer.serializedBytes))
            } catch {
                throw SignatureError(.malformedCMS, "a certificate in the CMS is not a usable RSA certificate")
            }
        }
        return try signedData.signerInfos.map { info throws(SignatureError) in
            try verify(info, signedData: signedData, certificates: certificates, content: content, contentDigest: contentDigest)
        }
    }

    private static func verify(
        _ info: CMSSignerInfo, signedData: CMSSignedData, certificates: [CardCertificate], content: [UInt8]?,
        contentDigest: [UInt8]?
    ) throws(SignatureError) -> Signer {
        guard let signer = certificates.first(where: { certificate in
            if let issuer = info.issuer, let serial = info.serialNumber {
                return certificate.issuer == issuer && Array(certificate.serialNumber.bytes) == serial
            }
            if let keyIdentifier = info.subjectKeyIdentifier, let ski = try? certificate.certificate.extensions.subjectKeyIdentifier {
                return Array(ski.keyIdentifier) == keyIdentifier
            }
            return false
        }) else {
            throw SignatureError(.malformedCMS, "the signer's certificate is not in the CMS")
        }
        guard let algorithm = info.digestAlgorithm.digestAlgorithm else {
            throw SignatureError(.malformedCMS, "the digest algorithm \(info.digestAlgorithm.algorithm) is not SHA-256/384/512")
        }
        guard info.signatureAlgorithm.isRSAPKCS1,
            info.signatureAlgorithm.digestAlgorithm == nil || info.signatureAlgorithm.digestAlgorithm == algorithm
        else {
            throw SignatureError(.malformedCMS, "the signature algorithm is not RSA PKCS#1 v1.5 with the digest algorithm")
        }
        guard signedData.digestAlgorithms.contains(where: { $0.digestAlgorithm == algorithm }) else {
            throw SignatureError(.malformedCMS, "the signer's digest algorithm is missing from SignedData.digestAlgorithms")
        }
        let digest: [UInt8]
        if let content {
            digest = algorithm.hash(content)
        } else if let contentDigest, contentDigest.count == algorithm.digestLength {
            digest = contentDigest
        } else {
            throw SignatureError(.invalidArgument, "the content digest is not a \(algorithm) digest")
        }
        var checks: [SignatureCheck] = []
        var signingTime: Date?
        var isCAdES = false
        guard let attributesDER = info.signedAttributesDER else {
            // No signed attributes: the signature is over the content itself (RFC 5652 §5.4).
            guard let content else {
                throw SignatureError(.malformedCMS, "a CMS without signed attributes needs the content itself")
            }
            guard signer.isValidSignature(info.signature, forMessage: content, algorithm: algorithm) else {
                throw SignatureError(.signatureInvalid, "the signature does not verify with the signer's key")
            }
            return Signer(
                certificate: signer, otherCertificates: certificates.filter { $0 != signer }, algorithm: algorithm,
                signingTime: nil, isCAdES: false, checks: [.signatureValue])
        }
        do {
            guard let values = info.signedAttribute(CMSObjectIdentifiers.contentType), values.count == 1,
                try ASN1ObjectIdentifier(asn1Any: values[0]) == signedData.contentType
            else {
                throw SignatureError(.malformedCMS, "the content-type attribute is missing or does not match")
            }
            checks.append(.contentType)
            guard let values = info.signedAttribute(CMSObjectIdentifiers.messageDigest), values.count == 1 else {
                throw SignatureError(.malformedCMS, "the message-digest attribute is missing")
            }
            guard Array(try ASN1OctetString(asn1Any: values[0]).bytes) == digest else {
                throw SignatureError(.contentMismatch, "the message digest does not match the content")
            }
            checks.append(.messageDigest)
            if let values = info.signedAttribute(CMSObjectIdentifiers.signingTime), let value = values.first {
                signingTime = try Self.date(value)
            }
            if let values = info.signedAttribute(CMSObjectIdentifiers.signingCertificateV2), let value = values.first {
                let ess = try ESSSigningCertificateV2(asn1Any: value)
                guard let first = ess.certificates.first else {
                    throw SignatureError(.malformedCMS, "ESS signing-certificate-v2 names no certificate")
                }
                let hashAlgorithm = first.hashAlgorithm?.digestAlgorithm ?? (first.hashAlgorithm == nil ? .sha256 : nil)
                guard let hashAlgorithm, hashAlgorithm.hash(signer.derEncoded) == first.certificateHash else {
                    throw SignatureError(.contentMismatch, "ESS signing-certificate-v2 does not name the signer's certificate")
                }
                if let issuer = first.issuer, let serial = first.serialNumber {
                    guard issuer == signer.issuer, serial == Array(signer.serialNumber.bytes) else {
                        throw SignatureError(.contentMismatch, "ESS signing-certificate-v2 names another issuer or serial")
                    }
                }
                isCAdES = true
                checks.append(.signingCertificate)
            }
        } catch let error as SignatureError {
            throw error
        } catch {
            throw SignatureError(.malformedCMS, "a signed attribute cannot be decoded: \(error)")
        }
        guard signer.isValidSignature(info.signature, forMessage: attributesDER, algorithm: algorithm) else {
            throw SignatureError(.signatureInvalid, "the signature does not verify with the signer's key")
        }
        checks.append(.signatureValue)
        return Signer(
            certificate: signer, otherCertificates: certificates.filter { $0 != signer }, algorithm: algorithm,
            signingTime: signingTime, isCAdES: isCAdES, checks: checks)
    }

    /// A signing-time value: UTCTime or GeneralizedTime.
    static func date(_ value: ASN1Any) throws -> Date {
        if let time = try? UTCTime(asn1Any: value) {
            return try date(time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        }
        let time = try GeneralizedTime(asn1Any: value)
        return try date(time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard
            let date = calendar.date(
                from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        else { throw SignatureError(.malformedCMS, "the signing time is not a date") }
        return date
    }
}
