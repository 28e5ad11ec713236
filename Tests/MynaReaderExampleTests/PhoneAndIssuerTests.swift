import Foundation
import Testing

/// `myna` on phone tokens (the check in PIN mode works; other commands and modes say it is a phone), and
/// the issuer-key outcome in `face` and `attributes`.
@Suite("myna: phone tokens and the issuer key")
struct PhoneAndIssuerTests {
    static let phones: [(persona: String, pin: String, label: String)] = [
        ("smartphoneAndroid", "2580", "JPKIAPGPSETOKEN"), ("smartphoneIPhone", "1470", "JPKIAPIOSTOKEN"),
    ]

    @Test("check --mode pin passes on an Android and an iPhone token (the Android one needs the PIN for the certificate)")
    func phoneCheck() async throws {
        for phone in Self.phones {
            let result = try await simulatedJSON(["check", "--mode", "pin"], persona: phone.persona, environment: ["MYNA_PIN": phone.pin])
            #expect(result["passed"]?.bool == true, "\(phone.persona)")
            #expect(result["mode"]?.string == "pin")
        }
    }

    @Test("face, attributes, number and check --mode visual|face on a phone: say it is a phone and that PIN mode applies")
    func phoneRefusals() async throws {
        for phone in Self.phones {
            let environment = ["MYNA_PIN": phone.pin, "MYNA_SECURITY_CODE": "2468", "MYNA_CARD_INFO_PIN": phone.pin]
            let front = ["--birth-date", "1992-04-01", "--expiry-year", "2035"]
            for arguments in [["face"] + front, ["attributes"], ["number"]] {
                let run = try await Myna.run(["--persona", phone.persona, "--json"] + arguments, environment: environment)
                let error = try expectDocument(run, schema: "error.schema.json")["error"]
                #expect(error?["code"]?.string == "notOnPhoneToken", "\(phone.persona) \(arguments): \(run)")
                #expect(error?["message"]?.string?.contains(phone.label) == true)
                #expect(error?["remedy"]?.string?.contains("pin") == true)
                #expect(error?["stillWorks"]?.array?.compactMap(\.string) == ["pin"])
            }
            for arguments in [["check", "--mode", "visual", "--operator-decision", "confirm"], ["check", "--mode", "face", "--face-verdict", "match"] + front] {
                let run = try await Myna.run(["--persona", phone.persona, "--json"] + arguments, environment: environment)
                let error = try expectDocument(run, schema: "error.schema.json")["error"]
                #expect(error?["code"]?.string == "modeNotAllowed", "\(phone.persona) \(arguments): \(run)")
                #expect(error?["message"]?.string?.contains("only pin mode applies") == true)
                #expect(error?["stillWorks"]?.array?.compactMap(\.string) == ["pin"])
            }
        }
    }

    @Test("face and attributes report the issuer key: the simulated card's own authority is unknown")
    func issuer() async throws {
        let face = try await simulatedJSON(["face"] + Standard.cardFront)
        #expect(face["issuerKeyAuthenticated"]?.bool == false)
        #expect(face["issuer"]?["status"]?.string == "unknownAuthority")
        #expect(face["issuer"]?["authority"]?.string == "9000023/001")
        let attributes = try await simulatedJSON(["attributes"])
        #expect(attributes["issuer"]?["status"]?.string == "unknownAuthority")
        #expect(attributes["issuer"]?["authority"]?.string == "9000033/001")

        let text = try await Myna.run(["--persona", "standard", "attributes"], environment: Standard.environment)
        #expect(text.stdoutText.contains("Issuer key: signed by an unknown authority 9000033/001 (not authenticated)"))
    }
}
