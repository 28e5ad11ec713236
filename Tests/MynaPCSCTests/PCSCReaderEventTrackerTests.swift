@testable import MynaPCSC
import Testing

/// Reader events from successive SCardGetStatusChange results, including the PnP pseudo-reader (no pcscd
/// needed; pcscd's virtual readers can be neither attached nor detached at run time).
@Suite("PCSCReaderEventTracker")
struct PCSCReaderEventTrackerTests {
    private let atr: [UInt8] = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14]
    private let empty = PCSCLibrary.stateEmpty | PCSCLibrary.stateChanged
    private let present = PCSCLibrary.statePresent | PCSCLibrary.stateChanged

    /// Sets what a wait reported for `reader`.
    private func report(
        _ states: inout [PCSCLibrary.ReaderState], _ reader: String, _ eventState: UInt32, atr: [UInt8] = []
    ) throws {
        let index = try #require(states.firstIndex { $0.reader == reader })
        states[index].eventState = eventState
        states[index].atr = atr
    }

    @Test("the first report lists the readers and the cards present; PnP carries the reader count")
    func initial() throws {
        var tracker = PCSCReaderEventTracker()
        var (events, states) = tracker.reconcile(readers: ["A", "B"], watched: [])
        #expect(events.isEmpty)
        #expect(states.map(\.reader) == ["A", "B", PCSCLibrary.plugAndPlayReader])
        #expect(states.prefix(2).allSatisfy { $0.currentState == PCSCLibrary.stateUnaware })
        #expect(states[2].currentState == 2 << 16)

        try report(&states, "A", empty)
        try report(&states, "B", present | 1 << 16, atr: atr)
        let result = tracker.process(&states)
        #expect(
            result.events == [
                .readerAttached(reader: "A"), .readerAttached(reader: "B"),
                .cardInserted(PCSCCardPresence(reader: "B", atr: atr)),
            ])
        #expect(!result.readersChanged)
        // The next wait starts from what was seen, without the CHANGED bit.
        #expect(states[1].currentState == PCSCLibrary.statePresent | 1 << 16)
    }

    @Test("insertion, removal, and a swap seen only through the event counter")
    func cards() throws {
        var tracker = PCSCReaderEventTracker()
        var (_, states) = tracker.reconcile(readers: ["A"], watched: [])
        try report(&states, "A", empty)
        _ = tracker.process(&states)

        try report(&states, "A", present | 1 << 16, atr: atr)
        #expect(tracker.process(&states).events == [.cardInserted(PCSCCardPresence(reader: "A", atr: atr))])

        try report(&states, "A", empty | 2 << 16)
        #expect(tracker.process(&states).events == [.cardRemoved(reader: "A")])

        try report(&states, "A", present | 3 << 16, atr: atr)
        _ = tracker.process(&states)
        // Removed and inserted again between two waits: still present, two events later.
        try report(&states, "A", present | 5 << 16, atr: [0x3B, 0x00])
        #expect(
            tracker.process(&states).events == [
                .cardRemoved(reader: "A"), .cardInserted(PCSCCardPresence(reader: "A", atr: [0x3B, 0x00])),
            ])
    }

    @Test("a reader attached: PnP changes, the new reader is watched from UNAWARE and reported")
    func attach() throws {
        var tracker = PCSCReaderEventTracker()
        var (_, states) = tracker.reconcile(readers: ["A"], watched: [])
        try report(&states, "A", empty)
        _ = tracker.process(&states)

        try report(&states, PCSCLibrary.plugAndPlayReader, PCSCLibrary.stateChanged | 2 << 16)
        let result = tracker.process(&states)
        #expect(result.events.isEmpty)
        #expect(result.readersChanged)
        let (detached, next) = tracker.reconcile(readers: ["A", "USB Reader"], watched: states)
        #expect(detached.isEmpty)
        #expect(next.map(\.reader) == ["A", "USB Reader", PCSCLibrary.plugAndPlayReader])
        #expect(next[0].currentState == PCSCLibrary.stateEmpty)
        #expect(next[1].currentState == PCSCLibrary.stateUnaware)
        #expect(next[2].currentState == 2 << 16)

        states = next
        try report(&states, "USB Reader", present | 1 << 16, atr: atr)
        #expect(
            tracker.process(&states).events == [
                .readerAttached(reader: "USB Reader"), .cardInserted(PCSCCardPresence(reader: "USB Reader", atr: atr)),
            ])
    }

    @Test("a reader detached with a card in it: card removed, then reader detached")
    func detach() throws {
        var tracker = PCSCReaderEventTracker()
        var (_, states) = tracker.reconcile(readers: ["A", "B"], watched: [])
        try report(&states, "A", empty)
        try report(&states, "B", present | 1 << 16, atr: atr)
        _ = tracker.process(&states)

        try report(&states, "B", PCSCLibrary.stateUnknown | PCSCLibrary.stateChanged)
        let result = tracker.process(&states)
        #expect(result.events.isEmpty)
        #expect(result.readersChanged)
        let (detached, next) = tracker.reconcile(readers: ["A"], watched: states)
        #expect(detached == [.cardRemoved(reader: "B"), .readerDetached(reader: "B")])
        #expect(next.map(\.reader) == ["A", PCSCLibrary.plugAndPlayReader])
        #expect(next[1].currentState == 1 << 16)
        #expect(tracker.known["B"] == nil)
    }

    @Test("the last reader detached and none left: only PnP is watched")
    func noReaders() throws {
        var tracker = PCSCReaderEventTracker()
        var (_, states) = tracker.reconcile(readers: ["A"], watched: [])
        try report(&states, "A", empty)
        _ = tracker.process(&states)
        let (detached, next) = tracker.reconcile(readers: [], watched: states)
        #expect(detached == [.readerDetached(reader: "A")])
        #expect(next.map(\.reader) == [PCSCLibrary.plugAndPlayReader])
        #expect(next[0].currentState == 0)
    }
}
