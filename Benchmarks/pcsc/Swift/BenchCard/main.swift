// A trivial card in the virtual reader for the benchmarks: answers READ BINARY with Ne bytes and 9000,
// anything else with 9000. Runs until killed.
//
//   myna-bench-card 35963
import Foundation
import MynaCodec
import MynaTransport
import MynaVPCD

struct BenchCard: CardTransport {
    func transmit(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let count = command.ins == 0xB0 ? command.ne ?? 0 : 0
        return ResponseAPDU(data: [UInt8](repeating: 0xA5, count: count), statusWord: .success)
    }

    func reset() async throws -> [UInt8] { Self.atr }

    static let atr: [UInt8] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]
}

let port = CommandLine.arguments.count > 1 ? UInt16(CommandLine.arguments[1]) ?? 35963 : 35963
let connection = VirtualCardConnection(endpoint: VPCDEndpoint(port: port), card: BenchCard(), atr: BenchCard.atr)
do {
    try await connection.run()
} catch {
    print("myna-bench-card: \(error)")
    exit(1)
}
