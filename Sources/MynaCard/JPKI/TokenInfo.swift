/// The JPKI applet's token info (EF `0006`): a 160-byte PKCS#11 `CK_TOKEN_INFO` with big-endian 32-bit
/// integers.
public struct TokenInfo: Hashable, Sendable {
    /// The file's length.
    package static let length = 160

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
    package let flags: UInt32
    /// `ulMaxPinLen`.
    package let maximumPINLength: UInt32
    /// `ulMinPinLen`.
    package let minimumPINLength: UInt32
    /// `hardwareVersion`, the two bytes as stored (real cards put ASCII digits here).
    package let hardwareVersion: [UInt8]
    /// `firmwareVersion`, the two bytes as stored.
    package let firmwareVersion: [UInt8]
    /// The 160 bytes as read.
    package let rawValue: [UInt8]

    /// Parses the 160 bytes.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` unless exactly 160 bytes with a printable ASCII label.
    ///   The other text fields are informative and decoded leniently (invalid UTF-8 becomes U+FFFD).
    package init(_ bytes: [UInt8]) throws(MyNumberCardError) {
        guard bytes.count == Self.length else {
            throw MyNumberCardError.malformed("the token info (EF 0006) is \(bytes.count) bytes, expected 160")
        }
        func trimmed(_ range: Range<Int>) -> [UInt8] {
            // PKCS#11 pads with spaces; some tokens pad with zeros.
            Array(bytes[range].reversed().drop { $0 == 0x20 || $0 == 0x00 }.reversed())
        }
        func text(_ range: Range<Int>) -> String { String(decoding: trimmed(range), as: UTF8.self) }
        let label = trimmed(0..<32)
        guard label.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw MyNumberCardError.malformed("the token info's label is not printable ASCII")
        }
        func integer(_ offset: Int) -> UInt32 {
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        kind = TokenKind(label: String(decoding: label, as: UTF8.self))
        manufacturerID = text(32..<64)
        model = text(64..<80)
        serialNumber = text(80..<96)
        flags = integer(96)
        maximumPINLength = integer(116)
        minimumPINLength = integer(120)
        hardwareVersion = Array(bytes[140..<142])
        firmwareVersion = Array(bytes[142..<144])
        rawValue = bytes
    }
}
