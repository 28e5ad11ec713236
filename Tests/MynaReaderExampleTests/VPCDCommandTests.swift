import Testing

/// `myna vpcd` is the one way to serve the simulated card to vpcd: its options are checked before anything
/// is served (the serving itself runs in the pcscd end-to-end suite).
@Suite("myna vpcd options")
struct VPCDCommandTests {
    @Test("a malformed --atr or a negative --response-delay is a usage error")
    func invalidOptions() async throws {
        let atr = try await Myna.run(["vpcd", "--atr", "12 34"])
        #expect(atr.status == Exit.usage, "\(atr)")
        #expect(atr.stderr.contains("--atr"), "\(atr)")
        let delay = try await Myna.run(["vpcd", "--response-delay=-5"])
        #expect(delay.status == Exit.usage, "\(delay)")
    }

    @Test("the help lists the endpoint, the answer to reset and the faults")
    func help() async throws {
        let run = try await Myna.run(["vpcd", "--help"])
        #expect(run.status == 0, "\(run)")
        for option in ["--port", "--host", "--atr", "--t0-style", "--short-apdus-only", "--response-delay", "--persona"] {
            #expect(run.stdoutText.contains(option), "\(option) is missing from the help")
        }
    }
}
