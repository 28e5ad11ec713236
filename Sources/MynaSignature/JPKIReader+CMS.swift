import Foundation
import MynaCard

extension JPKIReader {
    /// Signs `content` as a CAdES-BES CMS SignedData with a JPKI key.
    ///
    /// The key's certificate and its CA certificate are read first (the signature certificate needs the
    /// password, so that is one verification), the signed attributes are built for them, and the card signs
    /// the DER of the signed attributes through ``JPKIReader/sign(message:algorithm:key:passcode:certificate:options:)``
    /// (a second transaction, which verifies the credential again and logs out). The result is then verified
    /// as a whole — signature, message digest, ESS certificate hash — before it is returned.
    ///
    /// - Parameters:
    ///   - content: the data to sign.
    ///   - detached: `true` (the default) leaves the content out; `false` carries it inside.
    ///   - algorithm: SHA-256 (default), SHA-384 or SHA-512.
    ///   - key: ``JPKIKey/signature`` (the default) or ``JPKIKey/userAuthentication`` (labelled in the result).
    ///   - passcode: the key's credential.
    ///   - signingTime: the time written in the signed attributes; now by default.
    ///   - options: whether the last try may be spent.
    /// - Throws: the card's errors (``MyNumberCardError``), or ``SignatureError`` when the result does not
    ///   verify.
    public func signCMS(
        _ content: [UInt8], detached: Bool = true, algorithm: DigestAlgorithm = .sha256, key: JPKIKey = .signature,
        passcode: Passcode, signingTime: Date = Date(), options: VerificationOptions = .default
    ) async throws -> SignedCMS {
        let digest = algorithm.hash(content)
        return try await signCMS(
            contentDigest: digest, attaching: detached ? nil : content, algorithm: algorithm, key: key, passcode: passcode,
            signingTime: signingTime, includingSigningTime: true, options: options)
    }

    /// Signs content known by its digest (a detached CMS; how a PDF's byte ranges are signed).
    ///
    /// As ``signCMS(_:detached:algorithm:key:passcode:signingTime:options:)``.
    public func signCMS(
        contentDigest: [UInt8], algorithm: DigestAlgorithm = .sha256, key: JPKIKey = .signature, passcode: Passcode,
        signingTime: Date = Date(), options: VerificationOptions = .default
    ) async throws -> SignedCMS {
        try await signCMS(
            contentDigest: contentDigest, attaching: nil, algorithm: algorithm, key: key, passcode: passcode,
            signingTime: signingTime, includingSigningTime: true, options: options)
    }

    /// The one implementation; `includingSigningTime` is false for PAdES.
    func signCMS(
        contentDigest: [UInt8], attaching content: [UInt8]?, algorithm: DigestAlgorithm, key: JPKIKey,
        passcode: Passcode, signingTime: Date, includingSigningTime: Bool, options: VerificationOptions
    ) async throws -> SignedCMS {
        guard contentDigest.count == algorithm.digestLength else {
            throw SignatureError(.invalidArgument, "a \(algorithm) digest is \(algorithm.digestLength) bytes")
        }
        guard passcode.credential == key.credential else {
            throw SignatureError(.invalidArgument, "the \(key.name) is unlocked by the \(key.credential), not the \(passcode.credential)")
        }
        let certificate: CardCertificate
        let caCertificate: CardCertificate
        if key == .signature {
            certificate = try await signatureCertificate(password: passcode, options: options)
            caCertificate = try await signatureCACertificate()
        } else {
            certificate = try await authenticationCertificate()
            caCertificate = try await authenticationCACertificate()
        }
        let builder = CMSSignatureBuilder(
            signer: certificate, additionalCertificates: [caCertificate], algorithm: algorithm, signingTime: signingTime,
            includesSigningTime: includingSigningTime)
        let attributes = try builder.signedAttributes(contentDigest: contentDigest)
        let signature = try await sign(
            message: attributes, algorithm: algorithm, key: key, passcode: passcode, certificate: certificate,
            options: options)
        let der = try builder.signedData(contentDigest: contentDigest, signature: signature.signature, content: content)
        // The whole structure is checked as a receiver would, before anyone sees it.
        _ = try CMSSignatureVerifier.verifyStructure(der, contentDigest: contentDigest, detachedContent: nil)
        return SignedCMS(
            derEncoded: der, isDetached: content == nil, algorithm: algorithm, key: key, signerCertificate: certificate,
            caCertificate: caCertificate, signingTime: builder.signingTime)
    }
}
