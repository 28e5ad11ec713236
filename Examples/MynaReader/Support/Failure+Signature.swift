import MynaSignature

extension Failure {
    /// The failure for a signature that could not be made or does not verify.
    static func signature(_ error: SignatureError) -> Failure {
        let reason = sentence(error.reason)
        switch error.code {
        case .malformedPDF, .unsupportedPDF:
            return Failure(
                code: "pdfUnusable", message: "The PDF cannot be signed or verified safely: \(reason)",
                remedy: "Nothing was written. Repair or decrypt the PDF (e.g. `qpdf --decrypt in.pdf out.pdf`) and try again.",
                exitStatus: .usage, libraryError: "SignatureError.\(error.code)")
        case .malformedCMS:
            return Failure(
                code: "cmsMalformed", message: "The CMS signature cannot be read: \(reason)",
                remedy: "Give the DER or PEM CMS file (.p7s) the signer made.", exitStatus: .usage,
                libraryError: "SignatureError.\(error.code)")
        case .invalidArgument:
            return Failure(
                code: "usage", message: reason, remedy: "Run `myna help sign` / `myna help verify-signature`.",
                exitStatus: .usage, libraryError: "SignatureError.\(error.code)")
        case .certificateInvalid:
            return Failure(
                code: "signerCertificateInvalid", message: "The signer's certificate is not trusted: \(reason)",
                remedy: "Check that the trust-anchor folder holds the J-LIS roots of every generation (https://www.jpki.go.jp/ca/) and that the certificate was valid at the signing time.",
                exitStatus: .certificateProblem, libraryError: "SignatureError.\(error.code)")
        default:
            return Failure(
                code: "signatureInvalid", message: "The signature does not verify: \(reason)",
                remedy: "The file was changed after signing, or the signature belongs to another file.",
                exitStatus: .checkFailed, libraryError: "SignatureError.\(error.code)")
        }
    }
}
