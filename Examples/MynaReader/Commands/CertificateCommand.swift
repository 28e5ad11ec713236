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

        /// The certificate's name in `language`.
        func label(_ language: MessageLanguage) -> String {
            switch self {
            case .auth: Words.text("certificate.label.auth", language)
            case .sign: Words.text("certificate.label.sign", language)
            case .authCA: Words.text("certificate.label.authCA", language)
            case .signCA: Words.text("certificate.label.signCA", language)
            }
        }

        /// The sentence saying which certificate was written in which format to which file, in `language`.
        func wrote(format: Format, to path: String, _ language: MessageLanguage) -> String {
            switch self {
            case .auth: Words.text("certificate.wrote.auth", language, format.rawValue, path)
            case .sign: Words.text("certificate.wrote.sign", language, format.rawValue, path)
            case .authCA: Words.text("certificate.wrote.authCA", language, format.rawValue, path)
            case .signCA: Words.text("certificate.wrote.signCA", language, format.rawValue, path)
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
            let result = CertificateResult(
                which: which, format: format, certificate: certificate, ca: ca, output: output,
                language: context.options.messageLanguage)
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
    /// The language of the text output (never in JSON).
    var language: MessageLanguage

    private enum CodingKeys: String, CodingKey {
        case which, format, details, pem, signedByCardCA, output
    }

    init(
        which: CertificateCommand.Which, format: CertificateCommand.Format, certificate: CardCertificate,
        ca: CardCertificate?, output: String?, language: MessageLanguage
    ) {
        self.which = which
        self.format = format
        self.details = CertificateDetails(certificate, endEntity: which == .auth || which == .sign)
        self.pem = PEM.encode(certificate.derEncoded)
        self.signedByCardCA = ca.map { certificate.isSigned(by: $0) }
        self.output = output
        self.language = language
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
        if let output { return which.wrote(format: format, to: output, language) + "\n" }
        return format == .pem ? pem : describe()
    }

    private func describe() -> String {
        var lines = [Words.text("certificate.which", language, which.label(language))]
        lines += details.lines(language)
        if let signedByCardCA {
            lines.append(Words.text(signedByCardCA ? "certificate.signedByCardCA.yes" : "certificate.signedByCardCA.no", language))
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
            ? certificate.validity.status(at: now).rawValue
            : nil
        keyUsage = certificate.keyUsage.map { "\($0)" }
        sha256Fingerprint = Hex.encode(DigestAlgorithm.sha256.hash(certificate.derEncoded), separator: ":")
        derBase64 = Data(certificate.derEncoded).base64EncodedString()
    }

    /// The fields, one a line, in `language`.
    func lines(_ language: MessageLanguage) -> [String] {
        var lines = [
            // Text from the card: control characters are shown escaped, never sent to the terminal.
            Words.text("certificate.subject", language, subject.escapingControlCharacters),
            Words.text("certificate.issuer", language, issuer.escapingControlCharacters),
            Words.text("certificate.serialNumber", language, serialNumber),
            Words.text("certificate.notBefore", language, notBefore),
            validity.map { Words.text("certificate.notAfterWithValidity", language, notAfter, ValidityWords.describe($0, language)) }
                ?? Words.text("certificate.notAfter", language, notAfter),
        ]
        if let keyUsage { lines.append(Words.text("certificate.keyUsage", language, keyUsage)) }
        lines.append(Words.text("certificate.sha256", language, sha256Fingerprint))
        return lines
    }
}

/// Plain words for a validity status.
enum ValidityWords {
    /// The words for `status` in `language` (English unless asked); an unknown status is shown as it is.
    static func describe(_ status: String, _ language: MessageLanguage = .english) -> String {
        switch status {
        case "valid": Words.text("validity.valid", language)
        case "renewalAlert": Words.text("validity.renewalAlert", language)
        case "expiredWithinGrace": Words.text("validity.expiredWithinGrace", language)
        case "expiredBeyondGrace": Words.text("validity.expiredBeyondGrace", language)
        case "notYetValid": Words.text("validity.notYetValid", language)
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
