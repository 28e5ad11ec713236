// The one file that touches the C PC/SC API. Every platform difference is resolved here:
//
// - Linux (pcsc-lite): `DWORD` is `unsigned long` (UInt), `LONG` is `long` (Int), handles are `long`.
// - macOS (PCSC.framework): `DWORD` is `uint32_t`, `LONG` is `int32_t`, handles are `int32_t`.
// - `SCARD_PCI_T0`/`SCARD_PCI_T1` are macros taking the address of a global; they do not import, so the
//   globals are copied into a local and passed by address. `SCARD_AUTOALLOCATE` is not used: reader lists
//   are fetched with two calls (size, then contents).
//
// Everything outside this file sees return codes as `UInt32` (see ``PCSCReturnCode``), protocols, share
// modes and states as `UInt32`, and handles through the ``PCSCLibrary/ContextHandle`` and
// ``PCSCLibrary/CardHandle`` aliases. No C type leaves the module.

#if canImport(PCSC)
import PCSC
#else
import CPCSCLite
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C PC/SC API, wrapped once with Swift types. Each function blocks: call only from a PC/SC thread.
enum PCSCLibrary {
    /// `SCARDCONTEXT`: `Int` on Linux, `Int32` on macOS.
    typealias ContextHandle = SCARDCONTEXT
    /// `SCARDHANDLE`: `Int` on Linux, `Int32` on macOS.
    typealias CardHandle = SCARDHANDLE
    /// `DWORD`: `UInt` on Linux, `UInt32` on macOS.
    private typealias Word = DWORD

    // MARK: Constants (same values on both platforms; converted once to UInt32)

    static let protocolT0 = UInt32(SCARD_PROTOCOL_T0)
    static let protocolT1 = UInt32(SCARD_PROTOCOL_T1)
    static let protocolRaw = UInt32(SCARD_PROTOCOL_RAW)

    static let shareExclusive = UInt32(SCARD_SHARE_EXCLUSIVE)
    static let shareShared = UInt32(SCARD_SHARE_SHARED)

    static let leaveCard = UInt32(SCARD_LEAVE_CARD)
    static let resetCard = UInt32(SCARD_RESET_CARD)
    static let unpowerCard = UInt32(SCARD_UNPOWER_CARD)
    static let ejectCard = UInt32(SCARD_EJECT_CARD)

    static let stateUnaware = UInt32(SCARD_STATE_UNAWARE)
    static let stateIgnore = UInt32(SCARD_STATE_IGNORE)
    static let stateChanged = UInt32(SCARD_STATE_CHANGED)
    static let stateUnknown = UInt32(SCARD_STATE_UNKNOWN)
    static let stateUnavailable = UInt32(SCARD_STATE_UNAVAILABLE)
    static let stateEmpty = UInt32(SCARD_STATE_EMPTY)
    static let statePresent = UInt32(SCARD_STATE_PRESENT)
    static let stateExclusive = UInt32(SCARD_STATE_EXCLUSIVE)
    static let stateInUse = UInt32(SCARD_STATE_INUSE)
    static let stateMute = UInt32(SCARD_STATE_MUTE)

    /// `INFINITE`, the timeout of a wait without limit.
    static let infiniteTimeout = UInt32(0xFFFF_FFFF)
    /// The longest answer to reset (`MAX_ATR_SIZE`).
    static let maximumATRCount = 33
    /// The pseudo-reader whose state changes when a reader is attached or detached.
    static let plugAndPlayReader = "\\\\?PnP?\\Notification"

    // MARK: Calls

    /// `SCardEstablishContext(SCARD_SCOPE_SYSTEM)`.
    static func establishContext() -> (UInt32, ContextHandle) {
        var context = ContextHandle()
        let rv = SCardEstablishContext(Word(SCARD_SCOPE_SYSTEM), nil, nil, &context)
        return (code(rv), context)
    }

    /// `SCardReleaseContext`.
    @discardableResult
    static func releaseContext(_ context: ContextHandle) -> UInt32 {
        code(SCardReleaseContext(context))
    }

    /// `SCardIsValidContext`.
    static func isValidContext(_ context: ContextHandle) -> UInt32 {
        code(SCardIsValidContext(context))
    }

    /// `SCardCancel`: ends a `SCardGetStatusChange` in progress on `context` (from another thread).
    @discardableResult
    static func cancel(_ context: ContextHandle) -> UInt32 {
        code(SCardCancel(context))
    }

    /// `SCardListReaders`, size first then contents (retried if a reader appears in between).
    static func listReaders(_ context: ContextHandle) -> (UInt32, [String]) {
        for _ in 0..<4 {
            var size = Word(0)
            var rv = code(SCardListReaders(context, nil, nil, &size))
            guard rv == PCSCReturnCode.success.rawValue else { return (rv, []) }
            guard size > 0 else { return (rv, []) }
            var buffer = [CChar](repeating: 0, count: Int(size))
            rv = code(SCardListReaders(context, nil, &buffer, &size))
            if rv == PCSCReturnCode.insufficientBuffer.rawValue { continue }
            guard rv == PCSCReturnCode.success.rawValue else { return (rv, []) }
            return (rv, multiString(buffer.prefix(Int(size))))
        }
        return (PCSCReturnCode.insufficientBuffer.rawValue, [])
    }

    /// `SCardConnect`. Returns the handle and the active protocol.
    static func connect(
        _ context: ContextHandle, reader: String, share: UInt32, protocols: UInt32
    ) -> (UInt32, CardHandle, UInt32) {
        var handle = CardHandle()
        var active = Word(0)
        let rv = SCardConnect(context, reader, Word(share), Word(protocols), &handle, &active)
        return (code(rv), handle, UInt32(truncatingIfNeeded: active))
    }

