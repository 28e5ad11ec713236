import Foundation
import MynaCard

extension JPKIReader {
    /// Signs `content` as a CAdES-BES CMS SignedData with a JPKI key.
    ///
    /// The CA certificate (free) is read first; then, in one signing session with exactly one VERIFY
    /// (``/MynaCard/JPKIReader/sign(algorithm:key:passcode:options:messageFor:)``), the key's certificate is
    /// read (the signature certificate needs the password), the signed attributes are built for it, the card
    /// signs their DER, and the card is logged out. The result is then verified as a whole — signature,
    /// message digest, ESS certificate hash — before it is returned.
    ///
    /// - Parameters:
    ///   - content: the data to sign.
    ///   - detached: `true` (the default) leaves the content out; `false` carries it inside.
    ///   - algorithm: SHA-256 (default), SHA-384 or SHA-512.
    ///   - key: ``/MynaCard/JPKIKey/signature`` (the default) or ``/MynaCard/JPKIKey/userAuthentication`` (labelled in the result).
    ///   - passcode: the key's credential.
    ///   - signingTime: the time written in the signed attributes; now by default.
    ///   - options: whether the last try may be spent.
    /// - Throws: the card's errors (``/MynaCard/MyNumberCardError``), or ``SignatureError`` when the result does not
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
        // The CA certificate is free: read first, no VERIFY. The signer's certificate is read after the one
        // VERIFY of the signing session (the signature certificate needs the password), and the signed
        // attributes — which name it (ESS signing-certificate-v2) — are made from it inside that session.
        let caCertificate = key == .signature ? try await signatureCACertificate() : try await authenticationCACertificate()
        var prepared: CMSSignatureBuilder?
        let signature = try await sign(algorithm: algorithm, key: key, passcode: passcode, options: options) { certificate in
            let builder = CMSSignatureBuilder(
                signer: certificate, additionalCertificates: [caCertificate], algorithm: algorithm,
                signingTime: signingTime, includesSigningTime: includingSigningTime)
            prepared = builder
            return try builder.signedAttributes(contentDigest: contentDigest)
        }
        guard let builder = prepared else {
            throw SignatureError(.invalidArgument, "the signing session ended without signed attributes")
        }
        let certificate = signature.certificate
        let der = try builder.signedData(contentDigest: contentDigest, signature: signature.signature, content: content)
        // The whole structure is checked as a receiver would, before anyone sees it.
        _ = try CMSSignatureVerifier.verifyStructure(der, contentDigest: contentDigest, detachedContent: nil)
        return SignedCMS(
            derEncoded: der, isDetached: content == nil, algorithm: algorithm, key: key, signerCertificate: certificate,
            caCertificate: caCertificate, signingTime: builder.signingTime)
    }
}
