import ArgumentParser
import Foundation
import MynaCard
import MynaCodec

/// Options shared by `sign` and `verify-signature`.
enum SigningChoice {
    /// Which JPKI key.
    enum Key: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case auth, sign

        var key: JPKIKey { self == .auth ? .userAuthentication : .signature }
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

/// `myna sign`: signs a file with a JPKI key; the library verifies the signature against the key's
/// certificate before returning it.
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file with the signature key (password) or the user-authentication key (PIN).",
        discussion: """
            The file is hashed here, the card signs the DigestInfo (RSA PKCS#1 v1.5), and the library checks \
            the signature against the key's certificate before it is written. --key sign needs the signature \
            password (MYNA_SIGN_PASSWORD), --key auth the user-authentication PIN (MYNA_PIN).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "sign (signature key, the default) or auth (user-authentication key).")
    var key: SigningChoice.Key = .sign

    @Option(name: .long, help: "sha256 (default), sha384 or sha512.")
    var digest: SigningChoice.Digest = .sha256

    @Option(name: .long, help: ArgumentHelp("The file to sign.", valueName: "file"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("Write the raw signature (256 bytes) to this file.", valueName: "file"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Write the signing key's certificate (PEM) to this file, for verify-signature.", valueName: "file"))
    var certificateOutput: String?

    func run() async throws {
        let (key, digest, input, output, certificateOutput) = (key, digest, input, output, certificateOutput)
        try await Runner(command: "sign", options: global).run { context in
            let message = try FileOutput.read(input)
            let passcode =
                key == .sign
                ? try context.passcode(.signaturePassword, .signaturePassword)
                : try context.passcode(.userAuthenticationPIN, .userAuthenticationPIN)
            let signature = try await context.session.card.jpki.sign(
                message: message, algorithm: digest.algorithm, key: key.key, passcode: passcode,
                options: context.verificationOptions)
            if let output { try FileOutput.write(signature.signature, to: output) }
            if let certificateOutput {
                try FileOutput.write(Array(PEM.encode(signature.certificate.derEncoded).utf8), to: certificateOutput)
            }
            return SignResult(
                key: key, digest: digest, input: input, signature: signature, output: output,
                certificateOutput: certificateOutput)
        }
    }
}

/// The result of `myna sign`.
struct SignResult: CommandResult {
    var key: SigningChoice.Key
    var digest: SigningChoice.Digest
    var input: String
    var signatureBase64: String
    var signatureLength: Int
    /// Always true: the library returns only signatures that verify with the certificate.
    var verified: Bool
    var certificateSerialNumber: String
    var certificateSubject: String
    var output: String?
    var certificateOutput: String?

    init(
        key: SigningChoice.Key, digest: SigningChoice.Digest, input: String, signature: JPKISignature, output: String?,
        certificateOutput: String?
    ) {
        self.key = key
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

    var text: String {
        var lines = [
            "Signed \(input) with the \(key == .sign ? "signature" : "user-authentication") key (\(digest.rawValue), \(signatureLength)-byte signature).",
            "The signature verifies with the key's certificate (serial \(certificateSerialNumber)).",
        ]
        if let output {
            lines.append("Signature written to \(output).")
        } else {
            lines.append("Signature (base64): \(signatureBase64)")
        }
        if let certificateOutput { lines.append("Certificate written to \(certificateOutput).") }
        return lines.joined(separator: "\n") + "\n"
    }
}
