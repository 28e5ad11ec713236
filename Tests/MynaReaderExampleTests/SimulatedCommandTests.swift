import Foundation
import Testing

/// Every subcommand end to end on the embedded simulated card, with `--json` checked against its schema.
@Suite("myna on the simulated card")
struct SimulatedCommandTests {
    static let personas = [
        "standard", "faceAuthentication", "smartphoneAndroid", "smartphoneIPhone", "oldJukiCard", "pinLocked",
        "certificateExpired", "certificateExpiringSoon", "gaijiName", "child",
    ]

    @Test("info reads every persona, spending nothing", arguments: personas)
    func info(persona: String) async throws {
        let result = try await simulatedJSON(["info"], persona: persona, environment: [:])
        #expect(result["atr"]?.string == "3BE000FF8131FE4514")
        let counters = try #require(result["counters"]?.array)
        #expect(counters.count == 8)
        let pin = counters.first { $0["credential"]?.string == "user-authentication PIN" }
        switch persona {
        case "faceAuthentication", "oldJukiCard":
            #expect(pin?["state"]?.string == "absent")
        case "pinLocked":
            #expect(pin?["state"]?.string == "blocked")
            #expect(pin?["remaining"]?.int == 0)
        default:
            #expect(pin?["state"]?.string == "remaining")
            #expect(pin?["remaining"]?.int == 3)
            #expect(pin?["maximum"]?.int == 3)
        }
        let label = result["token"]?["label"]?.string
        switch persona {
        case "smartphoneAndroid": #expect(label == "JPKIAPGPSETOKEN")
        case "smartphoneIPhone": #expect(label == "JPKIAPIOSTOKEN")
        case "oldJukiCard": #expect(label == "JPKIAPICCTOKEN")
        default: #expect(label == "JPKIAPICCTOKEN2")
        }
        let present = Set(result["applets"]?.array?.filter { $0["present"]?.bool == true }.compactMap { $0["name"]?.string } ?? [])
        #expect(present.contains("jpki"))
        #expect(present.contains("cardFaceConfirmation") == !(persona.hasPrefix("smartphone") || persona == "oldJukiCard"))
        // The master-file data (GET DATA after selecting the ISD): on cards, not on phone tokens or the old card.
        let masterFile = try #require(result["masterFile"])
        if persona.hasPrefix("smartphone") || persona == "oldJukiCard" {
            #expect(masterFile["cardIdentificationNumber"] == nil)
            #expect(masterFile["municipalityCode"] == nil)
        } else {
            #expect(masterFile["cardIdentificationNumber"]?.string?.count == 15)
            #expect(masterFile["municipalityCode"]?.string?.count == 5)
            #expect(masterFile["cardExpiry"]?.string == result["cardExpiry"]?.string)
        }
    }

    @Test("info shows the card identification number, municipality and expiry from the master file")
    func infoMasterFile() async throws {
        let result = try await simulatedJSON(["info"], persona: "standard", environment: [:])
        #expect(result["masterFile"]?["cardIdentificationNumber"]?.string == "900000000000001")
        #expect(result["masterFile"]?["municipalityCode"]?.string == "13101")
        #expect(result["masterFile"]?["cardExpiry"]?.string == "2034-07-23")
        let text = try await Myna.run(["--simulated", "info"])
        #expect(text.stdoutText.contains("Master file (GET DATA):"))
        #expect(text.stdoutText.contains("card identification number 900000000000001"))
        #expect(text.stdoutText.contains("municipality code          13101"))
        let phone = try await Myna.run(["--simulated", "--persona", "smartphoneAndroid", "info"])
        #expect(phone.stdoutText.contains("Master file:   no data objects answered (GET DATA)"))
    }

