import Foundation
import Testing

@Suite("myna sign / verify-signature: CMS and PDF")
struct SignatureCommandTests {
    /// A minimal one-page PDF with a classic cross-reference table.
    static func minimalPDF() -> Data {
        var output = "%PDF-1.7\n"
        var offsets: [Int] = []
        let content = "BT /F1 24 Tf 72 720 Td (myna sign) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
        ]
        for (index, body) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f\r\n"
        for offset in offsets {
            output += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n\r\n"
        }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }

    /// A folder holding the simulated card's CA certificates, as the J-LIS roots would be.
    static func anchors(in directory: URL) async throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("anchors"), withIntermediateDirectories: true)
        for which in ["sign-ca", "auth-ca"] {
            _ = try await simulatedJSON(["certificate", which, "--output", "anchors/\(which).pem"], in: directory)
        }
    }

    @Test("sign --format cms (attached, detached, auth key), verify-signature --format cms")
    func cms() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("contract".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        try await Self.anchors(in: directory)
        for (key, detached) in [("sign", true), ("sign", false), ("auth", true)] {
            let signed = try await simulatedJSON(
                ["sign", "--format", "cms", "--key", key, "--input", "doc.txt", "--output", "doc.p7s", "--trust-anchors", "anchors"]
                    + (detached ? ["--detached"] : []),
                in: directory)
            #expect(signed["verified"]?.bool == true)
            #expect(signed["format"]?.string == "cms")
            #expect(signed["detached"]?.bool == detached)
            #expect(signed["chainCheckedAgainst"]?.string == "trustAnchors")
            #expect(signed["revocationChecked"]?.bool == false)
            #expect(signed["keyLabel"]?.string?.contains(key == "auth" ? "user-authentication" : "signature key") == true)
            let verified = try await simulatedJSON(
                ["verify-signature", "--format", "cms", "--signature", "doc.p7s", "--trust-anchors", "anchors"]
                    + (detached ? ["--input", "doc.txt"] : []),
                in: directory, usesCard: false)
            #expect(verified["valid"]?.bool == true)
            #expect(verified["signers"]?[0]?["key"]?.string == key)
            #expect(verified["signers"]?[0]?["cades"]?.bool == true)
        }
        // The environment variable names the folder too; a changed content fails with exit 11.
        _ = try await simulatedJSON(
            ["sign", "--format", "cms", "--detached", "--input", "doc.txt", "--output", "doc.p7s"], in: directory)
        try Data("contract, changed".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        let run = try await Myna.run(
            ["verify-signature", "--format", "cms", "--signature", "doc.p7s", "--input", "doc.txt", "--json"],
            environment: ["MYNA_TRUST_ANCHORS": "anchors"], in: directory)
        #expect(run.status == Exit.checkFailed, "\(run)")
        let document = try expectDocument(run, schema: "error.schema.json")
        #expect(document["error"]?["code"]?.string == "signatureInvalid")
    }

    @Test("sign --format pdf, verify-signature --format pdf; untrusted anchors, no anchors, a broken PDF")
    func pdf() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.minimalPDF().write(to: directory.appendingPathComponent("form.pdf"))
        try await Self.anchors(in: directory)
        let signed = try await simulatedJSON(
            ["sign", "--format", "pdf", "--input", "form.pdf", "--output", "signed.pdf"], in: directory)
        #expect(signed["chainCheckedAgainst"]?.string == "cardCA")
        let verified = try await simulatedJSON(
            ["verify-signature", "--format", "pdf", "--input", "signed.pdf", "--trust-anchors", "anchors"],
            in: directory, usesCard: false)
        #expect(verified["signers"]?[0]?["fieldName"]?.string == "Signature1")
        #expect(verified["signers"]?[0]?["coversWholeFile"]?.bool == true)
        // A second, PAdES signature on the signed file: both verify.
        _ = try await simulatedJSON(
            ["sign", "--format", "pdf", "--pades", "--key", "auth", "--input", "signed.pdf", "--output", "twice.pdf"],
            in: directory)
        let twice = try await simulatedJSON(
            ["verify-signature", "--format", "pdf", "--input", "twice.pdf", "--trust-anchors", "anchors"],
            in: directory, usesCard: false)
        #expect(twice["signers"]?[1]?["key"]?.string == "auth")
        #expect(twice["signers"]?[0]?["coversWholeFile"]?.bool == false)
        // Text output names the key and says revocation was not checked.
        let text = try await Myna.run(
            ["verify-signature", "--format", "pdf", "--input", "signed.pdf", "--trust-anchors", "anchors"], in: directory)
        #expect(text.status == Exit.success, "\(text)")
        #expect(text.stdoutText.contains("signature key") && text.stdoutText.contains("Revocation not checked"))
        // Without trust anchors: a usage error, nothing verified.
        let none = try await Myna.run(["verify-signature", "--format", "pdf", "--input", "signed.pdf", "--json"], in: directory)
        #expect(none.status == Exit.usage, "\(none)")
        // Trusting another card's CA: the signer is not trusted (exit 6), and sign writes nothing.
        let strangers = directory.appendingPathComponent("strangers")
        try FileManager.default.createDirectory(at: strangers, withIntermediateDirectories: true)
        let child = try await Myna.run(
            ["--persona", "child", "--json", "certificate", "auth-ca", "--output", "strangers/ca.pem"], environment: Standard.environment,
            in: directory)
        #expect(child.status == Exit.success, "\(child)")
        let untrusted = try await Myna.run(
            ["verify-signature", "--format", "pdf", "--input", "signed.pdf", "--trust-anchors", "strangers", "--json"], in: directory)
        #expect(untrusted.status == Exit.certificateProblem, "\(untrusted)")
        let refused = try await Myna.run(
            ["--persona", "standard", "--json", "sign", "--format", "pdf", "--input", "form.pdf", "--output", "refused.pdf",
             "--trust-anchors", "strangers"],
            environment: Standard.environment, in: directory)
        #expect(refused.status == Exit.certificateProblem, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("refused.pdf").path))
        // A file that is not a PDF: a usage error before the card is used, nothing written.
        try Data("not a pdf".utf8).write(to: directory.appendingPathComponent("broken.pdf"))
        let broken = try await Myna.run(
            ["--persona", "standard", "--json", "sign", "--format", "pdf", "--input", "broken.pdf", "--output", "out.pdf"],
            environment: Standard.environment, in: directory)
        #expect(broken.status == Exit.usage, "\(broken)")
        let error = try expectDocument(broken, schema: "error.schema.json")
        #expect(error["error"]?["code"]?.string == "pdfUnusable")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.pdf").path))
    }

    @Test("verify-signature --format raw with --trust-anchors checks the certificate's chain too")
    func rawWithTrustAnchors() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("contract".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        try await Self.anchors(in: directory)
        _ = try await simulatedJSON(
            ["sign", "--input", "doc.txt", "--output", "doc.sig", "--certificate-output", "signer.pem"], in: directory)
        let verified = try await simulatedJSON(
            ["verify-signature", "--input", "doc.txt", "--signature", "doc.sig", "--certificate", "signer.pem", "--trust-anchors", "anchors"],
            in: directory, usesCard: false)
        #expect(verified["signers"]?[0]?["chainLength"]?.int == 2)
        #expect(verified["signers"]?[0]?["key"]?.string == "sign")
        // An empty folder is not a set of trust anchors.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let run = try await Myna.run(
            ["verify-signature", "--input", "doc.txt", "--signature", "doc.sig", "--certificate", "signer.pem", "--trust-anchors", "empty", "--json"],
            in: directory)
        #expect(run.status == Exit.usage, "\(run)")
        let document = try expectDocument(run, schema: "error.schema.json")
        #expect(document["error"]?["code"]?.string == "trustAnchorsUnusable")
    }
}
