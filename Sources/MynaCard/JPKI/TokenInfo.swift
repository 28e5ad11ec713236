/// The JPKI applet's token info (EF `0006`): a 160-byte PKCS#11 `CK_TOKEN_INFO` with big-endian 32-bit
/// integers.
public struct TokenInfo: Hashable, Sendable {
    /// The file's length.
    public static let length = 160

    /// What answers as the JPKI applet.
    public let kind: TokenKind
    /// The token label, trailing spaces removed.
    public var label: String { kind.label }
    /// `manufacturerID`, trailing spaces removed.
    public let manufacturerID: String
    /// `model`, trailing spaces removed.
    public let model: String
    /// `serialNumber`, trailing spaces removed.
    public let serialNumber: String
    /// `flags` (PKCS#11 `CKF_…` bits).
    public let flags: UInt32
    /// `ulMaxPinLen`.
    public let maximumPINLength: UInt32
    /// `ulMinPinLen`.
    public let minimumPINLength: UInt32
    /// `hardwareVersion`, the two bytes as stored (real cards put ASCII digits here).
    public let hardwareVersion: [UInt8]
    /// `firmwareVersion`, the two bytes as stored.
    public let firmwareVersion: [UInt8]
    /// The 160 bytes as read.
    public let rawValue: [UInt8]

    /// Parses the 160 bytes.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` unless exactly 160 bytes with printable ASCII text
    ///   fields.
    public init(_ bytes: [UInt8]) throws(MyNumberCardError) {
        guard bytes.count == Self.length else {
            throw MyNumberCardError.malformed("the token info (EF 0006) is \(bytes.count) bytes, expected 160")
        }
        func text(_ range: Range<Int>, _ field: String) throws(MyNumberCardError) -> String {
            let slice = bytes[range]
            // PKCS#11 pads with spaces; some tokens pad with zeros.
            let trimmed = slice.reversed().drop { $0 == 0x20 || $0 == 0x00 }.reversed()
            guard trimmed.allSatisfy({ (0x20...0x7E).contains($0) }) else {
                throw MyNumberCardError.malformed("the token info's \(field) is not printable ASCII")
            }
            return String(decoding: trimmed, as: UTF8.self)
        }
        func integer(_ offset: Int) -> UInt32 {
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        kind = TokenKind(label: try text(0..<32, "label"))
        manufacturerID = try text(32..<64, "manufacturerID")
        model = try text(64..<80, "model")
        serialNumber = try text(80..<96, "serialNumber")
        flags = integer(96)
        maximumPINLength = integer(116)
        minimumPINLength = integer(120)
        hardwareVersion = Array(bytes[140..<142])
        firmwareVersion = Array(bytes[142..<144])
        rawValue = bytes
    }
}
