import ArgumentParser
import Foundation
import MynaCard
import MynaCodec
import MynaKit

/// `myna certificate`: one of the four JPKI certificates, as PEM, DER or text.
struct CertificateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Read a JPKI certificate: auth (user authentication), sign (signature), auth-ca or sign-ca.",
        discussion: """
            auth, auth-ca and sign-ca are free to read on a card. sign needs the signature password \
            (MYNA_SIGN_PASSWORD). A smartphone token needs the user-authentication PIN (MYNA_PIN) even for \
            auth; it is asked for only when the token says so.
            """)

    /// Which certificate.
    enum Which: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case auth, sign
        case authCA = "auth-ca"
        case signCA = "sign-ca"

        var label: String {
            switch self {
            case .auth: "user-authentication certificate"
            case .sign: "signature certificate"
            case .authCA: "user-authentication CA certificate"
            case .signCA: "signature CA certificate"
            }
        }
    }

    /// How to write it.
    enum Format: String, ExpressibleByArgument, CaseIterable, Encodable, Sendable {
        case pem, der, text
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Which certificate: auth, sign, auth-ca or sign-ca.")
    var which: Which = .auth

    @Option(name: .long, help: "pem (default), der (needs --output) or text.")
    var format: Format = .pem

    @Option(name: .long, help: ArgumentHelp("Write the certificate to this file instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        if format == .der, output == nil, !global.json {
            throw ValidationError("--format der writes binary: give --output FILE.")
        }
    }

    func run() async throws {
        let which = which
        let format = format
        let output = output
        try await Runner(command: "certificate", options: global).run { context in
            let certificate = try await Self.read(which, context)
            let ca: CardCertificate? =
                switch which {
                case .auth: try await context.session.card.jpki.authenticationCACertificate()
                case .sign: try await context.session.card.jpki.signatureCACertificate()
                case .authCA, .signCA: nil
                }
            let result = CertificateResult(which: which, format: format, certificate: certificate, ca: ca, output: output)
            if let output {
                try FileOutput.write(result.fileContents(certificate), to: output)
            }
            return result
        }
    }

    /// Reads the certificate, asking for a secret only when needed.
    static func read(_ which: Which, _ context: CommandContext) async throws -> CardCertificate {
        let jpki = context.session.card.jpki
        switch which {
        case .auth:
            do {
                return try await jpki.authenticationCertificate()
            } catch let error as MyNumberCardError where error.code == .securityStatusNotSatisfied {
                // A smartphone token: its user-authentication certificate needs the PIN.
                let pin = try context.passcode(.userAuthenticationPIN, .userAuthenticationPIN)
                return try await jpki.authenticationCertificate(pin: pin, options: context.verificationOptions)
            }
        case .sign:
            let password = try context.passcode(.signaturePassword, .signaturePassword)
            return try await jpki.signatureCertificate(password: password, options: context.verificationOptions)
        case .authCA:
            return try await jpki.authenticationCACertificate()
        case .signCA:
            return try await jpki.signatureCACertificate()
        }
    }
}

/// The result of `myna certificate`.
struct CertificateResult: CommandResult {
    var which: CertificateCommand.Which
    var format: CertificateCommand.Format
    var details: CertificateDetails
    /// The PEM text (in JSON always; on stdout for `--format pem` without `--output`).
    var pem: String
    /// Whether the card's CA certificate for this kind signed it (auth and sign only).
    var signedByCardCA: Bool?
    /// Where the certificate was written.
    var output: String?

    init(
        which: CertificateCommand.Which, format: CertificateCommand.Format, certificate: CardCertificate,
        ca: CardCertificate?, output: String?
    ) {
        self.which = which
        self.format = format
        self.details = CertificateDetails(certificate, endEntity: which == .auth || which == .sign)
        self.pem = PEM.encode(certificate.derEncoded)
        self.signedByCardCA = ca.map { certificate.isSigned(by: $0) }
        self.output = output
    }

    /// What `--output` receives.
    func fileContents(_ certificate: CardCertificate) -> [UInt8] {
        switch format {
        case .pem: Array(pem.utf8)
        case .der: certificate.derEncoded
        case .text: Array(describe().utf8)
        }
    }

    var text: String {
        if let output { return "Wrote the \(which.label) (\(format.rawValue)) to \(output).\n" }
        return format == .pem ? pem : describe()
    }

    private func describe() -> String {
        var lines = ["Certificate:   \(which.label)"]
        lines += details.lines
        if let signedByCardCA {
            lines.append("Signed by the card's CA certificate: \(signedByCardCA ? "yes" : "NO")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A certificate's fields, for people and JSON.
struct CertificateDetails: Encodable, Sendable {
    var subject: String
    var issuer: String
    var serialNumber: String
    var notBefore: String
    var notAfter: String
    /// For the user's certificates: `valid`, `renewalAlert` (3 months or less left),
    /// `expiredWithinGrace` (expired less than 3 months ago: the insurance check still works),
    /// `expiredBeyondGrace`, `notYetValid`.
    var validity: String?
    var keyUsage: String?
    var sha256Fingerprint: String
    var derBase64: String

    init(_ certificate: CardCertificate, endEntity: Bool, now: Date = Date()) {
        subject = "\(certificate.subject)"
        issuer = "\(certificate.issuer)"
        serialNumber = Hex.encode(certificate.serialNumber.bytes)
        notBefore = certificate.notValidBefore.formatted(.iso8601)
        notAfter = certificate.notValidAfter.formatted(.iso8601)
        validity =
            endEntity
            ? CertificateValidity(notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter)
                .status(at: now).rawValue
            : nil
        keyUsage = certificate.keyUsage.map { "\($0)" }
        sha256Fingerprint = Hex.encode(DigestAlgorithm.sha256.hash(certificate.derEncoded), separator: ":")
        derBase64 = Data(certificate.derEncoded).base64EncodedString()
    }

    var lines: [String] {
        var lines = [
            // Text from the card: control characters are shown escaped, never sent to the terminal.
            "Subject:       \(subject.escapingControlCharacters)",
            "Issuer:        \(issuer.escapingControlCharacters)",
            "Serial number: \(serialNumber)",
            "Valid from:    \(notBefore)",
            "Valid until:   \(notAfter)" + (validity.map { " (\(ValidityWords.describe($0)))" } ?? ""),
        ]
        if let keyUsage { lines.append("Key usage:     \(keyUsage)") }
        lines.append("SHA-256:       \(sha256Fingerprint)")
        return lines
    }
}

/// Plain words for a validity status.
enum ValidityWords {
    static func describe(_ status: String) -> String {
        switch status {
        case "valid": "valid"
        case "renewalAlert": "valid, renewal due: 3 months or less left"
        case "expiredWithinGrace": "EXPIRED, within the 3-month grace period of the insurance check"
        case "expiredBeyondGrace": "EXPIRED"
        case "notYetValid": "NOT YET VALID"
        default: status
        }
    }
}

/// PEM armour for DER (RFC 7468).
enum PEM {
    static func encode(_ der: [UInt8], label: String = "CERTIFICATE") -> String {
        let base64 = Data(der).base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }
}
