import Crypto
import CryptoExtras
import Foundation
import MynaSimulator
import SwiftASN1
import Testing
import X509

/// The example reader's own safety rules: secrets typed at a terminal are never echoed, personal values
/// never echoed into errors, inputs read with a size limit, a passed check never failed by its photo file.
@Suite("myna: secrets, personal data, files")
struct ReaderSafetyTests {
    @Test(
        "--pin-stdin on a terminal reads the PIN with echo off",
        .enabled(if: PseudoTerminal.script != nil, "needs util-linux script (apt-get install bsdutils)"))
    func pinStdinOnATerminal() async throws {
        let myna = try #require(Myna.executable).path
        try await TerminalPromptTests.expectPINNotEchoed("'\(myna)' --simulated --pin-stdin check")
    }

    @Test("A malformed birth date is refused without repeating it", arguments: ["1985-07-2X", "1985-02-30", "1985-7-23"])
    func birthDateNotEchoed(value: String) async throws {
        let arguments = ["--simulated", "face", "--birth-date", value, "--expiry-year", Standard.expiryYear]
        let error = try await failingJSON(arguments, status: Exit.usage)
        #expect(error["message"]?.string?.contains("--birth-date") == true)
        let text = try await Myna.run(arguments, environment: Standard.environment)
        for shown in [error.description, text.stderr, text.stdoutText] {
            #expect(!shown.contains(value) && !shown.contains("1985"), "\(shown)")
        }
    }

    @Test("sign --input /dev/zero is refused at the size limit, without reading it whole")
    func endlessInput() async throws {
        let error = try await failingJSON(["--simulated", "sign", "--input", "/dev/zero"], status: Exit.usage)
        #expect(error["message"]?.string?.contains("larger than") == true)
    }

    @Test("Personal files are created owner-only")
    func personalFileModes() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = directory.appendingPathComponent("photo.png").path
        let html = directory.appendingPathComponent("report.html").path
        try await simulatedJSON(["face", "--photo-png", png, "--html", html] + Standard.cardFront)
        for path in [png, html] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
        // Nothing else (no temporary file) is left in the directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["photo.png", "report.html"])
    }

    @Test("A passed check stays passed when --photo-png cannot be decoded: a warning, no file")
    func undecodablePhoto() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var persona = Persona.standard
        persona.photoJP2Base64 = Data("not a JPEG 2000 file at all".utf8).base64EncodedString()
        let state = directory.appendingPathComponent("card.json")
        _ = try SimulatedCard.persistent(stateFile: state, persona: persona)
        let png = directory.appendingPathComponent("photo.png").path
        let run = try await Myna.run(
            ["--state-file", state.path, "--json", "check", "--mode", "visual", "--operator-decision", "confirm",
             "--photo-png", png] + Standard.cardFront,
            environment: Standard.environment)
        #expect(run.status == Exit.success, "\(run)")
        let document = try expectDocument(run, schema: "check.schema.json")
        #expect(document["result"]?["passed"]?.bool == true)
        #expect(document["result"]?["photoPNGError"]?.string?.contains("cannot be decoded") == true)
        #expect(document["result"]?["photoPNG"] == nil)
        #expect(!FileManager.default.fileExists(atPath: png))
    }
}

/// Text from a certificate reaches the terminal with its control characters escaped: a subject cannot clear
/// the screen or forge lines.
@Suite("myna: control characters escaped")
struct ControlCharacterTests {
    @Test("verify-signature prints a hostile certificate subject escaped")
    func hostileSubject() async throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let hostile = "Evil\u{1B}[2J\u{07}\nError: forged line"
        let name = try DistinguishedName {
            CountryName("JP")
            CommonName(hostile)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(7), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: Date(timeIntervalSinceNow: -86400), notValidAfter: Date(timeIntervalSinceNow: 86400 * 365),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions(), issuerPrivateKey: Certificate.PrivateKey(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)

        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = Array("signed text".utf8)
        let signature = try key.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
        let paths = ["cert.der": serializer.serializedBytes, "message.txt": message, "signature.bin": Array(signature.rawRepresentation)]
        for (name, bytes) in paths { try Data(bytes).write(to: directory.appendingPathComponent(name)) }

        let run = try await Myna.run(
            ["verify-signature", "--input", directory.appendingPathComponent("message.txt").path,
             "--signature", directory.appendingPathComponent("signature.bin").path,
             "--certificate", directory.appendingPathComponent("cert.der").path])
        #expect(run.status == Exit.success, "\(run)")
        #expect(!run.stdoutText.contains("\u{1B}") && !run.stdoutText.contains("\u{07}"), "\(run)")
        #expect(run.stdoutText.split(separator: "\n").count == 1, "a forged line was printed: \(run)")
        #expect(run.stdoutText.contains("Evil"), "\(run)")
        // JSON escapes control characters by itself and keeps the subject exact.
        let json = try await Myna.run(
            ["verify-signature", "--json", "--input", directory.appendingPathComponent("message.txt").path,
             "--signature", directory.appendingPathComponent("signature.bin").path,
             "--certificate", directory.appendingPathComponent("cert.der").path])
        #expect(try json.json()["result"]?["certificateSubject"]?.string?.contains("Evil") == true, "\(json)")
    }
}
