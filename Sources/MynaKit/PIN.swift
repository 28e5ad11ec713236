import MynaISO7816

/// A credential value (PIN, password, PIN-B) whose format has been checked for its credential.
///
/// The bytes live in ``MynaISO7816/SecretBytes``: private storage zeroed when the last copy of this value
/// goes away. Nothing prints them: ``description``, ``debugDescription`` and the mirror show only which
/// credential the value is for. "As far as Swift allows": a `String` the caller made cannot be zeroed
/// (prefer ``init(consuming:for:)``, which zeroes the caller's array), and the command APDU built for
/// VERIFY is an ordinary array.
public struct PIN: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential this value is for.
    public let credential: Credential
    /// The normalised value (ASCII; upper-cased for the signature password).
    let secret: SecretBytes

    /// Checks `text` against the credential's format and keeps it.
    ///
    /// - Throws: ``MynaKitError/Code/invalidPINFormat`` (the message names the format, never the value).
    public init(_ text: String, for credential: Credential) throws(MynaKitError) {
        var bytes = Array(text.utf8)
        try self.init(consuming: &bytes, for: credential)
    }

    /// Checks `bytes` against the credential's format, keeps them, and overwrites `bytes` with zeros
    /// (whether or not the format was right).
    ///
    /// - Throws: ``MynaKitError/Code/invalidPINFormat``.
    public init(consuming bytes: inout [UInt8], for credential: Credential) throws(MynaKitError) {
        defer { for i in bytes.indices { bytes[i] = 0 } }
        guard var normalized = credential.format.normalized(bytes) else {
            throw MynaKitError(
                .invalidPINFormat, "the \(credential.label) must be \(credential.format); nothing was sent to the card",
                credential: credential)
        }
        defer { for i in normalized.indices { normalized[i] = 0 } }
        self.credential = credential
        self.secret = SecretBytes(normalized)
    }

    /// `<PIN for userAuthenticationPIN, redacted>`.
    public var description: String { "<\(credential.label) value, redacted>" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror that shows only the credential.
    public var customMirror: Mirror { Mirror(self, children: ["credential": credential.name]) }
}
