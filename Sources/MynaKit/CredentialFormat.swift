/// The format a credential's value must have before it may be sent to the card.
///
/// Checking the format first means a typo never spends one of the card's few tries. Digits are ASCII
/// `0`–`9` only (full-width digits are refused, not converted, so that what is sent is exactly what the
/// user sees); the signature password is upper-cased (as every reader of this card does) and then must be
/// 6–16 of `A`–`Z`, `0`–`9`.
public struct CredentialFormat: Hashable, Sendable, CustomStringConvertible {
    /// Which characters are allowed.
    public enum Alphabet: Hashable, Sendable {
        /// ASCII digits `0`–`9`.
        case digits
        /// ASCII `A`–`Z` and `0`–`9`, after upper-casing ASCII `a`–`z`.
        case uppercaseAlphanumeric
    }

    /// Which characters are allowed.
    public let alphabet: Alphabet
    /// How many characters are allowed.
    public let length: ClosedRange<Int>

    /// Creates a format.
    public init(alphabet: Alphabet, length: ClosedRange<Int>) {
        self.alphabet = alphabet
        self.length = length
    }

    /// 4 digits: the user-authentication PIN, the card-info PIN, the resident-registry PIN.
    public static let fourDigits = CredentialFormat(alphabet: .digits, length: 4...4)
    /// 6–16 of `A`–`Z` `0`–`9`: the signature password.
    public static let signaturePassword = CredentialFormat(alphabet: .uppercaseAlphanumeric, length: 6...16)
    /// 6 digits: the birth-date key (Japanese-era `YYMMDD`).
    public static let sixDigits = CredentialFormat(alphabet: .digits, length: 6...6)
    /// 12 digits: PIN-A (the individual number).
    public static let twelveDigits = CredentialFormat(alphabet: .digits, length: 12...12)
    /// 14 digits: PIN-B (Japanese-era birth date, card expiry year, security code).
    public static let fourteenDigits = CredentialFormat(alphabet: .digits, length: 14...14)

    /// "4 digits", "6–16 letters A–Z or digits".
    public var description: String {
        let count = length.lowerBound == length.upperBound
            ? "\(length.lowerBound)" : "\(length.lowerBound)–\(length.upperBound)"
        switch alphabet {
        case .digits: return "\(count) digits (0–9)"
        case .uppercaseAlphanumeric: return "\(count) letters A–Z or digits 0–9"
        }
    }

    /// Checks `bytes` and returns them normalised (upper-cased for the signature password), or `nil` when
    /// they do not have this format. Never throws or logs the value.
    public func normalized(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        guard length.contains(bytes.count) else { return nil }
        var result = [UInt8]()
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            switch (alphabet, byte) {
            case (_, 0x30...0x39): result.append(byte)
            case (.uppercaseAlphanumeric, 0x41...0x5A): result.append(byte)
            case (.uppercaseAlphanumeric, 0x61...0x7A): result.append(byte - 0x20)
            default:
                for i in result.indices { result[i] = 0 }
                return nil
            }
        }
        return result
    }
}
