import Foundation
import MynaSimulator
import Testing

/// `myna diagnose` and `myna check` in Japanese and English: golden files compared exactly, one per chart
/// branch and language (Snapshots/diagnose-<branch>.<language>.txt). `MYNA_RECORD_SNAPSHOTS=1` rewrites
/// them; read the diff before committing.
@Suite("Language: myna in Japanese and English")
struct LanguageTests {
    static let snapshots = Myna.packageRoot.appendingPathComponent("Tests/MynaReaderExampleTests/Snapshots")

    /// One chart branch as `myna diagnose` reaches it.
    struct Branch: Sendable, CustomStringConvertible {
        var name: String
        var code: String
        var arguments: [String]
        var environment: [String: String] = [:]
        /// Prepares the card's state file or the face store in `directory`.
        var prepare: @Sendable (URL) async throws -> Void = { _ in }

        var description: String { name }
    }

    /// A face store in which the card of `persona` has failed 10 times in a row.
    static func lockFace(_ persona: String) -> @Sendable (URL) async throws -> Void {
        { directory in
            let store = directory.appendingPathComponent("faces.json").path
            for _ in 1...10 {
                _ = try await Myna.run(
                    ["--persona", persona, "check", "--mode", "face", "--face-verdict", "mismatch", "--face-store", store]
                        + Standard.cardFront, environment: Standard.environment)
            }
        }
    }

    /// A state file of the standard card with these counters.
    static func counters(_ tries: [SimulatedCredential: Int]) -> @Sendable (URL) async throws -> Void {
        { directory in
            let file = directory.appendingPathComponent("card.json")
            let created = try await Myna.run(["--persona", "standard", "--state-file", file.path, "info"])
            try #require(created.status == 0, "\(created)")
            var state = try SimulatedCardState(contentsOf: file)
            for (credential, count) in tries { state.triesRemaining[credential.rawValue] = count }
            try state.write(to: file)
        }
    }

    static let branches: [Branch] = [
        Branch(name: "noProblemFound", code: "noProblemFound", arguments: ["--persona", "standard"]),
        Branch(name: "faceAuthenticationCard", code: "noProblemFound", arguments: ["--persona", "faceAuthentication"]),
        Branch(name: "pinLocked", code: "pinLocked", arguments: ["--persona", "pinLocked"]),
        Branch(
            name: "pinLockedOfficeOnly", code: "pinLockedOfficeOnly", arguments: ["--state-file", "card.json"],
            prepare: counters([.authenticationPIN: 0, .signaturePassword: 0])),
        Branch(
            name: "signaturePasswordLocked", code: "signaturePasswordLocked", arguments: ["--state-file", "card.json"],
            prepare: counters([.signaturePassword: 0])),
        Branch(
            name: "faceLocked", code: "faceLocked", arguments: ["--persona", "standard", "--face-store", "faces.json"],
            prepare: lockFace("standard")),
        Branch(
            name: "pinAndFaceLocked", code: "pinAndFaceLocked", arguments: ["--persona", "pinLocked", "--face-store", "faces.json"],
            prepare: lockFace("pinLocked")),
        Branch(
            name: "certificateExpiredWithinGrace", code: "certificateExpiredWithinGrace",
            arguments: ["--persona", "certificateExpired"]),
        Branch(name: "certificateRenewalDue", code: "certificateRenewalDue", arguments: ["--persona", "certificateExpiringSoon"]),
        Branch(name: "readerFault", code: "readerFault", arguments: ["--persona", "standard", "--other-card-reads-fine", "no"]),
        Branch(name: "otherCardReadsFine", code: "noProblemFound", arguments: ["--persona", "standard", "--other-card-reads-fine", "yes"]),
        Branch(
            name: "smartCardServiceUnavailable", code: "smartCardServiceUnavailable", arguments: [],
            environment: ["PCSCLITE_CSOCK_NAME": "/nonexistent/myna-test/pcscd.comm"]),
        Branch(name: "phoneToken", code: "noProblemFound", arguments: ["--persona", "smartphoneAndroid"]),
    ]

