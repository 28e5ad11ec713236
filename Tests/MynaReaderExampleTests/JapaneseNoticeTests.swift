import Foundation
import MynaCard
import MynaKit
import Testing
@testable import MynaReaderExample

/// The sex, the issuer key, the backend notes, the visual check's words and the example's own usage and
/// file errors in Japanese — and their English unchanged.
@Suite("Language: sex, issuer key, backend notes and the example's own errors in Japanese")
struct JapaneseNoticeTests {
    @Test("The sex in words: Japanese for the four ISO 5218 codes; English as MynaCard's description", arguments: [
        (0, "不明"), (1, "男性"), (2, "女性"), (9, "適用不能"), (3, "ISO 5218 のコード 3"),
    ])
    func sex(code: Int, japanese: String) throws {
        let sex = try Sex(code: code)
        let json = AttributesResult.SexJSON(code: sex.code, label: sex.description)
        #expect(json.words(.japanese) == japanese)
        #expect(json.words(.english) == sex.description)
    }

    @Test("The issuer key's line: Japanese for each status; English with the library's description", arguments: [
        (IssuerAuthentication.Status.productionKey, "発行者の鍵: 本番の鍵 %@ で認証されています。"),
        (.testHierarchyKey, "発行者の鍵: テスト用の鍵 %@ で認証されています。テスト用のカードで、本物のカードではありません。"),
        (.unknownAuthority, "発行者の鍵: 不明な認証局 %@ の署名で、認証されていません。本物のカードである証明にはなりません。"),
        (.signatureMismatch, "発行者の鍵: %@ の鍵では証明書の署名を確認できません。本物のカードである証明にはなりません。"),
    ])
    func issuer(status: IssuerAuthentication.Status, japanese: String) {
        let authentication = IssuerAuthentication(
            status: status, issuerKeyIdentifier: Array(repeating: 0x30, count: 16), authority: nil)
        let json = AttributesResult.IssuerJSON(authentication)
        #expect(json.line(.japanese) == japanese.replacingOccurrences(of: "%@", with: authentication.authorityName))
        let english =
            status == .productionKey
            ? "Issuer key: \(authentication.description)."
            : "Issuer key: \(authentication.description) — not proof of a genuine card."
        #expect(json.line(.english) == english)
        #expect(json.description == authentication.description, "JSON keeps the library's English words")
    }

    @Test("attributes and face: the sex and the issuer key in Japanese; English and JSON unchanged")
    func attributesAndFace() async throws {
        for command in [["attributes"], ["face"] + Standard.cardFront] {
            let japanese = try await Myna.run(
                ["--persona", "standard", "--language", "ja"] + command, environment: Standard.environment)
            #expect(japanese.status == Exit.success, "\(japanese)")
            #expect(japanese.stdoutText.contains("性別: 女性\n"), "\(japanese)")
            #expect(japanese.stdoutText.contains("発行者の鍵: 不明な認証局 "), "\(japanese)")
            #expect(japanese.stdoutText.contains("の署名で、認証されていません。本物のカードである証明にはなりません。\n"))
            #expect(!japanese.stdoutText.contains("female") && !japanese.stdoutText.contains("unknown authority"))
            #expect(japanese.stderr.contains("模擬カード（ペルソナ standard）を使います"), "\(japanese)")

            let english = try await Myna.run(
                ["--persona", "standard", "--language", "en"] + command, environment: Standard.environment)
            #expect(english.stdoutText.contains("female\n"), "\(english)")
            #expect(english.stdoutText.contains("Issuer key: signed by an unknown authority "), "\(english)")
            #expect(english.stdoutText.contains(" (not authenticated) — not proof of a genuine card.\n"))
            #expect(english.stderr.contains("Using the simulated card, persona standard"), "\(english)")

            let json = try await Myna.run(
                ["--persona", "standard", "--language", "ja", "--json"] + command, environment: Standard.environment)
            #expect(json.status == Exit.success, "\(json)")
            #expect(json.stdoutText.contains("\"label\":\"female\"") || json.stdoutText.contains("\"label\" : \"female\""), "\(json)")
            #expect(json.stdoutText.contains("unknownAuthority"), "\(json)")
            #expect(!json.stdoutText.contains("女性"))
        }
    }

