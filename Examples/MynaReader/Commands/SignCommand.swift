import ArgumentParser
import Foundation
import MynaCard
import MynaCodec
import MynaKit
import MynaSignature

/// Options shared by `sign` and `verify-signature`.
enum SigningChoice {
    /// Which JPKI key.
    enum Key: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case auth, sign

        var key: JPKIKey { self == .auth ? .userAuthentication : .signature }
    }

    /// What is written: the raw RSA signature, a CMS SignedData, or a signed PDF.
    enum Format: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case raw, cms, pdf
    }

    /// Which hash.
    enum Digest: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case sha256, sha384, sha512

        var algorithm: DigestAlgorithm {
            switch self {
            case .sha256: .sha256
            case .sha384: .sha384
            case .sha512: .sha512
            }
        }
    }
}

/// `myna sign`: signs a file with a JPKI key — a raw signature, a CMS SignedData (CAdES-BES) or a signed PDF.
/// The library verifies what the card made before anything is written.
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file with the signature key (password) or the user-authentication key (PIN): raw, CMS or PDF.",
        discussion: """
            --format raw (default) writes the 256-byte RSA signature; cms writes a CMS SignedData \
            (CAdES-BES, .p7s, with the signer's and the CA certificate; --detached leaves the content out); \
            pdf writes the PDF with a signature added by incremental update (--pades: ETSI.CAdES.detached). \
            The card signs a DigestInfo (RSA PKCS#1 v1.5); the result is verified — signature, and for \
            cms/pdf the chain (every signature of a PDF) to the trust anchors of --trust-anchors / \
            MYNA_TRUST_ANCHORS, or else to the card's own two CA certificates — before the output is written. --key sign needs the signature password (MYNA_SIGN_PASSWORD), \
            --key auth the user-authentication PIN (MYNA_PIN); a signature by the user-authentication key is \
            labelled as such: it shows the card and PIN were used, it is not a signature under the \
            e-signature law (電子署名法).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "sign (signature key, the default) or auth (user-authentication key).")
    var key: SigningChoice.Key = .sign

    @Option(name: .long, help: "sha256 (default), sha384 or sha512.")
    var digest: SigningChoice.Digest = .sha256

    @Option(name: .long, help: "raw (default), cms or pdf.")
    var format: SigningChoice.Format = .raw

    @Flag(name: .long, help: "With --format cms: leave the content out of the CMS (a detached signature).")
    var detached = false

    @Flag(name: .long, help: "With --format pdf: a PAdES signature (/SubFilter /ETSI.CAdES.detached, the time in /M only).")
    var pades = false

    @Option(name: .long, help: ArgumentHelp("The file to sign.", valueName: "file"))
    var input: String

    @Option(
        name: .long,
        help: ArgumentHelp("Write the signature (raw), the CMS (DER) or the signed PDF to this file.", valueName: "file"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Write the signing key's certificate (PEM) to this file, for verify-signature.", valueName: "file"))
    var certificateOutput: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder of trust anchors (the J-LIS roots, PEM or DER) to verify the cms/pdf result against; default $MYNA_TRUST_ANCHORS.",
            valueName: "dir"))
    var trustAnchors: String?

    func validate() throws {
        if format != .raw, output == nil {
            throw ValidationError("--format \(format.rawValue) writes binary: give --output FILE.")
        }
        if detached, format != .cms {
            throw ValidationError("--detached applies to --format cms only.")
        }
        if pades, format != .pdf {
            throw ValidationError("--pades applies to --format pdf only.")
        }
    }

    func run() async throws {
        let (key, digest, format, detached, input, output, certificateOutput) = (
            key, digest, format, detached, input, output, certificateOutput
        )
        let subFilter: PDFSignaturePreparation.SubFilter = pades ? .etsiCAdESDetached : .adbePKCS7Detached
        let anchorFolder = TrustAnchorFolder.path(trustAnchors)
        try await Runner(command: "sign", options: global).run { context in
            let message = try FileOutput.read(input, limit: format == .pdf ? 512 << 20 : 64 << 20)
            let passcode =
                key == .sign
                ? try context.passcode(.signaturePassword, .signaturePassword)
                : try context.passcode(.userAuthenticationPIN, .userAuthenticationPIN)
            let jpki = context.session.card.jpki
            switch format {
            case .raw:
                let signature = try await jpki.sign(
                    message: message, algorithm: digest.algorithm, key: key.key, passcode: passcode,
                    options: context.verificationOptions)
                if let output { try FileOutput.write(signature.signature, to: output) }
                if let certificateOutput {
                    try FileOutput.write(Array(PEM.encode(signature.certificate.derEncoded).utf8), to: certificateOutput)
                }
                return SignResult(
                    key: key, digest: digest, input: input, signature: signature, output: output,
                    certificateOutput: certificateOutput, language: context.options.messageLanguage)
            case .cms, .pdf:
                let signed: (bytes: [UInt8], cms: SignedCMS)
                if format == .cms {
                    let cms = try await jpki.signCMS(
                        message, detached: detached, algorithm: digest.algorithm, key: key.key, passcode: passcode,
                        options: context.verificationOptions)
                    signed = (cms.derEncoded, cms)
                } else {
                    let pdf = try await jpki.signPDF(
                        message, algorithm: digest.algorithm, key: key.key, passcode: passcode, subFilter: subFilter,
                        options: context.verificationOptions)
                    signed = (pdf.bytes, pdf.cms)
                }
                // Verified as a receiver would before the file is written — every signature of a PDF —
                // against the trust anchors, or the card's own two CA certificates when none were given.
                let anchors: CertificateChainValidator
                if let anchorFolder {
                    anchors = try TrustAnchorFolder.validator(anchorFolder)
                } else {
                    anchors = CertificateChainValidator(trustAnchors: [
                        try await jpki.signatureCACertificate(), try await jpki.authenticationCACertificate(),
                    ])
                }
                let verifier = SignatureVerifier(chainValidator: anchors)
                let verification: SignatureVerification
                if format == .cms {
                    guard let first = try await verifier.verifyCMS(signed.bytes, content: detached ? message : nil).first else {
                        throw SignatureError(.noSignature, "the CMS has no signer")
                    }
                    verification = first
                } else {
                    guard let last = try await verifier.verifyPDF(signed.bytes).signatures.last else {
                        throw SignatureError(.noSignature, "the PDF has no signature")
                    }
                    verification = last.verification
                }
                if let output { try FileOutput.write(signed.bytes, to: output) }
                if let certificateOutput {
                    try FileOutput.write(Array(PEM.encode(signed.cms.signerCertificate.derEncoded).utf8), to: certificateOutput)
                }
                return SignResult(
                    format: format, key: key, digest: digest, input: input, cms: signed.cms, verification: verification,
                    trustAnchors: anchorFolder, output: output, certificateOutput: certificateOutput,
                    language: context.options.messageLanguage)
            }
        }
    }
}

/// The trust-anchor folder of `--trust-anchors` or `MYNA_TRUST_ANCHORS`.
enum TrustAnchorFolder {
    /// The environment variable naming the folder.
    static let environmentVariable = "MYNA_TRUST_ANCHORS"

    /// The option's value, else the environment variable's, else nil.
    static func path(_ option: String?) -> String? {
        if let option, !option.isEmpty { return option }
        if let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty { return value }
        return nil
    }

    /// The validator trusting every certificate of the folder.
    static func validator(_ path: String) throws -> CertificateChainValidator {
        do {
            return try CertificateChainValidator(contentsOfDirectory: URL(fileURLWithPath: path, isDirectory: true))
        } catch {
            throw Failure(
                code: "trustAnchorsUnusable", message: "The trust anchors in \(path) cannot be used: \(error.reason).",
                remedy: "Put the J-LIS root certificates of every generation (\(JPKIRootGeneration.publicationURL)), PEM or DER, in that folder.",
                exitStatus: .usage)
        }
    }
}

/// The result of `myna sign`.
struct SignResult: CommandResult {
    var format: SigningChoice.Format
    var key: SigningChoice.Key
    /// `signature key` or `user-authentication key (not a legal signature)`.
    var keyLabel: String
    var digest: SigningChoice.Digest
    var input: String
    /// Raw only: the signature.
    var signatureBase64: String?
    var signatureLength: Int?
    /// Always true: nothing is written unless it verified.
    var verified: Bool
    var certificateSerialNumber: String
    var certificateSubject: String
    var output: String?
    var certificateOutput: String?
    /// CMS only.
    var detached: Bool?
    /// CMS and PDF: the signing time in the signed attributes.
    var signingTime: String?
    /// CMS and PDF: what the chain was checked against: `trustAnchors` (the folder) or `cardCA`.
    var chainCheckedAgainst: String?
    var trustAnchors: String?
    var rootGeneration: Int?
    var checks: [String]?
    var revocationChecked: Bool?
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case format, key, keyLabel, digest, input, signatureBase64, signatureLength, verified, certificateSerialNumber,
            certificateSubject, output, certificateOutput, detached, signingTime, chainCheckedAgainst, trustAnchors,
            rootGeneration, checks, revocationChecked
    }

    init(
        key: SigningChoice.Key, digest: SigningChoice.Digest, input: String, signature: JPKISignature, output: String?,
        certificateOutput: String?, language: MessageLanguage
    ) {
        format = .raw
        self.language = language
        self.key = key
        keyLabel = Self.label(key)
        self.digest = digest
        self.input = input
        signatureBase64 = Data(signature.signature).base64EncodedString()
        signatureLength = signature.signature.count
        verified = true
        certificateSerialNumber = Hex.encode(signature.certificate.serialNumber.bytes)
        certificateSubject = "\(signature.certificate.subject)"
        self.output = output
        self.certificateOutput = certificateOutput
    }

    init(
        format: SigningChoice.Format, key: SigningChoice.Key, digest: SigningChoice.Digest, input: String, cms: SignedCMS,
        verification: SignatureVerification, trustAnchors: String?, output: String?, certificateOutput: String?,
        language: MessageLanguage
    ) {
        self.format = format
        self.language = language
        self.key = key
        keyLabel = Self.label(key)
        self.digest = digest
        self.input = input
        verified = true
        certificateSerialNumber = Hex.encode(cms.signerCertificate.serialNumber.bytes)
        certificateSubject = "\(cms.signerCertificate.subject)"
        self.output = output
        self.certificateOutput = certificateOutput
        detached = format == .cms ? cms.isDetached : nil
        signingTime = ISO8601DateFormatter().string(from: cms.signingTime)
        chainCheckedAgainst = trustAnchors == nil ? "cardCA" : "trustAnchors"
        self.trustAnchors = trustAnchors
        rootGeneration = verification.rootGeneration?.year
        checks = verification.checks.map(\.name)
        revocationChecked = verification.revocationChecked
    }

    static func label(_ key: SigningChoice.Key) -> String {
        key == .sign ? "signature key" : "user-authentication key (not a legal signature)"
    }

    var text: String {
        let auth = key == .auth
        var lines: [String] = []
        switch format {
        case .raw:
            let length = signatureLength ?? 0
            lines.append(
                Words.text(auth ? "sign.signed.auth.raw" : "sign.signed.sign.raw", language, input, digest.rawValue, length))
        case .cms:
            let key =
                detached == true
                ? (auth ? "sign.signed.auth.cmsDetached" : "sign.signed.sign.cmsDetached")
                : (auth ? "sign.signed.auth.cmsAttached" : "sign.signed.sign.cmsAttached")
            lines.append(Words.text(key, language, input, digest.rawValue))
        case .pdf:
            lines.append(Words.text(auth ? "sign.signed.auth.pdf" : "sign.signed.sign.pdf", language, input, digest.rawValue))
        }
        if auth {
            lines.append(Words.text("sign.authNote", language))
        }
        if format == .raw {
            lines.append(Words.text("sign.verifiedRaw", language, certificateSerialNumber))
        } else if chainCheckedAgainst == "trustAnchors" {
            lines.append(Words.text("sign.verifiedTrustAnchors", language, trustAnchors ?? ""))
        } else {
            lines.append(Words.text("sign.verifiedCardCA", language))
        }
        if let output {
            let key =
                switch format {
                case .raw: "sign.signatureWritten"
                case .cms: "sign.cmsWritten"
                case .pdf: "sign.pdfWritten"
                }
            lines.append(Words.text(key, language, output))
        } else if let signatureBase64 {
            lines.append(Words.text("sign.signatureBase64", language, signatureBase64))
        }
        if let certificateOutput { lines.append(Words.text("sign.certificateWritten", language, certificateOutput)) }
        return lines.joined(separator: "\n") + "\n"
    }
}
