/// The JPKI applet's certificate-presence file (EF `0008`): 3 bytes, `8F 8F 00` when both certificates are
/// present (byte 0: signature certificate, byte 1: user-authentication certificate).
public struct CertificatePresence: Hashable, Sendable {
    /// The byte that marks a certificate as present.
    package static let presentMarker: UInt8 = 0x8F

    /// The bytes as read.
    public let rawValue: [UInt8]

    /// Parses the file.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` unless exactly 3 bytes.
    package init(_ bytes: [UInt8]) throws(MyNumberCardError) {
        guard bytes.count == 3 else {
            throw MyNumberCardError.malformed("the certificate presence file (EF 0008) is \(bytes.count) bytes, expected 3")
        }
        rawValue = bytes
    }

    /// Whether the signature certificate is present (absent on face-authentication cards and under 15).
    public var hasSignatureCertificate: Bool { rawValue.first == Self.presentMarker }
    /// Whether the user-authentication certificate is present (absent on old resident-registry cards).
    public var hasAuthenticationCertificate: Bool { rawValue.dropFirst().first == Self.presentMarker }
}