    @Test("The backend notes: every variant in Japanese; English as it always was")
    func backendNotes() {
        let simulated = BackendDescription(kind: .simulated, persona: "pinLocked")
        #expect(simulated.notice(.japanese) == "模擬カード（ペルソナ pinLocked）を使います")
        #expect(simulated.notice(.english) == "Using the simulated card, persona pinLocked")
        let stateFile = BackendDescription(kind: .simulated, persona: "standard", stateFile: "card.json")
        #expect(stateFile.notice(.japanese) == "模擬カード（ペルソナ standard、状態の保存先 card.json）を使います")
        #expect(stateFile.notice(.english) == "Using the simulated card, persona standard, state in card.json")
        let fallback = BackendDescription(kind: .simulated, stateFile: "card.json", fallbackReason: "no reader")
        #expect(fallback.notice(.japanese) == "模擬カード（ペルソナ standard、状態の保存先 card.json）を使います（no reader）")
        #expect(fallback.notice(.english) == "Using the simulated card (no reader), persona standard, state in card.json")
        let fallbackOnly = BackendDescription(kind: .simulated, persona: "standard", fallbackReason: "no reader")
        #expect(fallbackOnly.notice(.japanese) == "模擬カード（ペルソナ standard）を使います（no reader）")
        #expect(fallbackOnly.notice(.english) == "Using the simulated card (no reader), persona standard")
        let name = "Reader\u{1B}[2J 00"
        let reader = BackendDescription(kind: .pcsc, reader: name)
        #expect(reader.notice(.japanese) == "\(name.escapingControlCharacters) のカードを使います")
        #expect(reader.notice(.english) == "Using the card in \(name.escapingControlCharacters)")
        #expect(!reader.notice(.japanese).contains("\u{1B}"))
        #expect(BackendDescription(kind: .pcsc).notice(.japanese) == "カードリーダーのカードを使います")
        #expect(BackendDescription(kind: .pcsc).notice(.english) == "Using the card in the reader")
    }

