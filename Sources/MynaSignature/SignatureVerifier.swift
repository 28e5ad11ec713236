import Foundation
import MynaCard
import X509

/// Verifies CMS signatures, signed PDFs and raw signatures made with JPKI keys, down to trust anchors the
/// caller holds — the J-LIS roots of every generation (see ``/MynaCard/JPKIRootGeneration``).
///
/// Checked: the signature value; the message digest, content type and ESS signing-certificate-v2
/// attributes; the chain to a trust anchor (every signature along it) under the JPKI policy — validity of
/// every certificate at the signing time, KeyUsage (nonRepudiation for the signature key, digitalSignature
/// for the user-authentication key, keyCertSign for issuers) and BasicConstraints; for PDFs, every signature
/// dictionary and its ByteRange. Not checked: revocation.
public struct SignatureVerifier: Sendable {
    /// The chain validator holding the trust anchors.
    public let chainValidator: CertificateChainValidator

    /// Verifies down to these trust anchors.
    public init(chainValidator: CertificateChainValidator) {
        self.chainValidator = chainValidator
    }

    /// Verifies a CMS SignedData (DER); every signer must verify.
    ///
    /// - Parameters:
    ///   - cms: the DER of the ContentInfo.
    ///   - content: the signed content, for a detached signature (for an attached one it must equal what is
    ///     inside, if given).
    ///   - time: when to validate the chain; by default the signing time in the signed attributes, or now.
    /// - Returns: one result per signer.
    /// - Throws: ``SignatureError`` naming the first failure.
    public func verifyCMS(_ cms: [UInt8], content: [UInt8]? = nil, at time: Date? = nil) async throws(SignatureError)
        -> [SignatureVerification]
    {
        let signers = try CMSSignatureVerifier.verifyStructure(cms, detachedContent: content)
        var results: [SignatureVerification] = []
        for signer in signers {
            results.append(try await validate(signer, at: time))
        }
        return results
    }

    /// Verifies a raw RSASSA-PKCS1-v1_5 signature (what `myna sign --format raw` writes) and the chain of
    /// the certificate that made it.
    ///
    /// - Parameter message: the signed data.
    /// - Parameter algorithm: the digest algorithm it was signed with.
    /// - Parameter signature: the signature bytes.
    /// - Parameter certificate: the signer's certificate.
    /// - Parameter intermediates: the CA certificate, if the trust anchors do not hold it.
    /// - Parameter time: when to validate the chain.
    public func verifyRaw(
        signature: [UInt8], message: [UInt8], algorithm: DigestAlgorithm, certificate: CardCertificate,
        intermediates: [CardCertificate] = [], at time: Date = Date()
    ) async throws(SignatureError) -> SignatureVerification {
        guard certificate.isValidSignature(signature, forMessage: message, algorithm: algorithm) else {
            throw SignatureError(.signatureInvalid, "the signature does not verify with the certificate's key")
        }
        let signer = CMSSignatureVerifier.Signer(
            certificate: certificate, otherCertificates: intermediates, algorithm: algorithm, signingTime: nil,
            isCAdES: false, checks: [.signatureValue])
        return try await validate(signer, at: time)
    }

    /// Validates the signer's chain for the use its KeyUsage names.
    func validate(_ signer: CMSSignatureVerifier.Signer, at time: Date?, signingTime: Date? = nil) async throws(SignatureError)
        -> SignatureVerification
    {
        let key: JPKIKey
        if signer.certificate.keyUsage?.nonRepudiation == true {
            key = .signature
        } else if signer.certificate.keyUsage?.digitalSignature == true {
            key = .userAuthentication
        } else {
            throw SignatureError(
                .certificateInvalid, "the signer's KeyUsage allows neither nonRepudiation nor digitalSignature")
        }
        let claimed = signingTime ?? signer.signingTime
        let validationTime = time ?? claimed ?? Date()
        let chain: [Certificate]
        do {
            chain = try await chainValidator.validate(
                signer.certificate, for: key.usage, intermediates: signer.otherCertificates, at: validationTime)
        } catch {
            throw SignatureError(.certificateInvalid, "the signer's certificate: \(error.reason)")
        }
        return SignatureVerification(
            signerCertificate: signer.certificate, key: key, algorithm: signer.algorithm, signingTime: claimed,
            validationTime: validationTime, chain: chain, rootGeneration: chain.last.flatMap(JPKIRootGeneration.of),
            isCAdES: signer.isCAdES,
            checks: signer.checks + [.certificateChain, .validityAtSigningTime, .keyUsage, .basicConstraints])
    }
}
