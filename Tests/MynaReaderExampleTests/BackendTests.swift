import Foundation
import Testing

/// Choosing the card: no smart-card service at all (as on a fresh machine running Scripts/demo), the
/// explicit choices, and usage errors.
@Suite("myna without pcscd, and usage")
struct BackendTests {
    /// libpcsclite looks for pcscd at this socket: pointing it nowhere is a machine without pcscd.
    static let noService = ["PCSCLITE_CSOCK_NAME": "/nonexistent/myna-test/pcscd.comm"]

    @Test("No pcscd and no --simulated: every card command fails with exit 8, never using the simulated card")
    func noFallback() async throws {
        // The tester's script of the issue: a passing check without a card would be a lie.
        let check = try await failingJSON(
            ["check"], status: Exit.transport, environment: Self.noService.merging(["MYNA_PIN": Standard.pin]) { $1 })
        #expect(check["libraryError"]?.string == "TransportError.serviceUnavailable")
        let text = try await Myna.run(["check"], environment: Self.noService.merging(["MYNA_PIN": Standard.pin]) { $1 })
        #expect(text.status == Exit.transport, "\(text)")
        #expect(!text.stdoutText.contains("passed") && !text.stderr.contains("simulated"), "\(text)")
        for command in [["info"], ["certificate"], ["attributes"], ["number"], ["sign", "--input", "/dev/null"]] {
            let run = try await Myna.run(command + ["--json"], environment: Self.noService.merging(Standard.environment) { $1 })
            #expect(run.status == Exit.transport, "\(command): \(run)")
            let document = try expectDocument(run, schema: "error.schema.json")
            #expect(document["backend"] == nil && document["error"] != nil, "\(command): \(run)")
        }
    }

    @Test("Scripts/demo's `myna --simulated info` works without pcscd; so does MYNA_SIMULATED=1")
    func demo() async throws {
        let run = try await Myna.run(["--simulated", "info"], environment: Self.noService)
        #expect(run.status == Exit.success, "\(run)")
        #expect(run.stderr.contains("Using the simulated card"))
        #expect(run.stdoutText.contains("JPKIAPICCTOKEN2"))

        let json = try await Myna.run(["info", "--json"], environment: Self.noService.merging(["MYNA_SIMULATED": "1"]) { $1 })
        #expect(json.status == Exit.success, "\(json)")
        let document = try expectDocument(json, schema: "info.schema.json")
        #expect(document["backend"]?["kind"]?.string == "simulated")
        #expect(document["backend"]?["fallbackReason"] == nil)
        let script = try String(contentsOf: Myna.packageRoot.appendingPathComponent("Scripts/demo"), encoding: .utf8)
        #expect(script.contains("myna --simulated"))
    }

    @Test("readers, watch and --reader need the service: exit 8 with the remedy")
    func serviceNeeded() async throws {
        let readers = try await failingJSON(["readers"], status: Exit.transport, environment: Self.noService)
        #expect(readers["code"]?.string == "smartCardServiceUnavailable")
        #expect(readers["remedy"]?.string?.contains("pcscd") == true)
        let watch = try await failingJSON(["watch", "--timeout", "1"], status: Exit.transport, environment: Self.noService)
        #expect(watch["code"]?.string == "smartCardServiceUnavailable")
        let reader = try await failingJSON(["--reader", "Any Reader 00 00", "info"], status: Exit.transport, environment: Self.noService)
        #expect(reader["libraryError"]?.string == "TransportError.serviceUnavailable")
    }

    @Test("diagnose without pcscd names the missing service instead of using the simulated card")
    func diagnoseWithoutService() async throws {
        let run = try await Myna.run(["diagnose", "--json"], environment: Self.noService)
        #expect(run.status == Exit.success, "\(run)")
        let document = try expectDocument(run, schema: "diagnose.schema.json")
        #expect(document["backend"] == nil)
        #expect(document["result"]?["diagnosis"]?["code"]?.string == "smartCardServiceUnavailable")

        // A named reader that cannot be opened is diagnosed too, not reported as a failure.
        let named = try await Myna.run(["--reader", "Any Reader 00 00", "diagnose", "--json"], environment: Self.noService)
        #expect(named.status == Exit.success, "\(named)")
        let namedDocument = try expectDocument(named, schema: "diagnose.schema.json")
        #expect(namedDocument["result"]?["diagnosis"]?["code"]?.string == "smartCardServiceUnavailable")
        #expect(namedDocument["result"]?["observations"]?["error"]?["exitCode"]?.int == Int(Exit.transport))
    }

    @Test("usage errors exit 2, in JSON too")
    func usage() async throws {
        let unknown = try await failingJSON(["info", "--bogus"], status: Exit.usage, environment: [:])
        #expect(unknown["code"]?.string == "usage")
        let unknownCommand = try await Myna.run(["frobnicate", "--json"])
        #expect(unknownCommand.status == Exit.usage)
        try expectDocument(unknownCommand, schema: "error.schema.json")
        _ = try await failingJSON(["--reader", "X", "--simulated", "info"], status: Exit.usage, environment: [:])
        _ = try await failingJSON(["--simulated", "certificate", "nope"], status: Exit.usage, environment: [:])
        _ = try await failingJSON(["--simulated", "check", "--emergency"], status: Exit.usage, environment: [:])
        let persona = try await failingJSON(["--persona", "nobody", "info"], status: Exit.usage, environment: [:])
        #expect(persona["code"]?.string == "unknownPersona")
        #expect(persona["remedy"]?.string?.contains("faceAuthentication") == true)
        let text = try await Myna.run(["info", "--bogus"])
        #expect(text.status == Exit.usage)
        #expect(text.stderr.contains("Unknown option '--bogus'"))
        #expect(text.stdout.isEmpty)
    }

    @Test("help is plain text on stdout, exit 0")
    func help() async throws {
        let run = try await Myna.run(["--help"])
        #expect(run.status == Exit.success)
        for command in ["readers", "watch", "info", "certificate", "attributes", "number", "face", "sign", "verify-signature", "change-pin", "check", "diagnose", "vpcd"] {
            #expect(run.stdoutText.contains(command), "\(command) is missing from the help")
        }
        #expect(run.stdoutText.contains("MYNA_PIN"))
    }

    @Test("a state file of another persona is refused")
    func stateFilePersona() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        _ = try await simulatedJSON(["info", "--state-file", state], persona: "child", environment: [:])
        let error = try await failingJSON(["--persona", "standard", "--state-file", state, "info"], status: Exit.usage, environment: [:])
        #expect(error["message"]?.string?.contains("child") == true)
        // Without --persona the state file's persona is used.
        let run = try await Myna.run(["--state-file", state, "info", "--json"])
        let document = try expectDocument(run, schema: "info.schema.json")
        #expect(document["backend"]?["persona"]?.string == "child")
    }
}
