import Foundation
import MynaCard

extension JPKIReader {
    /// Signs a PDF with a JPKI key: an incremental update (the original bytes untouched) holding a signature
    /// field and a detached CAdES-BES CMS over the whole file but the `/Contents` string —
    /// `/SubFilter /adbe.pkcs7.detached` by default, or `/ETSI.CAdES.detached` for PAdES (baseline B-B: the
    /// signing time in /M only, not in the CMS). The signed file is parsed and the new signature verified
    /// before it is returned (earlier signatures are left to ``SignatureVerifier/verifyPDF(_:at:)``).
    ///
    /// The file is prepared before anything is sent to the card, so a PDF that cannot be signed safely
    /// costs no verification.
    ///
    /// - Parameters:
    ///   - pdf: the original file.
    ///   - algorithm: SHA-256 (default), SHA-384 or SHA-512.
    ///   - key: ``/MynaCard/JPKIKey/signature`` (default) or ``/MynaCard/JPKIKey/userAuthentication`` (labelled in the result).
    ///   - passcode: the key's credential.
    ///   - signingTime: the /M of the signature and the CMS signing time; now by default.
    ///   - subFilter: ``PDFSignaturePreparation/SubFilter/adbePKCS7Detached`` (default) or
    ///     ``PDFSignaturePreparation/SubFilter/etsiCAdESDetached`` (PAdES).
    ///   - options: whether the last try may be spent.
    /// - Throws: ``SignatureError`` for a PDF that cannot be signed safely (before the card is used) or a
    ///   result that does not verify; the card's errors.
    public func signPDF(
        _ pdf: [UInt8], algorithm: DigestAlgorithm = .sha256, key: JPKIKey = .signature, passcode: Passcode,
        signingTime: Date = Date(), subFilter: PDFSignaturePreparation.SubFilter = .adbePKCS7Detached,
        options: VerificationOptions = .default
    ) async throws -> SignedPDF {
        // Certificates are about 1.5 KB each; 8 KiB more leaves room for the attributes and the signature.
        let preparation = try PDFSignaturePreparation(
            pdf: pdf, algorithm: algorithm, signingTime: signingTime, reservedSize: 16384, subFilter: subFilter)
        let cms = try await signCMS(
            contentDigest: preparation.contentDigest, attaching: nil, algorithm: algorithm, key: key, passcode: passcode,
            signingTime: signingTime, includingSigningTime: subFilter != .etsiCAdESDetached, options: options)
        let signed = try preparation.complete(cms: cms.derEncoded)
        // Read back as a receiver would: the new signature, found through the form, covering the file.
        // (Earlier signatures are the verifier's business: an invalid one does not stop a new signature.)
        let found = try PDFSignatureVerifier.verifyStructure(signed, only: preparation.signatureObjectNumber)
        guard found.count == 1, found.last?.coversWholeFile == true else {
            throw SignatureError(.contentMismatch, "the signed PDF's newest signature does not cover the file")
        }
        return SignedPDF(bytes: signed, cms: cms, originalLength: pdf.count)
    }
}

/// A PDF signed with a JPKI key, verified before it was returned.
public struct SignedPDF: Sendable {
    /// The signed file: the original bytes followed by the incremental update.
    public let bytes: [UInt8]
    /// The CMS inside it.
    public let cms: SignedCMS
    /// The size of the original file.
    public let originalLength: Int
}
