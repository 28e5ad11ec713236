import MynaCodec

/// A certificate's serial number: the key under which face-authentication failures are counted per card
/// (the user-authentication certificate's serial identifies the card without any personal data).
///
/// Shown (and written in JSON) as upper-case hex without separators.
public struct CertificateSerialNumber: Hashable, Sendable, CustomStringConvertible {
    /// The serial's big-endian bytes as in the certificate (a positive INTEGER's content octets).
    public let bytes: [UInt8]

    /// Creates a serial number from its bytes.
    package init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Parses upper- or lower-case hex.
    ///
    /// - Throws: ``DiagnosisCode/invalidInput`` for anything else.
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
}
