import ArgumentParser
import Foundation
import MynaCard
import MynaCodec
import MynaKit
import MynaSignature
import SwiftASN1

/// `myna verify-signature`: checks a raw signature made by `myna sign` (or any JPKI signature) against a
/// certificate from a file or from the card; or a CMS signature or a signed PDF against trust anchors.
struct VerifySignatureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-signature",
        abstract: "Verify a raw signature, a CMS signature (.p7s) or a signed PDF.",
        discussion: """
            raw (default): --input and --signature, with --certificate (no card needed) or the certificate of \
            --key read from the card (auth is free; sign needs the signature password). cms: --signature the \
            CMS (DER or PEM), --input the content when the CMS is detached. pdf: --input the PDF; every \
            signature in it is verified and the newest must cover the whole file. cms and pdf need the trust \
            anchors: --trust-anchors DIR or MYNA_TRUST_ANCHORS, a folder of the J-LIS roots of every \
            generation (https://www.jpki.go.jp/ca/); the chain is checked at the signing time, with KeyUsage \
            and BasicConstraints; revocation is not checked. Exit status 11 when a signature does not \
            verify, 6 when the signer's certificate is not trusted.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "raw (default), cms or pdf.")
    var format: SigningChoice.Format = .raw

    @Option(name: .long, help: ArgumentHelp("The signed file (the PDF, or a detached CMS's content).", valueName: "file"))
    var input: String?

    @Option(name: .long, help: ArgumentHelp("The raw signature or the CMS (DER or PEM).", valueName: "file"))
    var signature: String?

    @Option(name: .long, help: "raw: sha256 (default), sha384 or sha512: the hash the signature was made with.")
    var digest: SigningChoice.Digest = .sha256

    @Option(name: .long, help: ArgumentHelp("raw: the signer's certificate, PEM or DER.", valueName: "file"))
    var certificate: String?

    @Option(name: .long, help: "raw without --certificate: whose certificate to read from the card, sign (default) or auth.")
    var key: SigningChoice.Key = .sign

    @Option(
        name: .long,
        help: ArgumentHelp("A folder of trust anchors (J-LIS roots, PEM or DER); default $MYNA_TRUST_ANCHORS.", valueName: "dir"))
    var trustAnchors: String?

    func validate() throws {
        switch format {
        case .raw:
            if input == nil || signature == nil { throw ValidationError("--format raw needs --input and --signature.") }
        case .cms:
            if signature == nil { throw ValidationError("--format cms needs --signature (the CMS file).") }
        case .pdf:
            if input == nil { throw ValidationError("--format pdf needs --input (the PDF).") }
            if signature != nil { throw ValidationError("--format pdf takes the signatures from the PDF: drop --signature.") }
        }
    }

    func run() async throws {
        let (format, input, signaturePath, digest, certificatePath, key) = (format, input, signature, digest, certificate, key)
        let anchorFolder = TrustAnchorFolder.path(trustAnchors)
        let language = global.messageLanguage
        let runner = Runner(command: "verify-signature", options: global)
        if format != .raw {
            try await runner.runWithoutCard {
                guard let anchorFolder else {
                    throw Failure.usage(
                        Phrase("usage.needsTrustAnchors", format.rawValue),
                        remedy: Phrase("usage.needsTrustAnchors.remedy", "\(JPKIRootGeneration.publicationURL)"))
                }
                let verifier = SignatureVerifier(chainValidator: try TrustAnchorFolder.validator(anchorFolder))
                if format == .cms, let signaturePath {
                    let cms = try Self.loadCMS(signaturePath)
                    let content = try input.map { try FileOutput.read($0) }
                    let results = try await verifier.verifyCMS(cms, content: content)
                    return VerifySignatureResult(
                        format: format, input: input ?? signaturePath, verifications: results.map { ($0, nil) }, language: language)
                }
                let pdfPath = input ?? ""
                let result = try await verifier.verifyPDF(try FileOutput.read(pdfPath, limit: 512 << 20))
                return VerifySignatureResult(
                    format: format, input: pdfPath, verifications: result.signatures.map { ($0.verification, $0) },
                    language: language)
            }
            return
        }
        let rawInput = input ?? ""
        let rawSignature = signaturePath ?? ""
        if let certificatePath {
            try await runner.runWithoutCard {
                let certificate = try Self.loadCertificate(certificatePath)
                return try await Self.verify(
                    input: rawInput, signature: rawSignature, digest: digest, certificate: certificate,
                    origin: .file(certificatePath), trustAnchors: anchorFolder, language: language)
            }
            return
        }
        try await runner.run { context in
            let certificate: CardCertificate
            if key == .auth {
                certificate = try await CertificateCommand.read(.auth, context)
            } else {
                certificate = try await CertificateCommand.read(.sign, context)
            }
            return try await Self.verify(
                input: rawInput, signature: rawSignature, digest: digest, certificate: certificate,
                origin: key == .sign ? .cardSignature : .cardAuthentication, trustAnchors: anchorFolder, language: language)
        }
    }

    /// A CMS file, DER or PEM (`CMS` or `PKCS7`).
    static func loadCMS(_ path: String) throws -> [UInt8] {
        let bytes = try FileOutput.read(path, limit: 1 << 20)
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("-----BEGIN") else { return bytes }
        guard let document = try? PEMDocument(pemString: text), ["CMS", "PKCS7"].contains(document.discriminator) else {
            throw Failure.usage(Phrase("usage.pemNotCMS", path))
        }
        return document.derBytes
    }

    static func loadCertificate(_ path: String) throws -> CardCertificate {
        let bytes = try FileOutput.read(path, limit: 1 << 20)
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN") { return try CardCertificate(pemEncoded: text) }
        return try CardCertificate(derEncoded: bytes)
    }

    static func verify(
        input: String, signature: String, digest: SigningChoice.Digest, certificate: CardCertificate,
        origin: VerifySignatureResult.CertificateOrigin, trustAnchors: String?, language: MessageLanguage
    ) async throws -> VerifySignatureResult {
        let message = try FileOutput.read(input)
        let signatureBytes = try FileOutput.read(signature, limit: 4096)
        guard certificate.isValidSignature(signatureBytes, forMessage: message, algorithm: digest.algorithm) else {
            let words =
                switch origin {
                case .file(let path): Words.text("verify.raw.invalid.file", language, signature, input, path, digest.rawValue)
                case .cardSignature: Words.text("verify.raw.invalid.cardSign", language, signature, input, digest.rawValue)
                case .cardAuthentication: Words.text("verify.raw.invalid.cardAuth", language, signature, input, digest.rawValue)
                }
            var failure = Failure(
                code: "signatureInvalid", message: words, remedy: Words.text("verify.raw.invalid.remedy", language),
                exitStatus: .checkFailed)
            failure.language = language
            throw failure
        }
        // With trust anchors, the certificate's chain too (at the verification time: a raw signature carries none).
        var chain: SignatureVerification?
        if let trustAnchors {
            chain = try await SignatureVerifier(chainValidator: try TrustAnchorFolder.validator(trustAnchors)).verifyRaw(
                signature: signatureBytes, message: message, algorithm: digest.algorithm, certificate: certificate)
        }
        return VerifySignatureResult(
            valid: true, format: .raw, digest: digest, input: input, certificateOrigin: origin, chain: chain,
            certificateSerialNumber: Hex.encode(certificate.serialNumber.bytes),
            certificateSubject: "\(certificate.subject)", language: language)
    }
}

/// The result of `myna verify-signature` (a signature that does not verify is a failure, exit 11).
struct VerifySignatureResult: CommandResult {
    /// One verified signature of a CMS or PDF.
    struct Signer: Encodable, Sendable {
        var fieldName: String?
        var coversWholeFile: Bool?
        var key: SigningChoice.Key
        var keyLabel: String
        var digest: SigningChoice.Digest
        var signingTime: String?
        var certificateSerialNumber: String
        var certificateSubject: String
        var cades: Bool
        var rootGeneration: Int?
        var chainLength: Int
        var checks: [String]
    }

    var valid: Bool
    var format: SigningChoice.Format
    var digest: SigningChoice.Digest?
    var input: String
    var certificateSource: String?
    var certificateSerialNumber: String?
    var certificateSubject: String?
    var signers: [Signer]?
    var revocationChecked: Bool
    /// Where a raw signature's certificate came from (never in JSON: `certificateSource` says it in words).
    var certificateOrigin: CertificateOrigin?
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    /// Where the certificate that checked a raw signature came from.
    enum CertificateOrigin: Sendable {
        /// `--certificate`: this file.
        case file(String)
        /// The card's signature certificate.
        case cardSignature
        /// The card's user-authentication certificate.
        case cardAuthentication

        /// The JSON's `certificateSource`: the path, or the card's certificate in English words.
        var source: String {
            switch self {
            case .file(let path): path
            case .cardSignature: "the card's signature certificate"
            case .cardAuthentication: "the card's user-authentication certificate"
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case valid, format, digest, input, certificateSource, certificateSerialNumber, certificateSubject, signers,
            revocationChecked
    }

    init(
        valid: Bool, format: SigningChoice.Format, digest: SigningChoice.Digest, input: String,
        certificateOrigin: CertificateOrigin, chain: SignatureVerification?, certificateSerialNumber: String,
        certificateSubject: String, language: MessageLanguage
    ) {
        self.valid = valid
        self.format = format
        self.digest = digest
        self.input = input
        self.certificateOrigin = certificateOrigin
        certificateSource = certificateOrigin.source
        self.certificateSerialNumber = certificateSerialNumber
        self.certificateSubject = certificateSubject
        signers = chain.map { [Self.signer($0, nil)] }
        revocationChecked = false
        self.language = language
    }

    init(
        format: SigningChoice.Format, input: String, verifications: [(SignatureVerification, PDFSignatureVerification.Signature?)],
        language: MessageLanguage
    ) {
        valid = true
        self.format = format
        self.input = input
        signers = verifications.map { Self.signer($0.0, $0.1) }
        revocationChecked = false
        self.language = language
    }

    static func signer(_ verification: SignatureVerification, _ pdf: PDFSignatureVerification.Signature?) -> Signer {
        let key: SigningChoice.Key = verification.key == .signature ? .sign : .auth
        let digest: SigningChoice.Digest =
            switch verification.algorithm {
            case .sha384: .sha384
            case .sha512: .sha512
            default: .sha256
            }
        return Signer(
            fieldName: pdf?.fieldName, coversWholeFile: pdf?.coversWholeFile, key: key, keyLabel: SignResult.label(key),
            digest: digest, signingTime: verification.signingTime.map { ISO8601DateFormatter().string(from: $0) },
            certificateSerialNumber: Hex.encode(verification.signerCertificate.serialNumber.bytes),
            certificateSubject: "\(verification.signerCertificate.subject)", cades: verification.isCAdES,
            rootGeneration: verification.rootGeneration?.year, chainLength: verification.chain.count,
            checks: verification.checks.map(\.name))
    }

    var text: String {
        if format == .raw, let certificateOrigin {
            let (digest, subject, serial) =
                (digest?.rawValue ?? "", (certificateSubject ?? "").escapingControlCharacters, certificateSerialNumber ?? "")
            var text =
                switch certificateOrigin {
                case .file(let path): Words.text("verify.raw.valid.file", language, input, digest, path, subject, serial)
                case .cardSignature: Words.text("verify.raw.valid.cardSign", language, input, digest, subject, serial)
                case .cardAuthentication: Words.text("verify.raw.valid.cardAuth", language, input, digest, subject, serial)
                }
            text += "\n"
            if signers != nil { text += Words.text("verify.raw.chain", language) + "\n" }
            return text
        }
        var lines = [Words.text("verify.signatures", language, input, signers?.count ?? 0)]
        for signer in signers ?? [] { lines.append(line(signer)) }
        let separator = language == .japanese ? "、" : ", "
        lines.append(Words.text("verify.checked", language, (signers?.first?.checks ?? []).joined(separator: separator)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One signer as one sentence of the table; the optional parts are phrases of their own, empty when absent.
    private func line(_ signer: Signer) -> String {
        let key = Words.text(signer.key == .sign ? "verify.key.sign" : "verify.key.auth", language)
        let signed = signer.signingTime.map { Words.text("verify.signer.signingTime", language, $0) } ?? ""
        let root = signer.rootGeneration.map { Words.text("verify.signer.root", language, String($0)) } ?? ""
        let earlier = signer.coversWholeFile == false ? Words.text("verify.signer.earlierRevision", language) : ""
        let (digest, subject) = (signer.digest.rawValue, signer.certificateSubject.escapingControlCharacters)
        if let fieldName = signer.fieldName {
            return Words.text(
                "verify.signer.field", language, fieldName, key, digest, signed, subject, signer.certificateSerialNumber,
                root, earlier)
        }
        return Words.text("verify.signer", language, key, digest, signed, subject, signer.certificateSerialNumber, root, earlier)
    }
}
