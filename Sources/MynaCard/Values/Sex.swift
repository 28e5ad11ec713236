/// Sex as the card records it: one ISO/IEC 5218 digit.
///
/// An open set: a digit this package does not name is kept as it is (``code``), never an error and never
/// mapped to a named value.
public struct Sex: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The ISO/IEC 5218 code, 0…9.
    public let code: Int

    /// Creates a value from its ISO/IEC 5218 code.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` outside 0…9.
    package init(code: Int) throws(MyNumberCardError) {
        guard (0...9).contains(code) else { throw MyNumberCardError(.invalidArgument, "an ISO 5218 code is one digit") }
        self.code = code
    }

    init(constant code: Int) { self.code = code }

    /// Parses the one ASCII digit the card stores.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` unless the field is exactly one ASCII digit.
    package init(field bytes: some Collection<UInt8>) throws(MyNumberCardError) {
        guard bytes.count == 1, let byte = bytes.first, (0x30...0x39).contains(byte) else {
            throw MyNumberCardError.malformed("the sex field is not one ASCII digit")
        }
        self.code = Int(byte - 0x30)
    }

    /// `0`: not known.
    public static let notKnown = Sex(constant: 0)
    /// `1`: male.
    public static let male = Sex(constant: 1)
    /// `2`: female.
    public static let female = Sex(constant: 2)
    /// `9`: not applicable.
    public static let notApplicable = Sex(constant: 9)

    /// Whether ``code`` is one of the four values ISO/IEC 5218 defines.
    package var isDefinedByISO5218: Bool { [0, 1, 2, 9].contains(code) }

    /// `male`, `female`, `not known`, `not applicable`, or `ISO 5218 code 3` for other digits.
    public var description: String {
        switch code {
        case 0: "not known"
        case 1: "male"
        case 2: "female"
        case 9: "not applicable"
        default: "ISO 5218 code \(code)"
        }
    }

    /// Decodes the code, checking its range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(Int.self)
        guard (0...9).contains(code) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "an ISO 5218 code is one digit")
        }
        self.code = code
    }

    /// Encodes the code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
