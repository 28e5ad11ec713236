import MynaISO7816

/// The 12-digit individual number (個人番号, "My Number").
///
/// Always 12 ASCII digits whose last digit is the check digit of the first eleven. The value is personal
/// data: ``description`` and ``debugDescription`` are redacted, and the digits come out only through the
/// explicit ``digits`` accessor (or as PIN-A, ``Passcode/pinA(_:for:)``).
public struct IndividualNumber: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let storage: [UInt8]

    /// Validates and wraps 12 ASCII digits.
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` unless exactly 12 ASCII digits;
    ///   ``MyNumberCardError/Code/invalidCheckDigit`` when the 12th digit is not the check digit.
    package init(ascii bytes: some Collection<UInt8>) throws(MyNumberCardError) {
        let bytes = Array(bytes)
        guard bytes.count == 12, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw MyNumberCardError(.invalidArgument, "an individual number is 12 ASCII digits")
        }
        let values = bytes.map { Int($0 - 0x30) }
        guard Self.checkDigit(of: values.prefix(11)) == values[11] else {
            throw MyNumberCardError(.invalidCheckDigit, "the individual number's check digit is wrong")
        }
        storage = bytes
    }

    /// Validates and wraps a 12-digit string.
    public init(_ digits: String) throws(MyNumberCardError) {
        try self.init(ascii: Array(digits.utf8))
    }

    /// The 12 digits. Personal data: do not log.
    public var digits: String { String(decoding: storage, as: UTF8.self) }

    /// The 12 digits as PIN-A reference data.
    package var referenceData: SecretBytes { SecretBytes(storage) }

    /// The check digit of the first eleven digits, by the rule of the Cabinet Order on the number (番号法施行令
    /// 第8条): with Pn the n-th digit counted from the right of the eleven and Qn = n + 1 for n ≤ 6, n − 5
    /// for n ≥ 7, the check digit is 0 when Σ Pn·Qn mod 11 ≤ 1, else 11 − that remainder.
    ///
    /// - Returns: `nil` unless exactly eleven values 0…9.
    package static func checkDigit(of first11: some Collection<Int>) -> Int? {
        let digits = Array(first11)
        guard digits.count == 11, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        var sum = 0
        for n in 1...11 {
            let p = digits[11 - n]
            let q = n <= 6 ? n + 1 : n - 5
            sum += p * q
        }
        let remainder = sum % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// Always `IndividualNumber(<redacted>)`.
    public var description: String { "IndividualNumber(<redacted>)" }
    /// Always `IndividualNumber(<redacted>)`.
    public var debugDescription: String { description }
    /// No children: `dump` shows nothing of the number.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
