import Foundation
import MynaCodec
import MynaPCSC
import MynaTransport
import Testing

/// After every `myna` command that uses a PIN or password, a second PC/SC client on the same reader can
/// neither sign with either JPKI key nor read a protected file without a VERIFY of its own.
@Suite("myna leaves the card logged out (pcscd and vpcd)", .serialized, .enabled(if: PCSCEnvironment.shouldRun, PCSCEnvironment.howToEnable))
struct PCSCLogOutTests {
    static let jpki: [UInt8] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]
    static let text: [UInt8] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]
    static let surface: [UInt8] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02]

    /// What the second client tries: (applet, command, name). Each must answer 6982.
    static func attempts() throws -> [([UInt8], CommandAPDU, String)] {
        // A SHA-256 DigestInfo of 32 arbitrary bytes: the card signs whatever it is given.
        let digestInfo: [UInt8] =
            [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
            + Array(repeating: 0xA5, count: 32)
        return [
            (jpki, try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x97, data: digestInfo, ne: 256), "JPKI sign, auth key (P2 97)"),
            (jpki, try CommandAPDU(cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x9A, data: digestInfo, ne: 256), "JPKI sign, signature key (P2 9A)"),
            (jpki, try CommandAPDU(ins: 0xB0, p1: 0x81, p2: 0x00, ne: 256), "JPKI signature certificate (SFI 01)"),
            (text, try CommandAPDU(ins: 0xB0, p1: 0x81, p2: 0x00, ne: 256), "text individual number (SFI 01)"),
            (text, try CommandAPDU(ins: 0xB0, p1: 0x82, p2: 0x00, ne: 256), "text basic attributes (SFI 02)"),
            (surface, try CommandAPDU(ins: 0xB0, p1: 0x82, p2: 0x00, ne: 256), "surface card face (SFI 02)"),
            (surface, try CommandAPDU(ins: 0xB0, p1: 0x85, p2: 0x00, ne: 256), "surface number image (SFI 05)"),
        ]
    }

    /// The second client: connects (shared), selects the applet and sends the command without a VERIFY.
    /// Returns the attempts that did not answer 6982.
    static func secondClient() async throws -> [String] {
        let context = try await PCSCContext.establish()
        var open: [String] = []
        for (applet, command, name) in try attempts() {
            let connection = try await context.connect(to: PCSCEnvironment.reader)
            let select = try await connection.transmit(try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: applet))
            let response = try await connection.transmit(command)
            if select.statusWord != .success || response.statusWord != .securityStatusNotSatisfied {
                open.append("\(name): SELECT \(select.statusWord), then \(response.statusWord)")
            }
            try await connection.disconnect(.leave)
        }
        await context.release()
        return open
    }

    @Test("every PIN- or password-using command: a second client gets 6982 for signing and protected reads")
    func everyCommandLogsOut() async throws {
        let lock = try await VPCDPortLock.acquire()
        defer { withExtendedLifetime(lock) {} }
        try await PCSCEndToEndTests.waitForCard(present: false)

        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = directory.appendingPathComponent("message.txt")
        try Data("to be signed".utf8).write(to: message)
        let server = try VPCDServer(
            ["--persona", "standard", "--state-file", directory.appendingPathComponent("card.json").path, "--json",
             "vpcd", "--port", PCSCEnvironment.port],
            in: directory)
        defer { server.stopIfRunning() }
        try await PCSCEndToEndTests.waitForCard(present: true)

        // Before anything: the card is locked (the probes themselves are sound).
        #expect(try await Self.secondClient().isEmpty)

        let reader = ["--reader", PCSCEnvironment.reader]
        let environment = Standard.environment.merging(
            ["MYNA_NEW_PIN": Standard.pin, "MYNA_NEW_CARD_INFO_PIN": Standard.cardInfoPIN]) { $1 }
        let commands: [(String, [String])] = [
            ("check --mode pin", ["check", "--mode", "pin"]),
            ("check --mode face (PIN-B)", ["check", "--mode", "face", "--face-verdict", "match"] + Standard.cardFront),
            ("check --mode visual (PIN-B)", ["check", "--mode", "visual", "--operator-decision", "confirm"] + Standard.cardFront),
            ("sign --key auth", ["sign", "--key", "auth", "--input", message.path]),
            ("sign --key sign", ["sign", "--key", "sign", "--input", message.path]),
            ("certificate sign", ["certificate", "sign"]),
            ("attributes (PIN)", ["attributes"]),
            ("attributes (PIN-B)", ["attributes", "--with", "pin-b"] + Standard.cardFront),
            ("number", ["number"]),
            ("face (PIN-B)", ["face"] + Standard.cardFront),
            ("face (PIN-A)", ["face", "--with", "pin-a"]),
            ("change-pin auth", ["change-pin", "auth"]),
            ("change-pin card-info", ["change-pin", "card-info"]),
        ]
        for (name, arguments) in commands {
            let run = try await Myna.run(reader + arguments + ["--json"], environment: environment, in: directory)
            #expect(run.status == Exit.success, "\(name): \(run)")
            let open = try await Self.secondClient()
            #expect(open.isEmpty, "after myna \(name) a second client could: \(open)")
        }
        // A failing command (wrong PIN) leaves nothing either.
        let wrong = try await Myna.run(reader + ["sign", "--key", "auth", "--input", message.path, "--json"], environment: ["MYNA_PIN": "9999"], in: directory)
        #expect(wrong.status == Exit.wrongCredential, "\(wrong)")
        #expect(try await Self.secondClient().isEmpty)

        _ = try await server.interrupt()
        try await PCSCEndToEndTests.waitForCard(present: false)
    }
}