    @Test("info spends nothing: a second run reads the same counters from the state file")
    func infoSpendsNothing() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        let first = try await simulatedJSON(["info", "--state-file", state], environment: [:])
        let second = try await simulatedJSON(["info", "--state-file", state], environment: [:])
        #expect(first["counters"] == second["counters"])
    }

    @Test("certificate: auth, sign, auth-ca, sign-ca in every format")
    func certificates() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for which in ["auth", "sign", "auth-ca", "sign-ca"] {
            let result = try await simulatedJSON(["certificate", which])
            #expect(result["which"]?.string == which)
            #expect(result["pem"]?.string?.hasPrefix("-----BEGIN CERTIFICATE-----\n") == true)
            if which == "auth" || which == "sign" {
                #expect(result["signedByCardCA"]?.bool == true)
                #expect(result["details"]?["validity"]?.string == "valid")
            }
        }
        let der = directory.appendingPathComponent("auth.der").path
        let result = try await simulatedJSON(["certificate", "auth", "--format", "der", "--output", der])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: der)))
        #expect(Data(bytes).base64EncodedString() == result["details"]?["derBase64"]?.string)
        #expect(bytes.first == 0x30)

        let text = try await Myna.run(["--simulated", "certificate", "sign", "--format", "text"], environment: Standard.environment)
        #expect(text.status == Exit.success)
        #expect(text.stdoutText.contains("Issuer:") && text.stdoutText.contains("JPKI for digital signature"))
    }

    @Test("certificate: the expired persona's validity, and a child's missing signature certificate")
    func certificateEdges() async throws {
        let expired = try await simulatedJSON(["certificate", "auth"], persona: "certificateExpired")
        #expect(expired["details"]?["validity"]?.string == "expiredWithinGrace")
        let soon = try await simulatedJSON(["certificate", "auth"], persona: "certificateExpiringSoon")
        #expect(soon["details"]?["validity"]?.string == "renewalAlert")
        let error = try await failingJSON(
            ["--persona", "child", "certificate", "sign"], status: Exit.notPresent,
            environment: ["MYNA_SIGN_PASSWORD": "CHILD01"])
        #expect(error["credential"]?.string == "signature password")
    }

    @Test("certificate: a smartphone token asks for the PIN for its user-authentication certificate")
    func smartphoneCertificate() async throws {
        let result = try await simulatedJSON(
            ["certificate", "auth"], persona: "smartphoneAndroid", environment: ["MYNA_PIN": "2580"])
        #expect(result["details"]?["subject"]?.string?.contains("CN=") == true)
    }

    @Test("attributes with the card info PIN and with PIN-B; number; gaiji")
    func cardInfo() async throws {
        let byPIN = try await simulatedJSON(["attributes"])
        #expect(byPIN["name"]?["full"]?["value"]?.string == "見本\u{3000}花子")
        #expect(byPIN["birthDate"]?.string == Standard.birthDate)
        #expect(byPIN["sex"]?["code"]?.int == 2)
        let byPINB = try await simulatedJSON(["attributes", "--with", "pin-b"] + Standard.cardFront)
        #expect(byPINB == byPIN)
        let number = try await simulatedJSON(["number"])
        #expect(number["individualNumber"]?.string == Standard.individualNumber)
        let gaiji = try await simulatedJSON(["attributes"], persona: "gaijiName", environment: ["MYNA_CARD_INFO_PIN": "5678"])
        #expect(gaiji["name"]?["full"]?["containsGaiji"]?.bool == true)
        #expect(gaiji["name"]?["family"]?["displayForm"]?.string == "●田")
    }

    @Test("sign, then verify-signature with the written certificate and with the card's")
    func signAndVerify() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("contract".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        for (key, digest) in [("sign", "sha256"), ("auth", "sha384"), ("sign", "sha512")] {
            let signed = try await simulatedJSON(
                ["sign", "--key", key, "--digest", digest, "--input", "doc.txt", "--output", "doc.sig", "--certificate-output", "signer.pem"],
                in: directory)
            #expect(signed["verified"]?.bool == true)
            #expect(signed["signatureLength"]?.int == 256)
            let verified = try await simulatedJSON(
                ["verify-signature", "--input", "doc.txt", "--signature", "doc.sig", "--digest", digest, "--certificate", "signer.pem"],
                in: directory, usesCard: false)
            #expect(verified["valid"]?.bool == true)
            let fromCard = try await simulatedJSON(
                ["verify-signature", "--input", "doc.txt", "--signature", "doc.sig", "--digest", digest, "--key", key],
                in: directory)
            #expect(fromCard["certificateSerialNumber"] == signed["certificateSerialNumber"])
        }
        try Data("contract, changed".utf8).write(to: directory.appendingPathComponent("doc.txt"))
        let run = try await Myna.run(
            ["verify-signature", "--input", "doc.txt", "--signature", "doc.sig", "--digest", "sha512", "--certificate", "signer.pem", "--json"],
            in: directory)
        #expect(run.status == Exit.checkFailed, "\(run)")
        let document = try expectDocument(run, schema: "error.schema.json")
        #expect(document["error"]?["code"]?.string == "signatureInvalid")
    }

    @Test("change-pin: auth, sign and card-info; the new value works, the old one no longer")
    func changePIN() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        let changes: [(String, String, String, String, String)] = [
            ("auth", "MYNA_PIN", "MYNA_NEW_PIN", Standard.pin, "2468"),
            ("sign", "MYNA_SIGN_PASSWORD", "MYNA_NEW_SIGN_PASSWORD", Standard.signaturePassword, "NEWPASS9"),
            ("card-info", "MYNA_CARD_INFO_PIN", "MYNA_NEW_CARD_INFO_PIN", Standard.cardInfoPIN, "9753"),
        ]
        for (which, current, new, old, value) in changes {
            let result = try await simulatedJSON(
                ["change-pin", which, "--state-file", state], environment: [current: old, new: value])
            #expect(result["changed"]?.bool == true)
        }
        _ = try await simulatedJSON(["check", "--state-file", state], environment: ["MYNA_PIN": "2468"])
        _ = try await simulatedJSON(["certificate", "sign", "--state-file", state], environment: ["MYNA_SIGN_PASSWORD": "newpass9"])
        _ = try await simulatedJSON(["number", "--state-file", state], environment: ["MYNA_CARD_INFO_PIN": "9753"])
        let error = try await failingJSON(
            ["--persona", "standard", "--state-file", state, "check"], status: Exit.wrongCredential,
            environment: ["MYNA_PIN": Standard.pin])
        #expect(error["retriesRemaining"]?.int == 2)
    }

    @Test("check: PIN mode signs a challenge; face and visual modes; the emergency profile")
    func qualificationCheck() async throws {
        let pin = try await simulatedJSON(["check", "--mode", "pin"])
        #expect(pin["mode"]?.string == "pin")
        #expect(pin["record"]?["signature"]?["value"]?.string?.isEmpty == false)
        #expect(pin["record"]?["certificate"]?["validity"]?.string == "valid")

        let face = try await simulatedJSON(["check", "--mode", "face", "--face-verdict", "match"] + Standard.cardFront)
        #expect(face["record"]?["faceMatch"]?["consecutiveFailuresBefore"]?.int == 0)

        let visual = try await simulatedJSON(
            ["check", "--mode", "visual", "--operator-decision", "confirm", "--operator-id", "A-17"] + Standard.cardFront)
        #expect(visual["record"]?["operatorConfirmation"]?["operatorID"]?.string == "A-17")
        #expect(visual["record"]?["operatorConfirmation"]?["facePhotoShown"]?.bool == true)

        let printed = try await simulatedJSON(["check", "--mode", "visual", "--operator-decision", "confirm"], environment: [:])
        #expect(printed["warnings"]?.array == [.string("facePhotoUnavailable")])

        let emergency = try await simulatedJSON(
            ["check", "--emergency", "--consent", "not-obtainable", "--operator-decision", "confirm"], environment: [:])
        #expect(emergency["profile"]?.string == "emergency")
        #expect(emergency["mode"]?.string == "visual")
        #expect(emergency["record"]?["emergencyConsent"]?.string == "notObtainable")

        let emergencyPIN = try await simulatedJSON(["check", "--emergency", "--consent", "given", "--mode", "pin"])
        #expect(emergencyPIN["profile"]?.string == "emergency")

        let renewal = try await simulatedJSON(["check"], persona: "certificateExpiringSoon")
        #expect(renewal["warnings"]?.array == [.string("certificateRenewalDue")])
    }

    @Test("check: what does not pass fails with its exit status and remedy")
    func qualificationCheckFailures() async throws {
        let mismatch = try await failingJSON(
            ["--simulated", "check", "--mode", "face", "--face-verdict", "mismatch"] + Standard.cardFront,
            status: Exit.checkFailed)
        #expect(mismatch["code"]?.string == "faceNotMatched")
        #expect(mismatch["retriesRemaining"]?.int == 9)

        let declined = try await failingJSON(
            ["--simulated", "check", "--mode", "visual", "--operator-decision", "decline"], status: Exit.checkFailed)
        #expect(declined["code"]?.string == "visualConfirmationDeclined")

        let emergencyFace = try await failingJSON(
            ["--simulated", "check", "--emergency", "--consent", "given", "--mode", "face", "--face-verdict", "match"]
                + Standard.cardFront, status: Exit.usage)
        #expect(emergencyFace["code"]?.string == "modeNotAllowed")

        let faceCard = try await failingJSON(["--persona", "faceAuthentication", "check", "--mode", "pin"], status: Exit.notPresent)
        #expect(faceCard["code"]?.string == "pinNotAvailable")

        let locked = try await failingJSON(["--persona", "pinLocked", "check"], status: Exit.credentialLocked)
        #expect(locked["code"]?.string == "pinLocked")
        #expect(locked["stillWorks"]?.array == [.string("face"), .string("visual")])
        #expect(locked["remedy"]?.string?.contains("municipal office") == true)
    }

    @Test("check: 10 face mismatches lock face authentication in the face store")
    func faceLock() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("faces.json").path
        let arguments = ["--simulated", "check", "--mode", "face", "--face-store", store] + Standard.cardFront
        for attempt in 1...9 {
            let error = try await failingJSON(arguments + ["--face-verdict", "mismatch"], status: Exit.checkFailed)
            #expect(error["retriesRemaining"]?.int == 10 - attempt)
        }
        let last = try await failingJSON(arguments + ["--face-verdict", "mismatch"], status: Exit.credentialLocked)
        #expect(last["code"]?.string == "faceLocked")
        let after = try await failingJSON(arguments + ["--face-verdict", "match"], status: Exit.credentialLocked)
        #expect(after["code"]?.string == "faceLocked")
        let diagnosis = try await simulatedJSON(["diagnose", "--face-store", store], environment: [:])
        #expect(diagnosis["diagnosis"]?["code"]?.string == "faceLocked")
        #expect(diagnosis["observations"]?["faceFailures"]?.int == 10)
    }

    @Test("diagnose: no problem, a locked PIN, an expired certificate, a reader fault")
    func diagnose() async throws {
        let fine = try await simulatedJSON(["diagnose"], environment: [:])
        #expect(fine["diagnosis"]?["code"]?.string == "noProblemFound")
        let locked = try await simulatedJSON(["diagnose"], persona: "pinLocked", environment: [:])
        #expect(locked["diagnosis"]?["code"]?.string == "pinLocked")
        #expect(locked["diagnosis"]?["stillWorks"]?.array == [.string("face"), .string("visual")])
        let expired = try await simulatedJSON(["diagnose"], persona: "certificateExpired", environment: [:])
        #expect(expired["diagnosis"]?["code"]?.string == "certificateExpiredWithinGrace")
        let reader = try await simulatedJSON(["diagnose", "--other-card-reads-fine", "no"], environment: [:])
        #expect(reader["diagnosis"]?["code"]?.string == "readerFault")
        let swapped = try await simulatedJSON(["diagnose", "--card-reads-fine-elsewhere", "yes"], environment: [:])
        #expect(swapped["diagnosis"]?["code"]?.string == "readerFault")
        #expect(swapped["observations"]?["thisCardReadsFineOnAnotherReader"]?.bool == true)
    }

    @Test("watch on the simulated card: two JSON lines")
    func watch() async throws {
        let run = try await Myna.run(["--simulated", "watch", "--json"])
        #expect(run.status == Exit.success, "\(run)")
        let lines = run.stdoutText.split(separator: "\n")
        #expect(lines.count == 2)
        let validator = SchemaValidator(directory: Myna.schemaDirectory)
        var events: [String] = []
        for line in lines {
            let document = try JSONValue.parse(Array(line.utf8))
            #expect(try validator.violations(of: document, against: "watch.schema.json").isEmpty)
            events.append(document["result"]?["event"]?.string ?? "")
        }
        #expect(events == ["readerAttached", "cardInserted"])
    }

    @Test("text output names the simulated card on stderr and prints plain words")
    func textOutput() async throws {
        let run = try await Myna.run(["--simulated", "info"])
        #expect(run.status == Exit.success)
        #expect(run.stderr.contains("Using the simulated card"))
        #expect(run.stdoutText.contains("user-authentication PIN") && run.stdoutText.contains("3 of 3 tries left"))
    }
}
