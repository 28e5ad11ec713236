import Foundation
import Testing

/// Where PINs come from, the wrong-PIN path, and the last-try guard.
@Suite("PINs: sources, wrong values, the last-try guard")
struct CredentialTests {
    @Test("the PIN from its environment variable, from --pin-env, and from standard input")
    func sources() async throws {
        _ = try await simulatedJSON(["check"], environment: ["MYNA_PIN": Standard.pin])
        _ = try await simulatedJSON(
            ["check", "--pin-env", "CLINIC_PIN"], environment: ["CLINIC_PIN": Standard.pin, "MYNA_PIN": "0000"])
        _ = try await simulatedJSON(["check", "--pin-stdin"], environment: [:], input: .text(Standard.pin + "\n"))
        // Windows line ends too.
        _ = try await simulatedJSON(["check", "--pin-stdin"], environment: [:], input: .text(Standard.pin + "\r\n"))
        // Several secrets on standard input, in the documented order: the security code for PIN-B.
        _ = try await simulatedJSON(
            ["face", "--pin-stdin"] + Standard.cardFront, environment: [:], input: .text(Standard.securityCode + "\n"))
        // change-pin: the current value, then the new one.
        _ = try await simulatedJSON(["change-pin", "--pin-stdin"], environment: [:], input: .text("1234\n5678\n"))
    }

    @Test("no PIN and no terminal: a usage failure naming the variable, never a hang")
    func missing() async throws {
        let error = try await failingJSON(["--simulated", "check"], status: Exit.usage, environment: [:])
        #expect(error["code"]?.string == "credentialMissing")
        #expect(error["remedy"]?.string?.contains("MYNA_PIN") == true)
        let renamed = try await failingJSON(
            ["--simulated", "check", "--pin-env", "NOT_SET_ANYWHERE"], status: Exit.usage, environment: [:])
        #expect(renamed["message"]?.string?.contains("NOT_SET_ANYWHERE") == true)
        let ended = try await failingJSON(["--simulated", "change-pin", "--pin-stdin"], status: Exit.usage, environment: [:], input: .text("1234\n"))
        #expect(ended["message"]?.string?.contains("new user-authentication PIN") == true)
    }

    @Test("a PIN is never accepted on the command line")
    func notOnTheCommandLine() async throws {
        for option in ["--pin", "--password", "--security-code"] {
            let error = try await failingJSON(["--simulated", "check", option, "1234"], status: Exit.usage, environment: [:])
            #expect(error["code"]?.string == "usage")
        }
    }

    @Test("a PIN of the wrong format is refused before anything is sent")
    func format() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        let error = try await failingJSON(
            ["--simulated", "--state-file", state, "check"], status: Exit.usage, environment: ["MYNA_PIN": "12a4"])
        #expect(error["code"]?.string == "invalidPINFormat")
        let info = try await simulatedJSON(["info", "--state-file", state], environment: [:])
        let pin = info["counters"]?.array?.first { $0["credential"]?.string == "user-authentication PIN" }
        #expect(pin?["remaining"]?.int == 3)
    }

    @Test("wrong PINs: exit 4 with the tries left, the last try refused without consent, locked after it")
    func wrongPINAndLastTry() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        let arguments = ["--simulated", "--state-file", state, "check"]
        let wrong = ["MYNA_PIN": "9999"]

        let first = try await failingJSON(arguments, status: Exit.wrongCredential, environment: wrong)
        #expect(first["code"]?.string == "wrongPIN")
        #expect(first["retriesRemaining"]?.int == 2)
        #expect(first["credential"]?.string == "user-authentication PIN")
        #expect(first["statusWord"]?.string == "63C2")
        let second = try await failingJSON(arguments, status: Exit.wrongCredential, environment: wrong)
        #expect(second["retriesRemaining"]?.int == 1)

        // stdin closed, no terminal, no --allow-last-try: declined, and nothing was spent.
        let declined = try await failingJSON(arguments, status: Exit.lastTryDeclined, environment: wrong)
        #expect(declined["code"]?.string == "lastTryDeclined")
        #expect(declined["retriesRemaining"]?.int == 1)
        let stillOne = try await failingJSON(arguments, status: Exit.lastTryDeclined, environment: wrong)
        #expect(stillOne["retriesRemaining"]?.int == 1)

        // Consent given in advance: the last try is spent, and the PIN locks.
        let locked = try await failingJSON(arguments + ["--allow-last-try"], status: Exit.credentialLocked, environment: wrong)
        #expect(locked["code"]?.string == "pinLocked")
        #expect(locked["retriesRemaining"]?.int == 0)
        #expect(locked["stillWorks"]?.array == [.string("face"), .string("visual")])

        // Locked: even the right PIN is refused, without a VERIFY.
        let after = try await failingJSON(arguments, status: Exit.credentialLocked, environment: ["MYNA_PIN": Standard.pin])
        #expect(after["code"]?.string == "pinLocked")

        // The plain-words version on stderr.
        let text = try await Myna.run(arguments, environment: ["MYNA_PIN": Standard.pin])
        #expect(text.status == Exit.credentialLocked)
        #expect(text.stderr.contains("locked") && text.stderr.contains("municipal office"))
        #expect(text.stderr.contains("face authentication or visual confirmation"))
    }

    @Test("the last try spent with the right PIN resets the counter")
    func lastTryRight() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        for _ in 0..<2 {
            try await failingJSON(
                ["--simulated", "--state-file", state, "number"], status: Exit.wrongCredential,
                environment: ["MYNA_CARD_INFO_PIN": "0000"])
        }
        _ = try await simulatedJSON(["number", "--state-file", state, "--allow-last-try"])
        let info = try await simulatedJSON(["info", "--state-file", state], environment: [:])
        let counter = info["counters"]?.array?.first { $0["credential"]?.string == "card info PIN" }
        #expect(counter?["remaining"]?.int == 3)
    }

    @Test("--trace masks the PIN and redacts response data unless --trace-data")
    func trace() async throws {
        let run = try await Myna.run(["--simulated", "--trace", "check"], environment: ["MYNA_PIN": Standard.pin])
        #expect(run.status == Exit.success, "\(run)")
        #expect(run.stderr.contains("> 00 A4 04 0C Lc=10 D392F000260100000001"))
        // The PIN named by short EF identifier (P2 98 = 80|0018), as the empty VERIFY before it showed the card takes.
        #expect(run.stderr.contains("> 00 20 00 98 Lc=4 <4 bytes redacted>"))
        #expect(!run.stderr.contains("31323334") && !run.stderr.contains("31 32 33 34"))
        // The certificate is read, but only its length is shown.
        #expect(run.stderr.contains("bytes, SW 9000"))
        #expect(!run.stderr.contains("< 3082"))
        let revealing = try await Myna.run(
            ["--simulated", "--trace", "--trace-data", "certificate", "auth-ca"], environment: [:])
        #expect(revealing.stderr.contains("< 3082"))
    }
}
