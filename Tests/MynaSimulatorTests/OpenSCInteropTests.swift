import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaVPCD
import Testing

/// Whether the machine can run the OpenSC interop test: pcscd running, OpenSC installed.
enum InteropEnvironment {
    static let reader = "Virtual PCD 00 01"
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var pcscdRunning: Bool {
        FileManager.default.fileExists(atPath: "/run/pcscd/pcscd.comm")
            || FileManager.default.fileExists(atPath: "/var/run/pcscd/pcscd.comm")
    }

    static var available: Bool { pcscdRunning && tool("opensc-tool") != nil && tool("pkcs15-tool") != nil }

    /// Run in CI always (so that a missing pcscd fails loudly); elsewhere only when the tools are there.
    static var shouldRun: Bool { available || isCI }

    static let skipMessage: Comment = """
        pcscd with vsmartcard's vpcd driver and OpenSC are needed: \
        apt-get install pcscd vsmartcard-vpcd opensc; pcscd -f -a &
        """

    /// Runs a tool, returning its standard output; fails the test if it does not finish in time.
    static func run(_ tool: String, _ arguments: [String], timeout: Duration = .seconds(30)) async throws -> (status: Int32, output: String) {
        let executable = try #require(self.tool(tool), "\(tool) is not installed")
        let result = try await ChildProcess.run(
            URL(fileURLWithPath: executable), arguments, mergingStandardError: true, timeout: timeout)
        return (result.status, result.stdoutText)
    }
}

@Suite("Interop with OpenSC through pcscd + vpcd", .serialized, .enabled(if: InteropEnvironment.shouldRun, InteropEnvironment.skipMessage))
struct OpenSCInteropTests {
    /// The contact ATR OpenSC's JPKI driver matches at once, and a contactless one that makes OpenSC probe
    /// some 30 other card types' AIDs first (each must get 6A82, and nothing may break after them).
    @Test(
        "opensc-tool names the card jpki, pkcs15-tool reads the certificate byte for byte and lists tries left",
        arguments: ["contact", "contactless"])
    func openSC(atrName: String) async throws {
        try #require(
            InteropEnvironment.available,
            "CI=true but pcscd (with vsmartcard-vpcd) or OpenSC is missing: .ci/run installs them and starts pcscd")
        let lock = try await VPCDPortLock.acquire()
        defer { withExtendedLifetime(lock) {} }
        let card = try SimulatedCard(persona: .standard)
        let atr = try #require(SimulatedCard.knownATRs[atrName])
        let connection = VirtualCardConnection(endpoint: .reader1, card: card, atr: atr)
        let serving = Task { try await connection.run() }
        defer { serving.cancel() }

        // Wait until pcscd reports this card in the reader: insertion is asynchronous, and a card removed by a
        // previous test case may not have been noticed yet.
        try await Self.waitForCard(atr: atr)

        let name = try await InteropEnvironment.run("opensc-tool", ["--reader", InteropEnvironment.reader, "-n"])
        #expect(name.status == 0)
        #expect(name.output.split(separator: "\n").last == "jpki", "\(name.output)")

        let certificate = try await InteropEnvironment.run(
            "pkcs15-tool", ["--reader", InteropEnvironment.reader, "--read-certificate", "01"])
        #expect(certificate.status == 0, "\(certificate.output)")
        let expected = try #require(card.image.fileContent(application: .jpki, file: JPKIFile.authenticationCertificate))
        let derCount = Int(expected[2]) << 8 | Int(expected[3]) + 4
        #expect(try Self.pemBody(certificate.output) == Array(expected.prefix(derCount)))

        let pins = try await InteropEnvironment.run("pkcs15-tool", ["--reader", InteropEnvironment.reader, "--list-pins"])
        #expect(pins.status == 0, "\(pins.output)")
        #expect(Self.triesLeft(pins.output) == [3, 5], "\(pins.output)")

        // One wrong PIN straight into the card (between OpenSC's sessions): OpenSC sees two tries left.
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.verify("0000")).sw == 0x63C2)
        let after = try await InteropEnvironment.run("pkcs15-tool", ["--reader", InteropEnvironment.reader, "--list-pins"])
        #expect(Self.triesLeft(after.output) == [2, 5], "\(after.output)")

        await connection.stop()
        try await serving.value
    }

    static func waitForCard(atr: [UInt8]) async throws {
        let expected = Hex.encode(atr, separator: ":").lowercased()
        _ = try await InteropEnvironment.run("opensc-tool", ["--reader", InteropEnvironment.reader, "--wait", "--atr"])
        var last = ""
        for _ in 0..<75 {
            last = try await InteropEnvironment.run("opensc-tool", ["--reader", InteropEnvironment.reader, "--atr"]).output
            if last.lowercased().contains(expected) { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("pcscd never reported the simulated card (ATR \(expected)) in \(InteropEnvironment.reader): \(last)")
    }

    static func pemBody(_ text: String) throws -> [UInt8] {
        let lines = text.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "-----BEGIN CERTIFICATE-----"))
        let end = try #require(lines.firstIndex(of: "-----END CERTIFICATE-----"))
        let base64 = lines[(start + 1)..<end].joined()
        return Array(try #require(Data(base64Encoded: base64)))
    }

    static func triesLeft(_ text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            guard line.contains("Tries left") else { return nil }
            return line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
    }
}
