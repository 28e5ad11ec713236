import Foundation
import Testing

/// The PIN prompt in a real pseudo-terminal: no echo, echo restored afterwards — also after Ctrl-C — and
/// the last-try question.
@Suite(
    "The PIN prompt in a pseudo-terminal",
    .enabled(if: PseudoTerminal.script != nil, "needs util-linux script (apt-get install bsdutils)"))
struct TerminalPromptTests {
    static var myna: String {
        get throws { try #require(Myna.executable, "the myna executable was not built").path }
    }

    /// `stty -a` lists `echo` (not `-echo`) when echo is on.
    static func echoIsOn(_ sttyOutput: String) -> Bool {
        sttyOutput.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\n" || $0 == "\r" }).contains("echo")
    }

    @Test("the PIN typed at the prompt is not echoed, and echo is back afterwards")
    func noEcho() async throws {
        try await Self.expectPINNotEchoed("'\(try Self.myna)' --simulated check")
    }

    /// Runs `command` on a terminal, types the standard PIN at its prompt, and expects a passed check with
    /// the PIN never echoed and echo restored afterwards.
    static func expectPINNotEchoed(_ command: String) async throws {
        let terminal = try PseudoTerminal("\(command); stty -a", environment: [:])
        try await terminal.waitFor("User-authentication PIN (4 digits): ")
        terminal.type(Standard.pin + "\n")
        let (status, output) = try await terminal.finish()
        #expect(status == 0, "\(output)")
        #expect(output.contains("Qualification check passed"))
        #expect(!output.contains(Standard.pin), "the PIN was echoed:\n\(output)")
        #expect(Self.echoIsOn(output), "echo was not restored:\n\(output)")
    }

    @Test("change-pin asks for the new value twice, echoing none")
    func newValueTwice() async throws {
        let terminal = try PseudoTerminal("'\(try Self.myna)' --simulated change-pin", environment: [:])
        try await terminal.waitFor("User-authentication PIN (4 digits): ")
        terminal.type("1234\n")
        try await terminal.waitFor("New user-authentication PIN (4 digits): ")
        terminal.type("5678\n")
        try await terminal.waitFor("New user-authentication PIN again: ")
        terminal.type("5678\n")
        let (status, output) = try await terminal.finish()
        #expect(status == 0, "\(output)")
        #expect(output.contains("was changed"))
        #expect(!output.contains("1234") && !output.contains("5678"), "a PIN was echoed:\n\(output)")
    }

    @Test("Ctrl-C at the prompt restores echo and exits with 130")
    func interrupted() async throws {
        // The shell ignores SIGINT so that it survives to report; myna installs its own handler.
        let terminal = try PseudoTerminal(
            "trap '' INT; '\(try Self.myna)' --simulated check; echo \"status=$?\"; stty -a", environment: [:])
        try await terminal.waitFor("User-authentication PIN (4 digits): ")
        terminal.type("12")
        terminal.type("\u{03}")
        let (_, output) = try await terminal.finish()
        #expect(output.contains("status=130"), "\(output)")
        #expect(Self.echoIsOn(output), "echo was not restored after Ctrl-C:\n\(output)")
        #expect(!output.contains("Qualification check passed"))
    }

    @Test("the last-try guard asks on the terminal: no declines, yes spends it")
    func lastTryQuestion() async throws {
        let directory = try Myna.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("card.json").path
        for _ in 0..<2 {
            try await failingJSON(
                ["--simulated", "--state-file", state, "check"], status: Exit.wrongCredential, environment: ["MYNA_PIN": "9999"])
        }
        let command = "'\(try Self.myna)' --simulated --state-file '\(state)' check"
        let declining = try PseudoTerminal(command, environment: ["MYNA_PIN": Standard.pin])
        try await declining.waitFor("Spend the last try? Type yes to continue: ")
        declining.type("no\n")
        let declined = try await declining.finish()
        #expect(declined.status == Exit.lastTryDeclined, "\(declined.output)")

        let agreeing = try PseudoTerminal(command, environment: ["MYNA_PIN": Standard.pin])
        try await agreeing.waitFor("Spend the last try? Type yes to continue: ")
        agreeing.type("yes\n")
        let agreed = try await agreeing.finish()
        #expect(agreed.status == 0, "\(agreed.output)")
        #expect(agreed.output.contains("Qualification check passed"))
    }

    @Test("visual mode asks the operator on the terminal, with the photo drawn, in the chosen language", arguments: [
        ("en", "Is the person in front of you the card holder? [yes/no] ", "the operator confirmed the holder"),
        ("ja", "目の前の方はカードの持ち主ご本人ですか？ [yes/no] ", "職員が本人であることを確認しました。"),
    ])
    func operatorQuestion(language: String, question: String, outcome: String) async throws {
        let terminal = try PseudoTerminal(
            "'\(try Self.myna)' --simulated --language \(language) check --mode visual --birth-date \(Standard.birthDate) --expiry-year \(Standard.expiryYear)",
            environment: ["MYNA_SECURITY_CODE": Standard.securityCode])
        try await terminal.waitFor(question)
        #expect(terminal.output.contains("\u{2580}"), "no photo was drawn:\n\(terminal.output)")
        terminal.type("yes\n")
        let (status, output) = try await terminal.finish()
        #expect(status == 0, "\(output)")
        #expect(output.contains(outcome), "\(output)")
        if language == "ja" {
            #expect(!output.contains("card holder") && output.contains("模擬カード（ペルソナ standard）を使います"), "\(output)")
        }
    }
}
