// The SCardTransmit loop of bench.c, through MynaPCSC. Prints one line: "swift <count> <ns per APDU>".
//
//   myna-pcsc-bench "Virtual PCD 00 00" 2000 [thread]
import Foundation
import MynaCodec
import MynaPCSC
import MynaTransport

let arguments = CommandLine.arguments
let reader = arguments.count > 1 ? arguments[1] : "Virtual PCD 00 00"
let count = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
let warmup = count / 10 + 1

do {
    let context = try await PCSCContext.establish()
    _ = try await context.waitForCard(in: reader, timeout: .seconds(20))
    let connection = try await context.connect(to: reader)
    // READ BINARY, 16 bytes: the same command bench.c sends.
    let command = try CommandAPDU(ins: 0xB0, p1: 0x00, p2: 0x00, ne: 16)
    // Default: each call moves to the PC/SC thread and back. "thread": the loop runs on the PC/SC thread.
    let onPCSCThread = arguments.count > 3 && arguments[3] == "thread"
    let measure: @Sendable () async throws -> Duration = {
        let clock = ContinuousClock()
        var start = clock.now
        for index in 0..<(warmup + count) {
            if index == warmup { start = clock.now }
            let response = try await connection.transmit(command)
            guard response.statusWord == .success else {
                throw TransportError(.malformedResponse, "unexpected response \(response.statusWord)")
            }
        }
        return start.duration(to: clock.now)
    }
    let elapsed = onPCSCThread ? try await withTaskExecutorPreference(context.taskExecutor, operation: measure) : try await measure()
    let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    print("swift \(count) \(nanoseconds / Int64(count))")
    try await connection.disconnect()
} catch {
    print("myna-pcsc-bench: \(error)")
    exit(1)
}
