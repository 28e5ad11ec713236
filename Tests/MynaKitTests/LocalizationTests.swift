import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaTransport
import Testing

@testable import MynaKit

@Suite("Localisation: one string table per language, keyed by the typed codes")
struct LocalizationTests {
    /// The keys of one language's table, read from the package's sources.
    static func keys(_ language: MessageLanguage) throws -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MynaKit/Resources/\(language.rawValue).lproj/Localizable.strings")
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("\"") {
            let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
            try #require(parts.count == 5, "one entry per line: \(line)")
            entries[String(parts[1])] = String(parts[3])
        }
        return entries
    }

    /// The placeholders of a format string, in order of appearance.
    static func placeholders(_ format: String) -> [String] {
        var result: [String] = []
        var rest = Substring(format)
        while let percent = rest.firstIndex(of: "%") {
            let after = rest[rest.index(after: percent)...]
            let end = after.firstIndex { $0 == "@" || ($0.isLetter && $0 != "l") } ?? after.endIndex
            result.append(String(rest[percent..<(end < after.endIndex ? after.index(after: end) : end)]))
            rest = end < after.endIndex ? after[after.index(after: end)...] : ""
        }
        return result
    }

    /// Latin words a Japanese text may contain: product and service names and 照合番号A/B, not English sentences.
    static let allowedLatin: Set<String> = ["A", "B", "USB", "Linux", "pcscd", "Windows", "Smart", "Card", "IC", "JPKI"]

    static func latinWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init).filter { !allowedLatin.contains($0) }
    }

    @Test("A Japanese string loads through Bundle.module (on Linux too)")
    func japaneseLoads() {
        let text = Diagnosis(error: MyNumberCardError(.credentialBlocked, "x", credential: .userAuthenticationPIN, retriesRemaining: 0))
            .remedy(in: .japanese)
        #expect(text.contains("コンビニのキオスク端末"))
        #expect(text.contains("市区町村の窓口"))
        #expect(LocalizedText.hasString("diagnosis.pinLocked.remedy", in: .japanese))
        #expect(LocalizedText.hasString("diagnosis.pinLocked.remedy", in: .english))
        #expect(!LocalizedText.hasString("no.such.key", in: .japanese))
    }

    @Test("Both tables have the same keys, every key loads, placeholders are positional and agree")
    func tablesAgree() throws {
        let english = try Self.keys(.english)
        let japanese = try Self.keys(.japanese)
        #expect(english.count > 100)
        #expect(Set(english.keys) == Set(japanese.keys))
        for (key, format) in english {
            #expect(LocalizedText.hasString(key, in: .english), "\(key) does not load in English")
            #expect(LocalizedText.hasString(key, in: .japanese), "\(key) does not load in Japanese")
            let en = Self.placeholders(format)
            let ja = Self.placeholders(japanese[key] ?? "")
            #expect(Set(en) == Set(ja), "\(key): \(en) vs \(ja)")
            // Positional only, so that a language may reorder its arguments.
            if en.count > 1 { #expect(en.allSatisfy { $0.contains("$") }, "\(key) has non-positional arguments") }
            #expect(japanese[key] != format, "\(key) is not translated")
        }
    }

    @Test("Every diagnosis code has a summary and a remedy in both languages", arguments: DiagnosisCode.allCases)
    func everyCode(code: DiagnosisCode) {
        for language in MessageLanguage.allCases {
            for key in ["diagnosis.\(code.rawValue).summary", "diagnosis.\(code.rawValue).remedy"] {
                #expect(LocalizedText.hasString(key, in: language), "\(key) missing in \(language)")
            }
        }
        for japanese in [code.summary(in: .japanese), LocalizedText("diagnosis.\(code.rawValue).remedy").render(in: .japanese)] {
            #expect(Self.latinWords(japanese).isEmpty, "\(code): English in the Japanese text: \(japanese)")
        }
        #expect(code.summary(in: .english) != code.summary(in: .japanese))
    }

    @Test("Every other typed text exists in both languages")
    func everyOtherText() {
        for language in MessageLanguage.allCases {
            for status in ValidityStatus.allCases {
                #expect(LocalizedText.hasString("validity.\(status.rawValue)", in: language))
            }
            for warning in DiagnosisCode.warnings {
                #expect(LocalizedText.hasString("warning.\(warning.rawValue)", in: language))
            }
            for mode in QualificationMode.allCases {
                #expect(LocalizedText.hasString("mode.\(mode.rawValue)", in: language))
                for profile in ["standard", "emergency"] {
                    #expect(LocalizedText.hasString("outcome.\(profile).\(mode.rawValue)", in: language))
                }
            }
            for consent in EmergencyConsent.allCases {
                #expect(LocalizedText.hasString("consent.\(consent.rawValue)", in: language))
            }
            for credential in Credential.all {
                #expect(credential.localizedName(in: language) != credential.name || language == .english)
            }
            // Every subset of the modes is one whole sentence.
            for mask in 0..<8 {
                let modes = QualificationMode.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
                let key = "stillWorks." + (modes.isEmpty ? "none" : modes.map(\.rawValue).joined(separator: "."))
                #expect(LocalizedText.hasString(key, in: language), "\(key) missing in \(language)")
            }
            for kind in CardLock.Kind.allCases {
                #expect(!CardLock(kind: kind).remedy(in: language).isEmpty)
            }
        }
        #expect(DiagnosisCode(rawValue: "fromTheFuture").warningMessage(in: .japanese) == "fromTheFuture")
    }

    @Test("Rendered texts in Japanese carry no English fragment, with every argument variant")
    func noFragments() {
        let errors: [any Error] = [
            MyNumberCardError(.wrongCredential, "x", credential: .userAuthenticationPIN, retriesRemaining: 2),
            MyNumberCardError(.wrongCredential, "x", credential: .signaturePassword, retriesRemaining: 4),
            MyNumberCardError(.wrongCredential, "x", credential: .cardInfoPIN),
            MyNumberCardError(.wrongCredential, "x"),
            MyNumberCardError(.lastAttemptRefused, "x", credential: .userAuthenticationPIN, retriesRemaining: 1),
            MyNumberCardError(.lastAttemptRefused, "x", credential: .signaturePassword, retriesRemaining: 1),
            MyNumberCardError(.lastAttemptRefused, "x", credential: .userAuthenticationPIN),
            MyNumberCardError(.lastAttemptRefused, "x", credential: .cardInfoPIN),
            MyNumberCardError(.invalidCredentialFormat, "x", credential: .signaturePassword),
            MyNumberCardError(.invalidCredentialFormat, "x"),
            MyNumberCardError(.credentialBlocked, "x", credential: .birthDateKey),
            MynaKitError(.faceNotMatched, "x", retriesRemaining: 3),
            MynaKitError(.faceNotMatched, "x"),
        ]
        for error in errors {
            let diagnosis = Diagnosis(error: error)
            let japanese = diagnosis.remedy(in: .japanese)
            #expect(Self.latinWords(japanese).isEmpty, "\(diagnosis.code): \(japanese)")
            #expect(!japanese.contains("%"), "an argument was not filled: \(japanese)")
            #expect(!diagnosis.remedy(in: .english).contains("%"))
        }
        // Technical names stay as they are, inside a whole translated sentence.
        let technical: [(any Error, String)] = [
            (TransportError(.backendFailure, "x"), "backendFailure"),
            (MynaKitError(DiagnosisCode(rawValue: "somethingNew"), "x"), "somethingNew"),
            (MyNumberCardError(MyNumberCardError.Code("somethingNew"), "x"), "somethingNew"),
            (MyNumberCardError(.cardRejectedCommand, "x", statusWord: StatusWord(0x6F00), instruction: .readBinary), "6F00"),
        ]
        for (error, name) in technical {
            for language in MessageLanguage.allCases {
                let text = Diagnosis(error: error).remedy(in: language)
                #expect(text.contains(name) && !text.hasPrefix("diagnosis.") && !text.contains("%"), "\(text)")
            }
            #expect(Diagnosis(error: error).remedy(in: .japanese).contains("。"))
        }
        let wrong = Diagnosis(error: errors[0])
        #expect(wrong.remedy(in: .japanese).hasPrefix("利用者証明用電子証明書の暗証番号が違います。残りは2回です。"))
        #expect(wrong.remedy(in: .english).hasPrefix("The user-authentication PIN was wrong. Tries left: 2."))
        let format = Diagnosis(error: errors[8])
        #expect(format.remedy(in: .japanese).hasPrefix("署名用電子証明書の暗証番号は英大文字と数字の6〜16文字です。"))
        #expect(format.remedy(in: .english).hasPrefix("The signature password must be 6–16 of A–Z 0–9."))
        #expect(Credential.Format.digits(4).localizedDescription(in: .japanese) == "数字4桁")
        #expect(Credential.Format(minimumLength: 4, maximumLength: 6, allowsLetters: false).localizedDescription(in: .english) == "4–6 digits")
        #expect(Credential.Format(minimumLength: 8, maximumLength: 8, allowsLetters: true).localizedDescription(in: .japanese) == "英大文字と数字の8文字")
        #expect(QualificationMode.stillWorksSentence([.visual, .face], in: .japanese) == "顔認証と目視確認は使えます。")
        #expect(QualificationMode.stillWorksSentence([], in: .english) == "No check mode works meanwhile.")
    }

    @Test("Where each lock is reset: kiosk with the other JPKI PIN, else the municipal office only")
    func lockRemedies() {
        let pin = Diagnosis(lockState: lockState(pin: .blocked))
        #expect(pin.code == .pinLocked)
        #expect(pin.remedy(in: .japanese).contains("コンビニのキオスク端末") && pin.remedy(in: .japanese).contains("署名用電子証明書の暗証番号"))
        #expect(pin.remedy(in: .english).contains("convenience-store kiosk"))

        // The signature password locked too, or absent: no kiosk can help.
        for password in [RetryCounter.State.blocked, .absent] {
            let both = Diagnosis(lockState: lockState(pin: .blocked, password: password))
            #expect(both.code == .pinLockedOfficeOnly && both.stillWorks == [.face, .visual])
            #expect(both.remedy(in: .japanese).contains("市区町村の窓口で再設定"))
            let state = lockState(pin: .blocked, password: password)
            #expect(state.locks.first?.code == .pinLockedOfficeOnly)
        }
        #expect(lockState(pin: .blocked).locks.first?.code == .pinLocked)
        let noPasswordCounter = CardLockState(
            userAuthenticationPIN: RetryCounter(credential: .userAuthenticationPIN, state: .blocked), signaturePassword: nil,
            faceFailures: FaceFailureRecord(consecutiveFailures: 0))
        #expect(Diagnosis(lockState: noPasswordCounter).code == .pinLockedOfficeOnly)

        let password = Diagnosis(lockState: lockState(pin: .remaining(3), password: .blocked))
        #expect(password.code == .signaturePasswordLocked)
        #expect(password.remedy(in: .japanese).contains("コンビニのキオスク端末") && password.remedy(in: .japanese).contains("利用者証明用電子証明書の暗証番号"))

        let cardInfo = Diagnosis(error: MyNumberCardError(.credentialBlocked, "x", credential: .cardInfoPIN, retriesRemaining: 0))
        #expect(cardInfo.code == .cardInfoPINLocked)
        #expect(cardInfo.remedy(in: .japanese).contains("市区町村の窓口だけ") && !cardInfo.remedy(in: .japanese).contains("コンビニ"))
        #expect(!cardInfo.remedy(in: .english).contains("kiosk"))

        let face = Diagnosis(lockState: lockState(pin: .remaining(3), faceFailures: 10))
        #expect(face.code == .faceLocked)
        let faceText = face.remedy(in: .japanese)
        #expect(faceText.contains("市区町村の窓口だけ") && !faceText.contains("コンビニ"))
        #expect(faceText.contains("来院をまたいで") && faceText.contains("目視確認では戻りません"))
        #expect(face.remedy(in: .english).contains("across visits") && face.remedy(in: .english).contains("Visual confirmations do not reset"))
        #expect(CardLock(kind: .faceLocked).remedy(in: .japanese) == faceText)
    }

    @Test("The language follows LC_ALL, then LC_MESSAGES, then LANG, then the preferred languages")
    func preferredLanguage() {
        #expect(MessageLanguage.preferred(environment: ["LANG": "ja_JP.UTF-8"], preferredLanguages: []) == .japanese)
        #expect(MessageLanguage.preferred(environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "C"], preferredLanguages: []) == .english)
        #expect(MessageLanguage.preferred(environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP"], preferredLanguages: []) == .japanese)
        #expect(MessageLanguage.preferred(environment: ["LANG": "fr_FR.UTF-8"], preferredLanguages: ["ja-JP"]) == .english)
        #expect(MessageLanguage.preferred(environment: ["LANG": ""], preferredLanguages: ["fr-FR", "ja-JP"]) == .japanese)
        #expect(MessageLanguage.preferred(environment: [:], preferredLanguages: ["de"]) == .english)
        #expect(MessageLanguage(identifier: "ja") == .japanese && MessageLanguage(identifier: "en-GB") == .english)
        #expect(MessageLanguage(identifier: "POSIX") == .english && MessageLanguage(identifier: "zh_CN") == nil)
    }

    @Test("Validity, warnings and outcomes in both languages")
    func otherTexts() {
        #expect(ValidityStatus.renewalAlert.explanation(in: .japanese).contains("3か月以内"))
        #expect(ValidityStatus.expiredBeyondGrace.explanation(in: .english) == "expired")
        #expect(DiagnosisCode.certificateRenewalDue.warningMessage(in: .japanese).contains("市区町村の窓口"))
        #expect(EmergencyConsent.given.explanation(in: .japanese) == "本人の同意がありました。")
        #expect(QualificationMode.visual.localizedName(in: .japanese) == "目視確認")
    }
}
