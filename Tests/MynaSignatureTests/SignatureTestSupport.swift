import CryptoExtras
import Foundation
import MynaCard
import MynaSignature
import MynaSimulator
import Testing
import X509

/// Simulated cards, external tools and test PDFs for the signature tests.
enum SignatureTestSupport {
    /// A fixed "today" (2026-01-15 12:00 UTC): the simulator issues its certificates then.
    static let now = Date(timeIntervalSince1970: 1_768_478_400)
    /// The signing time used: an hour later.
    static let signingTime = now.addingTimeInterval(3600)

    static let passwordValue = "ABC123"
    static let pinValue = "1234"

    /// A simulated standard card.
    static func card(_ persona: Persona = .standard) throws -> (MyNumberCard, SimulatedCard) {
        let simulator = try SimulatedCard(persona: persona, now: now)
        return (MyNumberCard(transport: simulator), simulator)
    }

    static func password() throws -> Passcode { try Passcode(.signaturePassword, passwordValue) }
    static func pinCode() throws -> Passcode { try Passcode(.userAuthenticationPIN, pinValue) }

    /// A verifier trusting the simulated card's own CA certificates.
    static func verifier(_ card: MyNumberCard) async throws -> SignatureVerifier {
        let signCA = try await card.jpki.signatureCACertificate()
        let authCA = try await card.jpki.authenticationCACertificate()
        return SignatureVerifier(chainValidator: CertificateChainValidator(trustAnchors: [signCA, authCA]))
    }

    /// A self-signed CA certificate with `certificate`'s subject and validity but a new key.
    static func impostor(of certificate: CardCertificate) throws -> Certificate {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        return try Certificate(
            version: .v3, serialNumber: certificate.serialNumber, publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: certificate.notValidBefore, notValidAfter: certificate.notValidAfter, issuer: certificate.subject,
            subject: certificate.subject, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
    }

    // MARK: External tools

    /// Runs a tool; returns exit status and combined output.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether a tool is on PATH (CI installs poppler-utils, qpdf and openssl; on CI their absence fails).
    static func hasTool(_ name: String) -> Bool {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return (try? run(["which", name]).status) == 0
    }

    /// A new empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "myna-signature-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], _ url: URL) throws {
        try Data(bytes).write(to: url)
    }

    // MARK: PDFs

    /// A minimal valid one-page PDF with a classic cross-reference table, written here.
    ///
    /// With `indirectForm`, the catalog's /AcroForm and the page's /Annots are indirect objects (an
    /// existing empty form and annotation list), which the signer must update in place.
    static func minimalPDF(text: String = "MynaKit test", indirectForm: Bool = false, extraObjects: [String] = []) -> [UInt8] {
        var output = Array("%PDF-1.7\n%\u{00E2}\u{00E3}\n".utf8)
        var offsets: [Int] = []
        let content = "BT /F1 24 Tf 72 720 Td (\(text)) Tj ET"
        var objects = [
            indirectForm ? "<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>" : "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"
                + (indirectForm ? " /Annots 7 0 R >>" : " >>"),
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        if indirectForm { objects += ["<< /Fields [] /DA (/Helv 0 Tf 0 g) >>", "[]"] }
        objects += extraObjects
        for (index, body) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = output.count
        output += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f\r\n".utf8)
        for offset in offsets {
            let text = String(offset)
            output += Array((String(repeating: "0", count: 10 - text.count) + text + " 00000 n\r\n").utf8)
        }
        output += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return output
    }

    /// The minimal PDF rewritten by qpdf with object streams and a cross-reference stream.
    static func xrefStreamPDF() throws -> [UInt8] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appending(path: "in.pdf")
        let output = directory.appending(path: "out.pdf")
        try write(minimalPDF(text: "object streams"), input)
        let result = try run([
            "qpdf", "--object-streams=generate", "--compress-streams=y", input.path(percentEncoded: false),
            output.path(percentEncoded: false),
        ])
        #expect(result.status == 0, "\(result.output)")
        return [UInt8](try Data(contentsOf: output))
    }
}

