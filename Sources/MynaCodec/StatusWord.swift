/// The two status bytes SW1-SW2 that end every response APDU.
///
/// Every 16-bit value is representable, known or not: the value is kept exactly as the card sent it,
/// and ``category`` classifies it per ISO/IEC 7816-4 §5.6.
public struct StatusWord: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// SW1 << 8 | SW2.
    public let rawValue: UInt16

    /// Creates a status word from SW1 << 8 | SW2.
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Creates a status word from SW1 << 8 | SW2, as in `StatusWord(0x9000)`.
    @inlinable public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    /// Creates a status word from its two bytes.
    @inlinable package init(sw1: UInt8, sw2: UInt8) { self.rawValue = UInt16(sw1) << 8 | UInt16(sw2) }

    /// The first status byte.
    @inlinable public var sw1: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 8) }
    /// The second status byte.
    @inlinable public var sw2: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
    /// The two bytes in wire order.
    @inlinable public var bytes: [UInt8] { [sw1, sw2] }

    // MARK: Well-known values (ISO/IEC 7816-4 table 5 and 6)

    /// `9000` normal processing.
    public static let success = StatusWord(0x9000)
    /// `6200` no information given (warning, state of non-volatile memory unchanged).
    package static let warningNoInformation = StatusWord(0x6200)
    /// `6281` part of returned data may be corrupted.
    package static let warningDataCorrupted = StatusWord(0x6281)
    /// `6282` end of file or record reached before reading Ne bytes.
    package static let warningEndOfFile = StatusWord(0x6282)
    /// `6283` selected file deactivated.
    package static let warningFileDeactivated = StatusWord(0x6283)
    /// `6284` file control information not formatted.
    package static let warningFCINotFormatted = StatusWord(0x6284)
    /// `6300` no information given (warning, state of non-volatile memory changed); some cards answer this
    /// to an empty VERIFY.
    package static let warningStateChanged = StatusWord(0x6300)
    /// `6381` file filled up by the last write.
    package static let warningFileFilledUp = StatusWord(0x6381)
    /// `6400` execution error, state of non-volatile memory unchanged.
    package static let executionError = StatusWord(0x6400)
    /// `6581` memory failure.
    package static let memoryFailure = StatusWord(0x6581)
    /// `6700` wrong length.
    package static let wrongLength = StatusWord(0x6700)
    /// `6881` logical channel not supported.
    package static let logicalChannelNotSupported = StatusWord(0x6881)
    /// `6882` secure messaging not supported.
    package static let secureMessagingNotSupported = StatusWord(0x6882)
    /// `6981` command incompatible with file structure.
    package static let incompatibleFileStructure = StatusWord(0x6981)
    /// `6982` security status not satisfied.
    public static let securityStatusNotSatisfied = StatusWord(0x6982)
    /// `6983` authentication method blocked.
    package static let authenticationMethodBlocked = StatusWord(0x6983)
    /// `6984` reference data not usable (blocked).
    public static let referenceDataBlocked = StatusWord(0x6984)
    /// `6985` conditions of use not satisfied.
    package static let conditionsNotSatisfied = StatusWord(0x6985)
    /// `6986` command not allowed (no current EF).
    package static let noCurrentEF = StatusWord(0x6986)
    /// `6A80` incorrect parameters in the data field.
    package static let incorrectData = StatusWord(0x6A80)
    /// `6A81` function not supported.
    package static let functionNotSupported = StatusWord(0x6A81)
    /// `6A82` file or application not found.
    public static let fileNotFound = StatusWord(0x6A82)
    /// `6A83` record not found.
    package static let recordNotFound = StatusWord(0x6A83)
    /// `6A84` not enough memory space in the file.
    package static let notEnoughMemory = StatusWord(0x6A84)
    /// `6A86` incorrect parameters P1-P2.
    package static let incorrectP1P2 = StatusWord(0x6A86)
    /// `6A88` referenced data not found.
    package static let referencedDataNotFound = StatusWord(0x6A88)
    /// `6B00` wrong parameters P1-P2 (offset outside the EF).
    package static let wrongParameters = StatusWord(0x6B00)
    /// `6D00` instruction code not supported or invalid.
    package static let instructionNotSupported = StatusWord(0x6D00)
    /// `6E00` class not supported.
    package static let classNotSupported = StatusWord(0x6E00)
    /// `6F00` no precise diagnosis.
    package static let noPreciseDiagnosis = StatusWord(0x6F00)

    // MARK: Classification

    /// What a status word means, per ISO/IEC 7816-4.
    public enum Category: Hashable, Sendable {
        /// `90xx`: `9000`, and `90xx` other than `9000` which some applications use for success with
        /// information. (``StatusWord/isSuccess`` is `true` for `9000` only; other `9xxx` are ``unknown``.)
        case success
        /// `61xx`: `xx` more bytes are available with GET RESPONSE (`00` means 256 or more).
        case bytesAvailable(Int)
        /// `62xx`: warning, non-volatile memory unchanged.
        case warningUnchanged
        /// `63Cx`: verification failed or counter read, `x` tries remain.
        case retriesRemaining(Int)
        /// `63xx` other than `63Cx`: warning, non-volatile memory changed.
        case warningChanged
        /// `64xx`–`66xx`: execution error.
        case executionError
        /// `6983` / `6984`: the reference data (PIN) is blocked.
        case blocked
        /// `6Cxx`: wrong Le; the exact length is `xx` (`00` means 256).
        case wrongLe(exact: Int)
        /// `67xx`–`6Fxx` other than the above: checking error.
        case checkingError
        /// Anything outside the ISO interindustry ranges.
        case unknown
    }

    /// The classification of this status word.
    @inlinable
    public var category: Category {
        switch sw1 {
        case 0x90: return .success
        case 0x61: return .bytesAvailable(sw2 == 0 ? 256 : Int(sw2))
        case 0x62: return .warningUnchanged
        case 0x63:
            if sw2 & 0xF0 == 0xC0 { return .retriesRemaining(Int(sw2 & 0x0F)) }
            return .warningChanged
        case 0x64, 0x65, 0x66: return .executionError
        case 0x69 where sw2 == 0x83 || sw2 == 0x84: return .blocked
        case 0x6C: return .wrongLe(exact: sw2 == 0 ? 256 : Int(sw2))
        case 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6D, 0x6E, 0x6F: return .checkingError
        default: return .unknown
        }
    }

    /// `true` for `9000` only: the one value every command here treats as success.
    @inlinable public var isSuccess: Bool { rawValue == 0x9000 }

    /// `true` for warnings (`62xx`, `63xx`), which still carry response data.
    package var isWarning: Bool { sw1 == 0x62 || sw1 == 0x63 }

    /// The tries left for `63Cx`, `0` for `6983`/`6984`, `nil` otherwise.
    @inlinable
    public var retriesRemaining: Int? {
        switch category {
        case .retriesRemaining(let n): n
        case .blocked: 0
        default: nil
        }
    }

    /// The ISO/IEC 7816-4 meaning in English, or `nil` when the value has none there.
    package var meaning: String? {
        switch rawValue {
        case 0x9000: return "normal processing"
        case 0x6200: return "warning: no information given"
        case 0x6281: return "warning: part of returned data may be corrupted"
        case 0x6282: return "warning: end of file reached before reading Ne bytes"
        case 0x6283: return "warning: selected file deactivated"
        case 0x6284: return "warning: file control information not formatted"
        case 0x6285: return "warning: selected file in termination state"
        case 0x6300: return "warning: no information given (state changed)"
        case 0x6381: return "warning: file filled up by the last write"
        case 0x6400: return "execution error"
        case 0x6581: return "memory failure"
        case 0x6700: return "wrong length"
        case 0x6881: return "logical channel not supported"
        case 0x6882: return "secure messaging not supported"
        case 0x6883: return "last command of the chain expected"
        case 0x6884: return "command chaining not supported"
        case 0x6981: return "command incompatible with file structure"
        case 0x6982: return "security status not satisfied"
        case 0x6983: return "authentication method blocked"
        case 0x6984: return "reference data not usable (blocked)"
        case 0x6985: return "conditions of use not satisfied"
        case 0x6986: return "command not allowed (no current EF)"
        case 0x6987: return "expected secure messaging data objects missing"
        case 0x6988: return "incorrect secure messaging data objects"
        case 0x6A80: return "incorrect parameters in the command data field"
        case 0x6A81: return "function not supported"
        case 0x6A82: return "file or application not found"
        case 0x6A83: return "record not found"
        case 0x6A84: return "not enough memory space in the file"
        case 0x6A85: return "Nc inconsistent with TLV structure"
        case 0x6A86: return "incorrect parameters P1-P2"
        case 0x6A87: return "Nc inconsistent with parameters P1-P2"
        case 0x6A88: return "referenced data or reference data not found"
        case 0x6A89: return "file already exists"
        case 0x6A8A: return "DF name already exists"
        case 0x6B00: return "wrong parameters P1-P2 (offset outside the EF)"
        case 0x6D00: return "instruction code not supported or invalid"
        case 0x6E00: return "class not supported"
        case 0x6F00: return "no precise diagnosis"
        default:
            switch category {
            case .bytesAvailable(let n): return "\(n) response bytes still available"
            case .retriesRemaining(let n): return "verification failed, \(n) tries left"
            case .wrongLe(let n): return "wrong Le field; exact length is \(n)"
            default: return nil
            }
        }
    }

    /// `SW 6982 (security status not satisfied)`: the hex value and, when known, its meaning.
    public var description: String {
        let hex = Hex.encode(bytes)
        if let meaning { return "SW \(hex) (\(meaning))" }
        return "SW \(hex)"
    }
}
