import BenchSupport
import Foundation
import MynaCard
import MynaISO7816

/// One full read of the standard simulated card through the library — every applet through the readers
/// (signatures checked), then every file at the ISO 7816-4 level, then the emergency read — for the memory
/// check under valgrind. Exits 0 and prints a one-line summary when everything was read.
@main
struct FullRead {
    static func main() async throws {
        let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1
        var bytes = 0
        for _ in 0..<rounds {
            try await Operations.fullReadReaders(MyNumberCard(transport: SimulatedCards.card()))
            bytes += try await Operations.fullReadFiles(ISO7816Card(transport: SimulatedCards.card()))
            let outcome = try await Operations.emergencyRead(MyNumberCard(transport: SimulatedCards.card()))
            guard outcome.facePhoto != nil else {
                print("the emergency read returned no photo")
                exit(1)
            }
        }
        print("full read: \(rounds) round(s), \(bytes) bytes of files read, every applet through the readers, emergency read done")
    }
}
