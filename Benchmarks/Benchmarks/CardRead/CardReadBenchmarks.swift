import Benchmark
import BenchSupport
import MynaCard
import MynaISO7816

// In-process full reads of the simulated card: every file of every applet at the ISO 7816-4 level (no
// parsing, no RSA), and everything the readers give (X.509 parsing, record signatures checked with RSA
// public-key operations, no signing).

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )

    let card = SimulatedCards.card()
    let shortOnlyCard = SimulatedCards.card(shortOnly: true)

    Benchmark("Full read, all files, no RSA (extended length)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await Operations.fullReadFiles(ISO7816Card(transport: card)))
        }
    }

    Benchmark("Full read, all files, no RSA (short APDUs only)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await Operations.fullReadFiles(ISO7816Card(transport: shortOnlyCard)))
        }
    }

    Benchmark("Full read through the readers (parsed, record signatures verified)") { benchmark in
        for _ in benchmark.scaledIterations {
            try await Operations.fullReadReaders(MyNumberCard(transport: card))
        }
    }

    Benchmark("Emergency read (certificate + card face via PIN-B)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await Operations.emergencyRead(MyNumberCard(transport: card)))
        }
    }
}
