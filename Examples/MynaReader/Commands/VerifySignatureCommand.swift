import ArgumentParser
import Foundation
import MynaCard
import MynaCodec

/// `myna verify-signature`: checks a signature made by `myna sign` (or any JPKI signature) against a
/// certificate from a file or from the card.
struct VerifySignatureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-signature",
        abstract: "Verify a signature of a file against a certificate (a PEM/DER file, or the card's).",
        discussion: """
            With --certificate no card is needed. Without it the certificate of --key is read from the card \
            (auth is free; sign needs the signature password). Exit status 11 when the signature does not \
            verify.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The signed file.", valueName: "file"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("The raw signature.", valueName: "file"))
    var signature: String

    @Option(name: .long, help: "sha256 (default), sha384 or sha512: the hash the signature was made with.")
    var digest: SigningChoice.Digest = .sha256

    @Option(name: .long, help: ArgumentHelp("The signer's certificate, PEM or DER.", valueName: "file"))
    var certificate: String?

    @Option(name: .long, help: "Without --certificate: whose certificate to read from the card, sign (default) or auth.")
    var key: SigningChoice.Key = .sign

    func run() async throws {
        let (input, signaturePath, digest, certificatePath, key) = (input, signature, digest, certificate, key)
        let runner = Runner(command: "verify-signature", options: global)
        if let certificatePath {
            try await runner.runWithoutCard {
                let certificate = try Self.loadCertificate(certificatePath)
                return try Self.verify(input: input, signature: signaturePath, digest: digest, certificate: certificate, source: certificatePath)
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
            return try Self.verify(
                input: input, signature: signaturePath, digest: digest, certificate: certificate,
                source: "the card's \(key == .sign ? "signature" : "user-authentication") certificate")
        }
    }

    static func loadCertificate(_ path: String) throws -> CardCertificate {
        let bytes = try FileOutput.read(path, limit: 1 << 20)
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN") { return try CardCertificate(pemEncoded: text) }
        return try CardCertificate(derEncoded: bytes)
    }

    static func verify(
        input: String, signature: String, digest: SigningChoice.Digest, certificate: CardCertificate, source: String
    ) throws -> VerifySignatureResult {
        let message = try FileOutput.read(input)
        let signatureBytes = try FileOutput.read(signature, limit: 4096)
        guard certificate.isValidSignature(signatureBytes, forMessage: message, algorithm: digest.algorithm) else {
            throw Failure(
                code: "signatureInvalid",
                message: "The signature in \(signature) does not verify for \(input) with \(source) (\(digest.rawValue)).",
                remedy: "Check that the file is unchanged, that the signature belongs to it, that --digest matches the one used to sign, and that the certificate is the signer's.",
                exitStatus: .checkFailed)
        }
        return VerifySignatureResult(
            valid: true, digest: digest, input: input, certificateSource: source,
            certificateSerialNumber: Hex.encode(certificate.serialNumber.bytes),
            certificateSubject: "\(certificate.subject)")
    }
}

/// The result of `myna verify-signature` (a signature that does not verify is a failure, exit 11).
struct VerifySignatureResult: CommandResult {
    var valid: Bool
    var digest: SigningChoice.Digest
    var input: String
    var certificateSource: String
    var certificateSerialNumber: String
    var certificateSubject: String

    var text: String {
        "The signature of \(input) is valid (\(digest.rawValue)), made by the key of \(certificateSource): \(certificateSubject.escapingControlCharacters), serial \(certificateSerialNumber).\n"
    }
}
