import MynaCodec

/// A certificate's serial number: the key under which face-authentication failures are counted per card
/// (the user-authentication certificate's serial identifies the card without any personal data).
///
/// Encoded in JSON as upper-case hex without separators.
public struct CertificateSerialNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The serial's big-endian bytes as in the certificate (a positive INTEGER's content octets).
    public let bytes: [UInt8]

    /// Creates a serial number from its bytes.
    package init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Parses upper- or lower-case hex.
    ///
    /// - Throws: ``MynaKitError/Code/invalidInput`` for anything else.
    package init(hex: String) throws(MynaKitError) {
        do {
            self.bytes = try Hex.decode(hex)
        } catch {
            throw MynaKitError(.invalidInput, "a serial number must be hex digits")
        }
    }

    /// Upper-case hex.
    package var hex: String { Hex.encode(bytes) }

    /// The serial in upper-case hex without separators.
    public var description: String { hex }

    /// Encodes the serial as upper-case hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// Decodes hex.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(hex: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }
}