    @Test("The visual check's words and its missing-operator failure in Japanese; English unchanged")
    func visualWords() {
        #expect(Words.text("check.visual.question", .japanese) == "目の前の方はカードの持ち主ご本人ですか？")
        #expect(Words.text("check.visual.question", .english) == "Is the person in front of you the card holder?")
        #expect(Words.text("check.visual.emergency", .japanese) == "マイナ救急の確認です。")
        #expect(Words.text("check.visual.emergency", .english) == "Emergency check (マイナ救急).")
        #expect(Words.text("check.visual.noPhoto", .japanese).hasPrefix("（カードの顔写真を表示できません。券面に印刷された顔写真"))
        #expect(Words.text("check.visual.noPhoto", .english)
            == "(No card photo: compare the person with the photo printed on the card.)")
        let failure = Failure.usage(Phrase("check.visual.needsOperator"))
        #expect(failure.message == "Visual mode needs an operator: run it on a terminal, or pass --operator-decision.")
        #expect(failure.remedy == "Run `myna help` for the commands and their options.")
        let japanese = failure.localized(.japanese)
        #expect(japanese.text == """
            エラー: 目視確認には確認する職員が必要です。端末で実行するか、--operator-decision を付けてください。
            コマンドとオプションは `myna help` で確認できます。
            """)
        #expect(japanese.code == "usage" && japanese.exitStatus == .usage)
        #expect(failure.localized(.english).text == failure.text)
    }

    @Test("The example's own usage and file errors: Japanese with the paths in place; English unchanged")
    func ownFailures() {
        let cases: [(Failure, String, String)] = [
            (.file(Phrase("file.cannotWrite", "out/p.png", "denied")),
             "エラー: out/p.png に書き込めません: denied\nパスが正しいこと、フォルダーがあること、そこに書き込めることを確かめてください。",
             "Error: Cannot write out/p.png: denied\nCheck the path, that its directory exists and that you may write there."),
            (.file(Phrase("file.cannotCreateDirectory", "imgs", "denied")),
             "エラー: フォルダー imgs を作れません: denied\nパスが正しいこと、フォルダーがあること、そこに書き込めることを確かめてください。",
             "Error: Cannot create the directory imgs: denied\nCheck the path, that its directory exists and that you may write there."),
            (.usage(Phrase("file.tooLarge", "big.bin", "64")),
             "エラー: big.bin は 64 バイトより大きいファイルです。\nコマンドとオプションは `myna help` で確認できます。",
             "Error: big.bin is larger than 64 bytes.\nRun `myna help` for the commands and their options."),
            (.file(Phrase("file.doesNotExist", "doc.txt"), remedy: Phrase("file.cannotRead.remedy"), exitStatus: .usage),
             "エラー: doc.txt を読めません: ファイルがありません。\nパスが正しいこと、そのファイルを読めることを確かめてください。",
             "Error: Cannot read doc.txt: it does not exist.\nCheck the path and that you may read the file."),
            (.usage(Phrase("usage.stateFilePersona", "c.json", "standard", "pinLocked"),
                    remedy: Phrase("usage.stateFilePersona.remedy", "standard", "c.json")),
             "エラー: 状態ファイル c.json のカードはペルソナ standard のもので、pinLocked ではありません。\n--persona standard を付けるか、別の --state-file を指定するか、c.json を削除して新しいカードを発行してください。",
             "Error: The state file c.json holds a card of persona standard, not pinLocked.\nUse --persona standard, another --state-file, or delete c.json to issue a new card."),
            (.usage(Phrase("usage.birthDateNotADate")),
             "エラー: --birth-date は存在しない日付です（YYYY-MM-DD、西暦）。\nコマンドとオプションは `myna help` で確認できます。",
             "Error: --birth-date is not a date that exists (YYYY-MM-DD, Gregorian calendar).\nRun `myna help` for the commands and their options."),
        ]
        for (failure, japanese, english) in cases {
            #expect(failure.text == english)
            #expect(failure.localized(.english).text == english)
            #expect(failure.localized(.japanese).text == japanese)
        }
    }

    @Test("A file that cannot be read or written: the error in Japanese, the code fileError in JSON")
    func fileErrorsFromMyna() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = ["verify-signature", "--input", "missing.txt", "--signature", "missing.sig", "--certificate", "missing.pem"]
        let japanese = try await Myna.run(["--language", "ja"] + read, in: directory)
        #expect(japanese.status == Exit.usage, "\(japanese)")
        #expect(japanese.stderr.contains("エラー: missing"), "\(japanese)")
        #expect(japanese.stderr.contains("を読めません: ファイルがありません。\nパスが正しいこと、そのファイルを読めることを確かめてください。"), "\(japanese)")
        let english = try await Myna.run(["--language", "en"] + read, in: directory)
        #expect(english.stderr.contains(": it does not exist.\nCheck the path and that you may read the file."), "\(english)")
        let json = try await Myna.run(["--language", "ja", "--json"] + read, in: directory)
        #expect(try expectDocument(json, schema: "error.schema.json")["error"]?["code"]?.string == "fileError")

        let write = try await Myna.run(
            ["--persona", "standard", "--language", "ja", "face", "--photo-png", "no/such/dir/p.png"] + Standard.cardFront,
            environment: Standard.environment, in: directory)
        #expect(write.status == Exit.failure, "\(write)")
        #expect(write.stderr.contains("エラー: no/such/dir/p.png に書き込めません: "), "\(write)")
        #expect(write.stderr.contains("パスが正しいこと、フォルダーがあること、そこに書き込めることを確かめてください。"))
    }
}
