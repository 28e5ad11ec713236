import Foundation
import Testing

/// The card pulled at every moment: for each command that talks to the card, a run pulls it after 0, 1, 2, …
/// APDUs (the simulator's removal fault, `MYNA_SIMULATOR_REMOVE_AFTER`) until the command gets through.
/// Every earlier run must exit 3 with a JSON error document and leave no output file behind.
@Suite("The card pulled at every APDU")
struct CardPulledTests {
    /// One command: its arguments (`OUT` is replaced by a path in the run's own directory) and whether the
    /// card sits behind a reader limited to short APDUs (more APDUs, as the issue's report).
    struct Case: Sendable, CustomStringConvertible {
        var arguments: [String]
        var shortAPDUs: Bool = false
        var extraEnvironment: [String: String] = [:]
        var description: String { arguments.joined(separator: " ") + (shortAPDUs ? " (short APDUs)" : "") }
    }

    static let cases: [Case] = [
        Case(arguments: ["info"]),
        Case(arguments: ["certificate", "--output", "OUT/auth.pem"]),
        Case(arguments: ["certificate", "sign", "--output", "OUT/sign.pem"]),
        Case(arguments: ["attributes"]),
        Case(arguments: ["number"]),
        Case(arguments: ["face", "--photo-png", "OUT/photo.png", "--html", "OUT/report.html"] + Standard.cardFront, shortAPDUs: true),
        Case(arguments: ["face", "--images-dir", "OUT/images"] + Standard.cardFront),
        Case(arguments: ["sign", "--input", "IN", "--output", "OUT/signature.bin", "--certificate-output", "OUT/signer.pem"]),
        Case(arguments: ["check"]),
        Case(arguments: ["check", "--mode", "face", "--face-verdict", "match"] + Standard.cardFront),
        Case(
            arguments: ["check", "--mode", "visual", "--operator-decision", "confirm", "--photo-png", "OUT/photo.png"]
                + Standard.cardFront, shortAPDUs: true),
        Case(arguments: ["change-pin"], extraEnvironment: ["MYNA_NEW_PIN": "2468"]),
    ]

    /// Runs `testCase` with the card pulled after `count` APDUs (`nil`: never) in a fresh directory.
    static func run(_ testCase: Case, pulledAfter count: Int?) async throws -> (run: Myna.Run, files: [String]) {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputs = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("message.txt")
        try Data("a message to sign".utf8).write(to: input)
        let arguments = testCase.arguments.map {
            $0.replacingOccurrences(of: "OUT", with: outputs.path).replacingOccurrences(of: "IN", with: input.path)
        }
        var environment = Standard.environment.merging(testCase.extraEnvironment) { $1 }
        if let count { environment["MYNA_SIMULATOR_REMOVE_AFTER"] = "\(count)" }
        if testCase.shortAPDUs { environment["MYNA_SIMULATOR_SHORT_APDUS"] = "1" }
        let run = try await Myna.run(["--simulated", "--json"] + arguments, environment: environment)
        let files = FileManager.default.subpaths(atPath: outputs.path) ?? []
        return (run, files)
    }

    @Test("exit 3, an error document, no file written — at every APDU index", arguments: cases)
    func pulledEverywhere(_ testCase: Case) async throws {
        let healthy = try await Self.run(testCase, pulledAfter: nil)
        #expect(healthy.run.status == Exit.success, "\(testCase): \(healthy.run)")
        #expect(!healthy.files.isEmpty || !testCase.arguments.contains { $0.hasPrefix("OUT") })
        var count = 0
        while true {
            let (run, files) = try await Self.run(testCase, pulledAfter: count)
            if run.status == Exit.success {
                // The command got through before the card was pulled: every APDU index has been tried.
                #expect(count > 0, "\(testCase)")
                break
            }
            #expect(run.status == Exit.noReaderOrCard, "\(testCase), pulled after \(count) APDUs: \(run)")
            let document = try expectDocument(run, schema: "error.schema.json")
            #expect(document["result"] == nil && document["error"]?["exitCode"]?.int == Int(Exit.noReaderOrCard),
                    "\(testCase), pulled after \(count): \(run)")
            #expect(files.isEmpty, "\(testCase), pulled after \(count) APDUs, files were written: \(files)")
            count += 1
            guard count < 400 else {
                Issue.record("\(testCase): still failing after 400 APDUs")
                break
            }
        }
    }

    @Test("myna face reports the certificate's validity, or why it is absent — never drops the field")
    func faceCertificateValidity() async throws {
        let face = try await simulatedJSON(["face"] + Standard.cardFront)
        #expect(face["certificateValidity"]?.string == "valid")
        #expect(face["certificateValidityUnavailable"] == nil)
    }
}
