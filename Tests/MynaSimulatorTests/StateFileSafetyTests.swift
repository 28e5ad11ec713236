import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

/// State files and personas that could crash the simulator or silently lose counters.
@Suite("State files and personas: safety")
struct StateFileSafetyTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myna-sim-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("A state that cannot be saved fails the command instead of silently not persisting")
    func unsavedStateIsAnError() throws {
        let directory = try Self.temporaryDirectory()
        let url = directory.appendingPathComponent("card.json")
        let card = try SimulatedCard.persistent(stateFile: url, persona: .standard)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        // The directory goes away (an unmounted share): the next counter change cannot be saved.
        try FileManager.default.removeItem(at: directory)
        #expect {
            _ = try card.send(APDU.verify("9999"))
        } throws: { error in
            (error as? TransportError)?.code == .backendFailure
        }
        // Commands that change nothing still work.
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63C2)
    }

    @Test("A state file that never ends (/dev/zero) is refused after the size limit")
    func endlessStateFile() {
        #expect {
            _ = try SimulatedCardState(contentsOf: URL(fileURLWithPath: "/dev/zero"))
        } throws: { error in
            guard let error = error as? SimulatorError else { return false }
            return error.code == .stateFile && error.reason.contains("larger than")
        }
    }

    @Test("The state file is created owner-only, with no temporary file left behind")
    func permissions() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("card.json")
        try SimulatedCardState(persona: .standard, buildDate: Persona.standard.issueDate).write(to: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["card.json"])
    }

    @Test(
        "A persona whose name, address or photo would not fit the card files is invalid, never a trap",
        arguments: ["family", "given", "address", "photo"])
    func oversizedPersona(field: String) throws {
        var persona = Persona.standard
        let long = String(repeating: "あ", count: 30_000)  // 90,000 UTF-8 bytes: beyond a 16-bit offset
        switch field {
        case "family": persona.name.family = long
        case "given": persona.name.given = long
        case "address": persona.address = long
        default: persona.photoJP2Base64 = Data(repeating: 0x41, count: 70_000).base64EncodedString()
        }
        #expect(throws: SimulatorError.self) { try persona.validate() }
        #expect {
            _ = try CardImage(persona: persona)
        } throws: { error in
            (error as? SimulatorError)?.code == .invalidPersona
        }
        // Read from a state file too.
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("card.json")
        try SimulatedCardState(persona: persona, buildDate: persona.issueDate).write(to: url)
        #expect {
            _ = try SimulatedCard.persistent(stateFile: url, persona: .standard)
        } throws: { error in
            (error as? SimulatorError)?.code == .invalidPersona
        }
    }

    @Test("A persona at the size limits still builds")
    func personaAtTheLimits() throws {
        var persona = Persona.standard
        persona.address = String(repeating: "a", count: Persona.maximumTextLength)
        persona.name.family = String(repeating: "b", count: Persona.maximumTextLength)
        _ = try CardImage(persona: persona)
    }
}
