import Foundation
import MynaKit
import Testing
@testable import MynaReaderExample

/// The HTML card-face report, `verify-signature` and `watch`'s timeout in Japanese — and their English
/// unchanged.
@Suite("Language: the report, verify-signature and watch in Japanese")
struct JapaneseTextTests {
    /// The privacy notice as the English page has always shown it, in both languages.
    static let bilingualPrivacyNotice =
        "この画面にはカードから読み取った個人情報が表示されています。確認が終わったら閉じ、保存・印刷・共有はしないでください。"
        + " This page shows personal data read from the card. Close it when the check is done; do not save, print or share it."

    @Test("The Japanese report: the Japanese privacy notice, labels and badge, and no English")
    func japaneseReport() throws {
        var report = try CardFaceReportTests.report(text: "見本", severity: .warning)
        report.language = .japanese
        let html = report.html()
        let notice = "この画面にはカードから読み取った個人情報が表示されています。確認が終わったら閉じ、保存・印刷・共有はしないでください。"
        #expect(CardFaceReport.privacyNotice(.japanese) == notice)
        #expect(html.contains("<p class=\"privacy\" role=\"note\">\(notice)</p>"))
        #expect(html.contains("<title>目視確認</title>"))
        #expect(html.contains("<h1>目視確認</h1>"))
        #expect(html.contains("<div class=\"label\">氏名</div>"))
        #expect(html.contains("alt=\"顔写真\""))
        #expect(html.contains("<span class=\"badge\">注意</span>"))
        #expect(html.contains("<h2>備考</h2>"))
        for english in ["This page shows", "Visual confirmation", "class=\"en\"", "Name image", ">warning<"] {
            #expect(!html.contains(english), "\(english)")
        }
        var missing = report
        missing.photoPNG = nil
        missing.nameImagePNG = Array("not a png".utf8)
        #expect(missing.html().contains(">未読取</div>"))
        #expect(missing.html().contains(">画像が不正です</div>"))
    }

    @Test("Each severity's badge in Japanese", arguments: [
        (CardFaceReport.Severity.ok, "有効"), (.warning, "注意"), (.critical, "使用不可"), (.unknown, "未確認"),
    ])
    func japaneseBadges(severity: CardFaceReport.Severity, badge: String) throws {
        var report = try CardFaceReportTests.report(text: "x", severity: severity)
        report.language = .japanese
        #expect(report.html().contains("<span class=\"badge\">\(badge)</span>"))
    }

    @Test("The English report is the bilingual page it always was")
    func englishReport() throws {
        let html = try CardFaceReportTests.report(text: "x", severity: .ok).html()
        #expect(CardFaceReport.privacyNotice(.english) == Self.bilingualPrivacyNotice)
        #expect(html.contains("<p class=\"privacy\" role=\"note\">\(Self.bilingualPrivacyNotice)</p>"))
        #expect(html.contains("<title>目視確認 Visual confirmation</title>"))
        #expect(html.contains("<h1>目視確認 <span class=\"en\">Visual confirmation</span></h1>"))
        #expect(html.contains("<section class=\"card\" aria-label=\"券面 Card face\">"))
        #expect(html.contains("<div class=\"label\">氏名<span class=\"en\">Name</span></div>"))
        #expect(html.contains("<div class=\"label\">有効期限<span class=\"en\">Valid until</span></div>"))
        #expect(html.contains("<figcaption>顔写真 <span class=\"en\">Photo</span></figcaption>"))
        #expect(html.contains("<span class=\"badge\">ok</span> x</p>"))
        #expect(html.contains("<h2>備考 <span class=\"en\">Notes</span></h2>"))
    }

    @Test("myna face --html in Japanese: the certificate status and the notes in Japanese")
    func faceReportCommand() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for language in ["ja", "en"] {
            let run = try await Myna.run(
                ["--persona", "standard", "--language", language, "face", "--html", "\(language).html"] + Standard.cardFront,
                environment: Standard.environment, in: directory)
            #expect(run.status == Exit.success, "\(run)")
        }
        let japanese = try String(contentsOf: directory.appendingPathComponent("ja.html"), encoding: .utf8)
        #expect(japanese.contains("利用者証明用電子証明書: 有効（有効期限 "))
        #expect(japanese.contains("<li>この画面を作る前に、MynaKit が券面事項の署名を検証しました。</li>"))
        #expect(japanese.contains("<li>顔写真と目の前の方を見比べてください。</li>"))
        #expect(japanese.contains("id=\"sex\">男</div>") || japanese.contains("id=\"sex\">女</div>"))
        #expect(!japanese.contains("User-authentication") && !japanese.contains("Compare the photo"))