    /// `SCardReconnect`. Returns the active protocol.
    static func reconnect(
        _ handle: CardHandle, share: UInt32, protocols: UInt32, initialization: UInt32
    ) -> (UInt32, UInt32) {
        var active = Word(0)
        let rv = SCardReconnect(handle, Word(share), Word(protocols), Word(initialization), &active)
        return (code(rv), UInt32(truncatingIfNeeded: active))
    }

    /// `SCardDisconnect`.
    @discardableResult
    static func disconnect(_ handle: CardHandle, disposition: UInt32) -> UInt32 {
        code(SCardDisconnect(handle, Word(disposition)))
    }

    /// `SCardBeginTransaction`.
    static func beginTransaction(_ handle: CardHandle) -> UInt32 {
        code(SCardBeginTransaction(handle))
    }

    /// `SCardEndTransaction`.
    static func endTransaction(_ handle: CardHandle, disposition: UInt32) -> UInt32 {
        code(SCardEndTransaction(handle, Word(disposition)))
    }

    /// `SCardTransmit` with the protocol control information of `activeProtocol`; the response is written
    /// into `buffer` (which sets the largest response accepted). Returns the response length.
    static func transmit(
        _ handle: CardHandle, activeProtocol: UInt32, command: [UInt8], into buffer: inout [UInt8]
    ) -> (UInt32, Int) {
        var pci: SCARD_IO_REQUEST =
            switch activeProtocol {
            case protocolT0: g_rgSCardT0Pci
            case protocolT1: g_rgSCardT1Pci
            default: g_rgSCardRawPci
            }
        var length = Word(buffer.count)
        let rv = command.withUnsafeBufferPointer { send in
            buffer.withUnsafeMutableBufferPointer { receive in
                SCardTransmit(
                    handle, &pci, send.baseAddress, Word(send.count), nil, receive.baseAddress, &length)
            }
        }
        return (code(rv), Int(length))
    }

    /// What `SCardStatus` reports about a connected card.
    struct CardStatus {
        var readerNames: [String]
        var state: UInt32
        var activeProtocol: UInt32
        var atr: [UInt8]
    }

    /// `SCardStatus`.
    static func status(_ handle: CardHandle) -> (UInt32, CardStatus?) {
        var names = [CChar](repeating: 0, count: 256)
        for _ in 0..<3 {
            var namesLength = Word(names.count)
            var state = Word(0)
            var active = Word(0)
            var atr = [UInt8](repeating: 0, count: maximumATRCount + 3)
            var atrLength = Word(atr.count)
            let rv = code(SCardStatus(handle, &names, &namesLength, &state, &active, &atr, &atrLength))
            if rv == PCSCReturnCode.insufficientBuffer.rawValue, Int(namesLength) > names.count {
                names = [CChar](repeating: 0, count: Int(namesLength))
                continue
            }
            guard rv == PCSCReturnCode.success.rawValue else { return (rv, nil) }
            let status = CardStatus(
                readerNames: multiString(names.prefix(min(Int(namesLength), names.count))),
                state: UInt32(truncatingIfNeeded: state), activeProtocol: UInt32(truncatingIfNeeded: active),
                atr: Array(atr.prefix(min(Int(atrLength), atr.count))))
            return (rv, status)
        }
        return (PCSCReturnCode.insufficientBuffer.rawValue, nil)
    }

    /// One entry of `SCardGetStatusChange`'s reader list, in Swift.
    struct ReaderState {
        var reader: String
        /// The state the caller knows (`dwCurrentState`), event counter in the high 16 bits.
        var currentState: UInt32
        /// The state found (`dwEventState`), event counter in the high 16 bits.
        var eventState: UInt32 = 0
        /// The card's answer to reset, when one is present.
        var atr: [UInt8] = []
    }

    /// `SCardGetStatusChange`: waits until one of `states` differs from its `currentState`, or `timeout`
    /// milliseconds (``infiniteTimeout`` for none). Updates each entry's `eventState` and `atr`.
    static func getStatusChange(_ context: ContextHandle, timeout: UInt32, states: inout [ReaderState]) -> UInt32 {
        guard !states.isEmpty else { return PCSCReturnCode.invalidValue.rawValue }
        // The reader names must outlive the call: duplicate them as C strings.
        let names = states.map { strdup($0.reader) }
        defer { names.forEach { free($0) } }
        var cStates = zip(states, names).map { state, name in
            var entry = SCARD_READERSTATE()
            entry.szReader = UnsafePointer(name)
            entry.dwCurrentState = Word(state.currentState)
            return entry
        }
        let rv = code(SCardGetStatusChange(context, Word(timeout), &cStates, Word(cStates.count)))
        for index in states.indices {
            let entry = cStates[index]
            states[index].eventState = UInt32(truncatingIfNeeded: entry.dwEventState)
            let count = min(Int(entry.cbAtr), maximumATRCount)
            states[index].atr = withUnsafeBytes(of: entry.rgbAtr) { Array($0.prefix(count)) }
        }
        return rv
    }

    // MARK: Helpers

    /// A `LONG` return value as the 32-bit code the PC/SC specification defines.
    @inline(__always)
    private static func code(_ rv: LONG) -> UInt32 {
        UInt32(truncatingIfNeeded: rv)
    }

    /// Splits a PC/SC multi-string (names separated by NUL, ended by an empty name).
    private static func multiString(_ chars: some Collection<CChar>) -> [String] {
        chars.split(separator: 0, omittingEmptySubsequences: true).map { name in
            String(decoding: name.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
