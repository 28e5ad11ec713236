import Foundation
import MynaPCSC
import MynaTransport
import MynaVPCD
import Synchronization
import Testing

/// Where the PC/SC end-to-end tests run: pcscd with vsmartcard's vpcd driver, reader `Virtual PCD 00 00`
/// (port 35963) only — another suite uses the second virtual reader.
enum PCSCTestEnvironment {
    static let reader = "Virtual PCD 00 00"
    static let endpoint = VPCDEndpoint.reader0
    /// How long any single wait in these tests may take before it counts as a hang.
    static let bound = Duration.seconds(20)

    static let howToEnable = """
        PC/SC end-to-end tests need pcscd with the vpcd virtual reader. To run them: \
        sudo apt-get install -y pcscd vsmartcard-vpcd libpcsclite-dev && sudo mkdir -p /run/pcscd && \
        (sudo pcscd -f -a &) — or run Scripts/test, which does this. With CI=true they never skip.
        """

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether pcscd answers and lists the virtual reader.
    static func isServiceReachable() async -> Bool {
        guard let context = try? await PCSCContext.establish(),
            let readers = try? await context.readers()
        else { return false }
        return readers.contains(reader)
    }

    /// Enabled when pcscd is reachable, and always under CI (where an unreachable pcscd must fail).
    static func shouldRun() async -> Bool {
        if isCI { return true }
        return await isServiceReachable()
    }

    /// A context on the running pcscd; fails the test with the remedy when there is none.
    static func context() async throws -> PCSCContext {
        guard await isServiceReachable() else {
            Issue.record(
                "pcscd is not reachable or does not list \"\(reader)\" (CI=\(isCI ? "true" : "unset")). \(howToEnable)")
            throw TransportError(.serviceUnavailable, "pcscd not reachable")
        }
        return try await PCSCContext.establish()
    }
}

/// A value set once, later (the virtual card connection a scripted card's hook must reach).
final class Later<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)
    var value: Value? { storage.withLock { $0 } }
    func set(_ value: Value) { storage.withLock { $0 = value } }
}

/// A scripted card inserted in the virtual reader for the duration of `body`.
struct InsertedCard: Sendable {
    let card: ScriptedCard
    let virtualCard: VirtualCardConnection
    let serving: Task<Void, any Error>

    /// Inserts `card` and waits until PC/SC sees it.
    static func insert(_ card: ScriptedCard, context: PCSCContext, connection: Later<VirtualCardConnection>? = nil)
        async throws -> InsertedCard
    {
        // A card left by an earlier test must be gone first, or the wait below would see it.
        try await context.waitForRemoval(from: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
        let virtualCard = VirtualCardConnection(endpoint: PCSCTestEnvironment.endpoint, card: card, atr: ScriptedCard.atr)
        connection?.set(virtualCard)
        let serving = Task { try await virtualCard.run() }
        let presence = try await context.waitForCard(in: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
        #expect(presence.atr == ScriptedCard.atr)
        return InsertedCard(card: card, virtualCard: virtualCard, serving: serving)
    }

    /// Inserts the same card again after a removal.
    func reinsert(context: PCSCContext) async throws -> InsertedCard {
        try await context.waitForRemoval(from: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
        let virtualCard = virtualCard
        let serving = Task { try await virtualCard.run() }
        _ = try await context.waitForCard(in: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
        return InsertedCard(card: card, virtualCard: virtualCard, serving: serving)
    }

    /// Removes the card and waits until PC/SC sees the reader empty.
    func remove(context: PCSCContext) async throws {
        await virtualCard.stop()
        try await serving.value
        try await context.waitForRemoval(from: PCSCTestEnvironment.reader, timeout: PCSCTestEnvironment.bound)
    }
}