        let english = try String(contentsOf: directory.appendingPathComponent("en.html"), encoding: .utf8)
        #expect(english.contains("User-authentication certificate: valid, valid until "))
        #expect(english.contains("<li>The card-face record&#39;s signature was verified by MynaKit before this report was made.</li>"))
        #expect(english.contains("<li>Compare the photo with the person in front of you.</li>"))
        #expect(english.contains("id=\"sex\">男 Male</div>") || english.contains("id=\"sex\">女 Female</div>"))
    }

    @Test("verify-signature of a raw signature: the verdict in Japanese; English unchanged")
    func rawSignature() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("contract".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        _ = try await simulatedJSON(
            ["sign", "--input", "doc.txt", "--output", "doc.sig", "--certificate-output", "signer.pem"], in: directory)
        let file = ["verify-signature", "--input", "doc.txt", "--signature", "doc.sig", "--certificate", "signer.pem"]

        let japanese = try await Myna.run(["--language", "ja"] + file, in: directory)
        #expect(japanese.status == Exit.success, "\(japanese)")
        #expect(japanese.stdoutText.hasPrefix("doc.txt の署名を検証しました。有効です（sha256）。署名した鍵の電子証明書（signer.pem）: "), "\(japanese)")
        #expect(japanese.stdoutText.contains("、シリアル番号 "))
        let english = try await Myna.run(["--language", "en"] + file, in: directory)
        #expect(english.stdoutText.hasPrefix("The signature of doc.txt is valid (sha256), made by the key of signer.pem: "), "\(english)")
        #expect(english.stdoutText.contains(", serial "))

        let card = try await Myna.run(
            ["--persona", "standard", "--language", "ja", "verify-signature", "--input", "doc.txt", "--signature", "doc.sig"],
            environment: Standard.environment, in: directory)
        #expect(card.status == Exit.success, "\(card)")
        #expect(card.stdoutText.hasPrefix("doc.txt の署名を検証しました。有効です（sha256）。カードの署名用電子証明書の鍵による署名です: "), "\(card)")

        // A changed file: the failure in Japanese, the same code and exit status.
        try Data("contract, changed".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        let invalid = try await Myna.run(["--language", "ja"] + file, in: directory)
        #expect(invalid.status == Exit.checkFailed, "\(invalid)")
        #expect(invalid.stderr.contains(
            "エラー: doc.sig の署名は、signer.pem の電子証明書では doc.txt に対する署名として検証できませんでした（sha256）。\nファイルが変更されていないこと"),
            "\(invalid)")
        let invalidJSON = try await Myna.run(["--language", "ja", "--json"] + file, in: directory)
        #expect(try expectDocument(invalidJSON, schema: "error.schema.json")["error"]?["code"]?.string == "signatureInvalid")
        let invalidEnglish = try await Myna.run(["--language", "en"] + file, in: directory)
        #expect(invalidEnglish.stderr.contains(
            "Error: The signature in doc.sig does not verify for doc.txt with signer.pem (sha256).\nCheck that the file is unchanged"),
            "\(invalidEnglish)")
    }

    @Test("verify-signature of a CMS: the summary, the signer line and the checks in Japanese; English unchanged")
    func cmsSignature() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("contract".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        try await SignatureCommandTests.anchors(in: directory)
        _ = try await simulatedJSON(
            ["sign", "--format", "cms", "--input", "doc.txt", "--output", "doc.p7s", "--trust-anchors", "anchors"], in: directory)
        let verify = ["verify-signature", "--format", "cms", "--signature", "doc.p7s", "--trust-anchors", "anchors"]

        let japanese = try await Myna.run(["--language", "ja"] + verify, in: directory)
        #expect(japanese.status == Exit.success, "\(japanese)")
        let lines = japanese.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(japanese)")
        #expect(lines.first == "doc.p7s: 署名 1 件、すべて有効です。")
        #expect(lines.dropFirst().first?.hasPrefix("- 署名用電子証明書の鍵、sha256、署名日時 ") == true, "\(japanese)")
        #expect(lines.dropFirst().first?.contains("、シリアル番号 ") == true)
        #expect(lines.last?.hasPrefix("検証した項目: ") == true && lines.last?.hasSuffix("。失効は確認していません。") == true)

        let english = try await Myna.run(["--language", "en"] + verify, in: directory)
        let englishLines = english.stdoutText.split(separator: "\n").map(String.init)
        #expect(englishLines.first == "doc.p7s: 1 signature(s), all valid.")
        #expect(englishLines.dropFirst().first?.hasPrefix("- signature key, sha256, signed ") == true, "\(english)")
        #expect(englishLines.dropFirst().first?.contains(", serial ") == true)
        #expect(englishLines.last?.hasPrefix("Checked: ") == true && englishLines.last?.hasSuffix(". Revocation not checked.") == true)
    }

    @Test("watch --wait-for-card: the timeout failure in Japanese; English unchanged")
    func watchTimeout() throws {
        let japanese = WatchCommand.noCard(within: 1, language: .japanese)
        #expect(japanese.message == "1秒以内にカードが置かれませんでした。")
        #expect(japanese.text.hasPrefix("エラー: 1秒以内にカードが置かれませんでした。\nマイナンバーカードを表を上にして"))
        #expect(japanese.code == "noCard" && japanese.exitStatus == .noReaderOrCard)

        let english = WatchCommand.noCard(within: 1, language: .english)
        #expect(english.message == "No card was presented within 1 second.")
        #expect(english.remedy == "Place the My Number Card on the reader (face up, fully on the marked area) and run the command again, or raise --timeout.")
        #expect(english.text.hasPrefix("Error: No card was presented within 1 second.\n"))
        #expect(WatchCommand.noCard(within: 2.5, language: .english).message == "No card was presented within 2.5 seconds.")
        #expect(WatchCommand.noCard(within: 30, language: .english).message == "No card was presented within 30 seconds.")
    }
}
