import Foundation
import MynaCard

/// The result of verifying a signed PDF: every signature, oldest first.
public struct PDFSignatureVerification: Sendable {
    /// One signature of the file.
    public struct Signature: Sendable {
        /// The signature field's full name.
        public let fieldName: String
        /// The `/ByteRange`: offset and length of the two signed parts.
        public let byteRange: [Int]
        /// Whether it covers the file to its end (true of the newest signature of an unmodified file).
        public let coversWholeFile: Bool
        /// The `/SubFilter`.
        public let subFilter: String
        /// The CMS verification, signer and chain.
        public let verification: SignatureVerification
    }

    /// Every signature, oldest first.
    public let signatures: [Signature]
    /// The checks made on the file as a whole.
    public let checks: [SignatureCheck]

    /// Always `false`: revocation is not checked.
    public var revocationChecked: Bool { false }
}

extension SignatureVerifier {
    /// Verifies every signature of a PDF and that the newest covers the whole file.
    ///
    /// - Parameter pdf: the signed PDF's bytes.
    /// - Parameter time: when to validate chains; by default each signature's signing time (CMS attribute,
    ///   else /M), or now.
    /// - Throws: ``SignatureError``: ``SignatureError/Code/noSignature`` without signatures;
    ///   ``SignatureError/Code/contentMismatch`` when bytes were changed or added after the newest signature
    ///   or a ByteRange leaves out more than its signature; the CMS and chain failures of any signature.
    public func verifyPDF(_ pdf: [UInt8], at time: Date? = nil) async throws(SignatureError) -> PDFSignatureVerification {
        let found = try PDFSignatureVerifier.verifyStructure(pdf)
        guard let newest = found.last, newest.coversWholeFile else {
            throw SignatureError(
                .contentMismatch, "the file was changed after its newest signature (the ByteRange does not reach the end)")
        }
        var signatures: [PDFSignatureVerification.Signature] = []
        for signature in found {
            for signer in signature.signers {
                let verification = try await validate(signer, at: time, signingTime: signer.signingTime ?? signature.modificationTime)
                signatures.append(
                    PDFSignatureVerification.Signature(
                        fieldName: signature.fieldName, byteRange: signature.byteRange,
                        coversWholeFile: signature.coversWholeFile, subFilter: signature.subFilter,
                        verification: verification))
            }
        }
        return PDFSignatureVerification(signatures: signatures, checks: [.byteRange, .everySignature])
    }
}