    @Test("diagnose: text compared with the golden file, JSON with stable codes and the message", arguments: branches)
    func diagnose(branch: Branch) async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await branch.prepare(directory)
        let record = ProcessInfo.processInfo.environment["MYNA_RECORD_SNAPSHOTS"] == "1"
        for language in ["ja", "en"] {
            let arguments = ["--language", language, "diagnose"] + branch.arguments
            let run = try await Myna.run(arguments, environment: branch.environment, in: directory)
            #expect(run.status == 0, "\(run)")
            let golden = Self.snapshots.appendingPathComponent("diagnose-\(branch.name).\(language).txt")
            if record { try Data(run.stdout).write(to: golden) }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(run.stdoutText == expected, "\(branch.name) in \(language) differs from \(golden.lastPathComponent)")

            let json = try await Myna.run(arguments + ["--json"], environment: branch.environment, in: directory)
            let document = try expectDocument(json, schema: "diagnose.schema.json")
            let diagnosis = try #require(document["result"]?["diagnosis"])
            #expect(diagnosis["code"]?.string == branch.code)
            #expect(document["result"]?["language"]?.string == language)
            // The JSON's words are the text's first two lines.
            let lines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count > 2 && diagnosis["remedy"]?.string == String(lines[1]))
            #expect(diagnosis["message"].flatMap(\.string).map { lines[0].contains($0) } == true)
        }
    }

    @Test("LANG chooses the language; LC_ALL beats it; --language beats both")
    func environment() async throws {
        let japanese = try await Myna.run(["--persona", "pinLocked", "diagnose"], environment: ["LANG": "ja_JP.UTF-8"])
        #expect(japanese.stdoutText.hasPrefix("診断: 利用者証明用電子証明書の暗証番号がロックされています。"), "\(japanese)")
        let c = try await Myna.run(["--persona", "pinLocked", "diagnose"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "C"])
        #expect(c.stdoutText.hasPrefix("Diagnosis: The user-authentication PIN is locked."), "\(c)")
        let chosen = try await Myna.run(
            ["--persona", "pinLocked", "--language", "en", "diagnose"], environment: ["LC_ALL": "ja_JP.UTF-8"])
        #expect(chosen.stdoutText.hasPrefix("Diagnosis:"), "\(chosen)")
        let invalid = try await Myna.run(["--language", "fr", "--persona", "standard", "diagnose"])
        #expect(invalid.status == Exit.usage)
    }

    @Test("A failure in Japanese: same code and exit status, the library's words in Japanese")
    func failures() async throws {
        let english = try await failingJSON(["--persona", "pinLocked", "--language", "en", "check"], status: Exit.credentialLocked)
        let japanese = try await failingJSON(["--persona", "pinLocked", "--language", "ja", "check"], status: Exit.credentialLocked)
        #expect(english["code"]?.string == "pinLocked" && japanese["code"]?.string == "pinLocked")
        #expect(japanese["message"]?.string == "利用者証明用電子証明書の暗証番号がロックされています。")
        #expect(japanese["remedy"]?.string?.contains("コンビニのキオスク端末") == true)
        #expect(english["remedy"]?.string?.contains("convenience-store kiosk") == true)
        #expect(japanese["stillWorks"] == english["stillWorks"])
        let text = try await Myna.run(["--persona", "pinLocked", "--language", "ja", "check"], environment: Standard.environment)
        #expect(text.status == Exit.credentialLocked)
        #expect(text.stderr.contains("\nエラー: 利用者証明用電子証明書の暗証番号がロックされています。\n暗証番号を3回続けて間違えたため"), "\(text)")
        #expect(text.stderr.contains("\n詳細: "), "the library's own reason is kept for bug reports")

        let wrongFormat = try await failingJSON(
            ["--persona", "standard", "--language", "ja", "check"], status: Exit.usage, environment: ["MYNA_PIN": "12"])
        #expect(wrongFormat["code"]?.string == "invalidPINFormat")
        #expect(wrongFormat["remedy"]?.string?.hasPrefix("利用者証明用電子証明書の暗証番号は数字4桁です。") == true)
    }

    @Test("check: the outcome, validity and warnings in the chosen language; the codes unchanged")
    func check() async throws {
        let run = try await Myna.run(
            ["--persona", "certificateExpiringSoon", "--language", "ja", "check"], environment: Standard.environment)
        #expect(run.status == 0, "\(run)")
        let lines = run.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first == "資格確認ができました（暗証番号）。暗証番号とカードの署名を確認しました。")
        #expect(lines.dropFirst().first?.hasPrefix("利用者証明用電子証明書: 有効（有効期限まで3か月以内。更新が必要です）（有効期限 ") == true)
        #expect(lines.contains("注意: 電子証明書の有効期限まで3か月以内です。市区町村の窓口で更新してください。"))
        let json = try await simulatedJSON(["check", "--language", "ja"], persona: "certificateExpiringSoon")
        #expect(json["warnings"]?.array == [.string("certificateRenewalDue")])
        #expect(json["warningMessages"]?.array == [.string("電子証明書の有効期限まで3か月以内です。市区町村の窓口で更新してください。")])
        #expect(json["message"]?.string == lines.first)

        let emergency = try await Myna.run(
            ["--simulated", "--language", "ja", "check", "--emergency", "--consent", "not-obtainable", "--operator-decision", "confirm"])
        #expect(emergency.status == 0, "\(emergency)")
        #expect(emergency.stdoutText.hasPrefix("マイナ救急の確認ができました（目視確認）。"))
        #expect(emergency.stdoutText.contains("本人の同意を得られませんでした。"))
    }

    @Test("The example's own tables: the same keys and placeholders in both languages")
    func exampleTables() throws {
        func entries(_ language: String) throws -> [String: String] {
            let url = Myna.packageRoot.appendingPathComponent("Examples/MynaReader/Resources/\(language).lproj/Localizable.strings")
            var result: [String: String] = [:]
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where line.hasPrefix("\"") {
                let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
                try #require(parts.count == 5)
                result[String(parts[1])] = String(parts[3])
            }
            return result
        }
        func placeholders(_ text: String) -> [String] {
            // Keep the empty piece before a leading "%", so that a placeholder at the very start counts too.
            text.split(separator: "%", omittingEmptySubsequences: false).dropFirst().map { String($0.prefix { $0 != "@" && $0 != "d" }) }.sorted()
        }
        let english = try entries("en")
        let japanese = try entries("ja")
        #expect(Set(english.keys) == Set(japanese.keys))
        for (key, value) in english {
            #expect(placeholders(value) == placeholders(japanese[key] ?? ""), "\(key)")
            #expect(value != japanese[key], "\(key) is not translated")
        }
    }
}
