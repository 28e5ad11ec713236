import Foundation
import MynaPCSC
import MynaTransport
import Testing

/// pcscd not running → the clear "service not running" error.
///
/// pcsc-lite reads the service's socket path (`PCSCLITE_CSOCK_NAME`) once per process, so the check runs in
/// a child process — this test binary again, filtered to this test — whose socket path leads nowhere. It
/// needs no pcscd and runs everywhere on Linux.
@Suite("PC/SC service not running")
struct PCSCNoServiceTests {
    static let probeVariable = "MYNA_PCSC_NO_SERVICE_PROBE"
    static let probeMarker = "MYNA-PCSC-NO-SERVICE-PROBE-CHECKED"

    @Test("establishing a context fails with serviceUnavailable, SCARD_E_NO_SERVICE and the remedy")
    func serviceNotRunning() async throws {
        if ProcessInfo.processInfo.environment[Self.probeVariable] == "1" {
            try await probe()
        } else {
            try await runProbeInChildProcess()
        }
    }

    /// The child's side: the checks themselves.
    private func probe() async throws {
        let error = await #expect(throws: TransportError.self) { try await PCSCContext.establish() }
        #expect(error?.code == .serviceUnavailable)
        #expect(error?.systemCodeName == "SCARD_E_NO_SERVICE")
        #expect(error?.systemCode == 0x8010_001D)
        #expect(error?.reason.contains("pcscd") == true)
        #expect(error?.reason.contains("start") == true)
        print(Self.probeMarker)
    }

    /// The parent's side: run this test again in a child whose PC/SC socket path does not exist.
    private func runProbeInChildProcess() async throws {
        #if os(Linux)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var childEnvironment = ProcessInfo.processInfo.environment
        childEnvironment[Self.probeVariable] = "1"
        childEnvironment["PCSCLITE_CSOCK_NAME"] = "/nonexistent-myna-test/pcscd.comm"
        let environment = childEnvironment
        let child = try await ChildProcess.run(
            executable, ["--testing-library", "swift-testing", "--filter", "PCSCNoServiceTests"],
            environment: environment, mergingStandardError: true)
        let (status, output) = (child.status, child.stdoutText)
        #expect(status == 0, "the child's checks failed:\n\(output)")
        #expect(output.contains(Self.probeMarker), "the child did not run the checks:\n\(output)")
        #else
        // PCSC.framework has no socket path to redirect: check the classification instead.
        try await probeClassificationOnly()
        #endif
    }

    private func probeClassificationOnly() async throws {
        #expect(PCSCReturnCode.noService.transportCode == .serviceUnavailable)
        #expect(PCSCReturnCode.noService.name == "SCARD_E_NO_SERVICE")
    }
}
