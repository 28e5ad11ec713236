import MynaTransport

/// A PC/SC return code (`SCARD_S_…`, `SCARD_E_…`, `SCARD_W_…`, `SCARD_F_…`), as the 32-bit value the
/// PC/SC specification defines on every platform.
///
/// An open set: any value is representable, and ``name`` names the known ones. MynaPCSC reports failures as
/// ``MynaTransport/TransportError`` whose ``MynaTransport/TransportError/systemCode`` is this value and
/// whose ``MynaTransport/TransportError/systemCodeName`` is ``name``.
public struct PCSCReturnCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as a 32-bit value (`0x8010001D` for `SCARD_E_NO_SERVICE`).
    public let rawValue: UInt32

    /// Wraps a code.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `SCARD_S_SUCCESS`.
    public static let success = PCSCReturnCode(rawValue: 0x0000_0000)
    /// `SCARD_E_CANCELLED`: ended by `SCardCancel`.
    public static let cancelled = PCSCReturnCode(rawValue: 0x8010_0002)
    /// `SCARD_E_INVALID_HANDLE`: the context or card handle is no longer valid.
    public static let invalidHandle = PCSCReturnCode(rawValue: 0x8010_0003)
    /// `SCARD_E_INVALID_PARAMETER`.
    public static let invalidParameter = PCSCReturnCode(rawValue: 0x8010_0004)
    /// `SCARD_E_INSUFFICIENT_BUFFER`: the response did not fit the receive buffer.
    public static let insufficientBuffer = PCSCReturnCode(rawValue: 0x8010_0008)
    /// `SCARD_E_UNKNOWN_READER`: no reader of that name.
    public static let unknownReader = PCSCReturnCode(rawValue: 0x8010_0009)
    /// `SCARD_E_TIMEOUT`.
    public static let timeout = PCSCReturnCode(rawValue: 0x8010_000A)
    /// `SCARD_E_SHARING_VIOLATION`: another application holds the card exclusively.
    public static let sharingViolation = PCSCReturnCode(rawValue: 0x8010_000B)
    /// `SCARD_E_NO_SMARTCARD`: no card in the reader.
    public static let noSmartcard = PCSCReturnCode(rawValue: 0x8010_000C)
    /// `SCARD_E_PROTO_MISMATCH`: the card speaks none of the requested protocols.
    public static let protocolMismatch = PCSCReturnCode(rawValue: 0x8010_000F)
    /// `SCARD_E_NOT_READY`.
    public static let notReady = PCSCReturnCode(rawValue: 0x8010_0010)
    /// `SCARD_E_INVALID_VALUE`.
    public static let invalidValue = PCSCReturnCode(rawValue: 0x8010_0011)
    /// `SCARD_F_COMM_ERROR`: the connection to the service failed.
    public static let communicationError = PCSCReturnCode(rawValue: 0x8010_0013)
    /// `SCARD_E_NOT_TRANSACTED`: the reader could not exchange the APDU with the card.
    public static let notTransacted = PCSCReturnCode(rawValue: 0x8010_0016)
    /// `SCARD_E_READER_UNAVAILABLE`: the reader was detached or is not usable.
    public static let readerUnavailable = PCSCReturnCode(rawValue: 0x8010_0017)
    /// `SCARD_E_NO_SERVICE`: the PC/SC service (pcscd) is not running.
    public static let noService = PCSCReturnCode(rawValue: 0x8010_001D)
    /// `SCARD_E_SERVICE_STOPPED`: the PC/SC service stopped.
    public static let serviceStopped = PCSCReturnCode(rawValue: 0x8010_001E)
    /// `SCARD_E_UNSUPPORTED_FEATURE`.
    public static let unsupportedFeature = PCSCReturnCode(rawValue: 0x8010_001F)
    /// `SCARD_E_NO_READERS_AVAILABLE`: no reader is attached.
    public static let noReadersAvailable = PCSCReturnCode(rawValue: 0x8010_002E)
    /// `SCARD_E_COMM_DATA_LOST`: the exchange with the card failed.
    public static let communicationDataLost = PCSCReturnCode(rawValue: 0x8010_002F)
    /// `SCARD_W_UNSUPPORTED_CARD`: the reader cannot talk to the card (its ATR).
    public static let unsupportedCard = PCSCReturnCode(rawValue: 0x8010_0065)
    /// `SCARD_W_UNRESPONSIVE_CARD`: the card does not answer the reset.
    public static let unresponsiveCard = PCSCReturnCode(rawValue: 0x8010_0066)
    /// `SCARD_W_UNPOWERED_CARD`: the card is not powered.
    public static let unpoweredCard = PCSCReturnCode(rawValue: 0x8010_0067)
    /// `SCARD_W_RESET_CARD`: the card was reset; its state is lost.
    public static let resetCard = PCSCReturnCode(rawValue: 0x8010_0068)
    /// `SCARD_W_REMOVED_CARD`: the card was removed.
    public static let removedCard = PCSCReturnCode(rawValue: 0x8010_0069)

    /// The code's symbolic name (`SCARD_E_NO_SERVICE`), or `SCARD_0x…` for a value PC/SC does not define.
    public var name: String {
        Self.names[rawValue] ?? "SCARD_0x" + String(rawValue, radix: 16, uppercase: true)
    }

    /// The name and the value, e.g. `SCARD_E_NO_SERVICE (0x8010001D)`.
    public var description: String {
        name + " (0x" + String(rawValue, radix: 16, uppercase: true) + ")"
    }

    /// The ``MynaTransport/TransportError/Code`` a failure with this code is reported as.
    public var transportCode: TransportError.Code {
        switch self {
        case .noService, .serviceStopped, .communicationError: .serviceUnavailable
        case .noReadersAvailable: .noReadersAvailable
        case .unknownReader, .readerUnavailable: .noReader
        case .noSmartcard: .noCard
        case .removedCard: .cardRemoved
        case .resetCard: .cardReset
        case .timeout: .timeout
        case .sharingViolation: .sharingViolation
        case .protocolMismatch: .unsupportedProtocol
        case .cancelled: .cancelled
        case .invalidHandle: .notConnected
        case .unresponsiveCard, .unpoweredCard, .unsupportedCard: .unresponsiveCard
        default: .backendFailure
        }
    }

    // 0x8010001F is both SCARD_E_UNEXPECTED and SCARD_E_UNSUPPORTED_FEATURE; pcsc-lite only ever means the
    // latter.
    private static let names: [UInt32: String] = [
        0x00000000: "SCARD_S_SUCCESS",
        0x80100001: "SCARD_F_INTERNAL_ERROR",
        0x80100002: "SCARD_E_CANCELLED",
        0x80100003: "SCARD_E_INVALID_HANDLE",
        0x80100004: "SCARD_E_INVALID_PARAMETER",
        0x80100005: "SCARD_E_INVALID_TARGET",
        0x80100006: "SCARD_E_NO_MEMORY",
        0x80100007: "SCARD_F_WAITED_TOO_LONG",
        0x80100008: "SCARD_E_INSUFFICIENT_BUFFER",
        0x80100009: "SCARD_E_UNKNOWN_READER",
        0x8010000A: "SCARD_E_TIMEOUT",
        0x8010000B: "SCARD_E_SHARING_VIOLATION",
        0x8010000C: "SCARD_E_NO_SMARTCARD",
        0x8010000D: "SCARD_E_UNKNOWN_CARD",
        0x8010000E: "SCARD_E_CANT_DISPOSE",
        0x8010000F: "SCARD_E_PROTO_MISMATCH",
        0x80100010: "SCARD_E_NOT_READY",
        0x80100011: "SCARD_E_INVALID_VALUE",
        0x80100012: "SCARD_E_SYSTEM_CANCELLED",
        0x80100013: "SCARD_F_COMM_ERROR",
        0x80100014: "SCARD_F_UNKNOWN_ERROR",
        0x80100015: "SCARD_E_INVALID_ATR",
        0x80100016: "SCARD_E_NOT_TRANSACTED",
        0x80100017: "SCARD_E_READER_UNAVAILABLE",
        0x80100018: "SCARD_P_SHUTDOWN",
        0x80100019: "SCARD_E_PCI_TOO_SMALL",
        0x8010001A: "SCARD_E_READER_UNSUPPORTED",
        0x8010001B: "SCARD_E_DUPLICATE_READER",
        0x8010001C: "SCARD_E_CARD_UNSUPPORTED",
        0x8010001D: "SCARD_E_NO_SERVICE",
        0x8010001E: "SCARD_E_SERVICE_STOPPED",
        0x8010001F: "SCARD_E_UNSUPPORTED_FEATURE",
        0x80100020: "SCARD_E_ICC_INSTALLATION",
        0x80100021: "SCARD_E_ICC_CREATEORDER",
        0x80100022: "SCARD_E_UNSUPPORTED_FEATURE",
        0x80100023: "SCARD_E_DIR_NOT_FOUND",
        0x80100024: "SCARD_E_FILE_NOT_FOUND",
        0x80100025: "SCARD_E_NO_DIR",
        0x80100026: "SCARD_E_NO_FILE",
        0x80100027: "SCARD_E_NO_ACCESS",
        0x80100028: "SCARD_E_WRITE_TOO_MANY",
        0x80100029: "SCARD_E_BAD_SEEK",
        0x8010002A: "SCARD_E_INVALID_CHV",
        0x8010002B: "SCARD_E_UNKNOWN_RES_MNG",
        0x8010002C: "SCARD_E_NO_SUCH_CERTIFICATE",
        0x8010002D: "SCARD_E_CERTIFICATE_UNAVAILABLE",
        0x8010002E: "SCARD_E_NO_READERS_AVAILABLE",
        0x8010002F: "SCARD_E_COMM_DATA_LOST",
        0x80100030: "SCARD_E_NO_KEY_CONTAINER",
        0x80100031: "SCARD_E_SERVER_TOO_BUSY",
        0x80100065: "SCARD_W_UNSUPPORTED_CARD",
        0x80100066: "SCARD_W_UNRESPONSIVE_CARD",
        0x80100067: "SCARD_W_UNPOWERED_CARD",
        0x80100068: "SCARD_W_RESET_CARD",
        0x80100069: "SCARD_W_REMOVED_CARD",
        0x8010006A: "SCARD_W_SECURITY_VIOLATION",
        0x8010006B: "SCARD_W_WRONG_CHV",
        0x8010006C: "SCARD_W_CHV_BLOCKED",
        0x8010006D: "SCARD_W_EOF",
        0x8010006E: "SCARD_W_CANCELLED_BY_USER",
        0x8010006F: "SCARD_W_CARD_NOT_AUTHENTICATED",
    ]
}
