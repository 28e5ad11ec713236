/// Turns successive `SCardGetStatusChange` results into ``PCSCReaderEvent``s. Makes no PC/SC call.
struct PCSCReaderEventTracker {
    /// The state last reported per reader (event counter in the high 16 bits); absent until first reported.
    private(set) var known: [String: UInt32] = [:]

    /// Reads one result: returns the events it shows and whether the reader list must be read again, and
    /// sets each entry's `currentState` for the next wait.
    mutating func process(_ states: inout [PCSCLibrary.ReaderState]) -> (events: [PCSCReaderEvent], readersChanged: Bool) {
        var events: [PCSCReaderEvent] = []
        var readersChanged = false
        for index in states.indices {
            let state = states[index]
            states[index].currentState = state.eventState & ~PCSCLibrary.stateChanged
            if state.reader == PCSCLibrary.plugAndPlayReader {
                if state.eventState & PCSCLibrary.stateChanged != 0 { readersChanged = true }
                continue
            }
            if state.eventState & PCSCLibrary.stateUnknown != 0 {
                // The reader is gone; the new reader list tells.
                readersChanged = true
                continue
            }
            let isPresent = state.eventState & PCSCLibrary.statePresent != 0
            if let previous = known[state.reader] {
                let wasPresent = previous & PCSCLibrary.statePresent != 0
                // pcsc-lite counts insertions and removals in the high 16 bits: a change of count with a card
                // present before and after means it was swapped in between.
                let swapped = wasPresent && isPresent && previous >> 16 != state.eventState >> 16
                if wasPresent && (!isPresent || swapped) { events.append(.cardRemoved(reader: state.reader)) }
                if isPresent && (!wasPresent || swapped) {
                    events.append(.cardInserted(PCSCCardPresence(reader: state.reader, atr: state.atr)))
                }
            } else {
                events.append(.readerAttached(reader: state.reader))
                if isPresent { events.append(.cardInserted(PCSCCardPresence(reader: state.reader, atr: state.atr))) }
            }
            known[state.reader] = state.eventState
        }
        return (events, readersChanged)
    }

    /// Reconciles with the attached `readers`: returns the events for readers detached since, and the
    /// entries to watch next — known readers keep their state, new ones start UNAWARE (so that the next
    /// wait reports them at once), and the PnP pseudo-reader carries the reader count pcsc-lite compares.
    mutating func reconcile(readers: [String], watched: [PCSCLibrary.ReaderState])
        -> (events: [PCSCReaderEvent], states: [PCSCLibrary.ReaderState])
    {
        var events: [PCSCReaderEvent] = []
        for gone in known.keys.sorted() where !readers.contains(gone) {
            if let previous = known[gone], previous & PCSCLibrary.statePresent != 0 {
                events.append(.cardRemoved(reader: gone))
            }
            events.append(.readerDetached(reader: gone))
            known[gone] = nil
        }
        let states = readers.map { name in
            watched.first { $0.reader == name && known[name] != nil }
                ?? PCSCLibrary.ReaderState(reader: name, currentState: PCSCLibrary.stateUnaware)
        }
        let plugAndPlay = PCSCLibrary.ReaderState(
            reader: PCSCLibrary.plugAndPlayReader, currentState: UInt32(truncatingIfNeeded: readers.count) << 16)
        return (events, states + [plugAndPlay])
    }
}
