import Foundation
import MynaTransport
import Testing

@testable import MynaPCSC

/// Timeouts that no clock can add to the present: waiting without limit, never a trap.
@Suite("PC/SC waits with extreme timeouts")
struct PCSCWaitTimeoutTests {
    @Test("Deadlines: huge timeouts mean no limit, negative ones mean now; none overflows the clock")
    func deadlines() {
        #expect(PCSCContext.deadline(after: nil) == nil)
        #expect(PCSCContext.deadline(after: .seconds(Int64.max)) == nil)
        #expect(PCSCContext.deadline(after: Duration(secondsComponent: .max, attosecondsComponent: 999_999_999_999_999_999)) == nil)
        #expect(PCSCContext.deadline(after: PCSCContext.maximumTimeout) != nil)
        let now = ContinuousClock.now
        let past = PCSCContext.deadline(after: .seconds(Int64.min))
        #expect(past.map { $0 <= ContinuousClock.now && $0 >= now } == true)
    }

    @Test(
        "waitForCard and waitForRemoval with Duration's largest timeout give a typed error for a missing reader",
        .enabled(Comment(rawValue: PCSCTestEnvironment.howToEnable)) { await PCSCTestEnvironment.shouldRun() })
    func hugeTimeoutThroughPCSC() async throws {
        let context = try await PCSCTestEnvironment.context()
        let missing = "MynaKit test reader that is not attached 99 99"
        await #expect(throws: TransportError.self) {
            _ = try await context.waitForCard(in: missing, timeout: .seconds(Int64.max))
        }
        await #expect(throws: TransportError.self) {
            try await context.waitForRemoval(from: missing, timeout: .seconds(Int64.max))
        }
    }
}
