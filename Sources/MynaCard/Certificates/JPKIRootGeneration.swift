import Foundation
import X509

/// A generation of the J-LIS JPKI root CAs (地方公共団体情報システム機構 認証局の自己署名証明書).
///
/// J-LIS issues a new pair of self-signed roots — user authentication (`authcaNN`) and digital signature
/// (`signcaNN`) — every few years. Every generation has the same distinguished name, so a certificate's
/// issuer is found by key, not by name: ``CertificateChainValidator`` tries every trust anchor with the
/// issuer's name and keeps the one whose key verifies the signature. Cards issued under any generation
/// still in validity are in use at once; trust all of them. J-LIS publishes the files at
/// <https://www.jpki.go.jp/ca/>.
public struct JPKIRootGeneration: Hashable, Sendable, CustomStringConvertible {
    /// The year the generation's roots became valid, e.g. `2019`.
    public let year: Int
    /// J-LIS's file names, e.g. `authca02` / `signca02`.
    package let fileNames: (authentication: String, signature: String)
    /// The serial number of the user-authentication root.
    package let authenticationSerialNumber: [UInt8]
    /// The serial number of the signature root.
    package let signatureSerialNumber: [UInt8]

    /// Creates a generation.
    package init(
        year: Int, fileNames: (authentication: String, signature: String), authenticationSerialNumber: [UInt8],
        signatureSerialNumber: [UInt8]
    ) {
        self.year = year
        self.fileNames = fileNames
        self.authenticationSerialNumber = authenticationSerialNumber
        self.signatureSerialNumber = signatureSerialNumber
    }

    /// 2015-10-20 → 2025-10-19 (expired; signatures made before then still verify at their signing time).
    package static let y2015 = JPKIRootGeneration(
        year: 2015, fileNames: ("authca01", "signca01"), authenticationSerialNumber: [0x01], signatureSerialNumber: [0x01])
    /// 2019-09-14 → 2029-09-14.
    package static let y2019 = JPKIRootGeneration(
        year: 2019, fileNames: ("authca02", "signca02"), authenticationSerialNumber: [0x01, 0x33, 0xC3, 0x49],
        signatureSerialNumber: [0x01, 0x32, 0xC4, 0xAB])
    /// 2023-07-16 → 2033-07-15.
    package static let y2023 = JPKIRootGeneration(
        year: 2023, fileNames: ("authca03", "signca03"), authenticationSerialNumber: [0x06, 0xD1, 0x80, 0x06],
        signatureSerialNumber: [0x06, 0x7C, 0x6A, 0x21])

    /// The generations known to this library, oldest first.
    public static let known: [JPKIRootGeneration] = [.y2015, .y2019, .y2023]

    /// Where J-LIS publishes the roots of every generation.
    public static let publicationURL = "https://www.jpki.go.jp/ca/"

    /// The production generation `certificate` is the root of: a self-issued certificate of O=JPKI with a
    /// generation's serial number, valid from that generation's year; `nil` for anything else (test roots,
    /// another hierarchy).
    public static func of(_ certificate: Certificate) -> JPKIRootGeneration? {
        guard certificate.subject == certificate.issuer,
            certificate.subject.contains(where: { $0.description.contains("O=JPKI") && !$0.description.contains("JPKI-TEST") })
        else { return nil }
        let serial = Array(certificate.serialNumber.bytes)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? calendar.timeZone
        let year = calendar.component(.year, from: certificate.notValidBefore)
        return known.first {
            $0.year == year && (serial == $0.authenticationSerialNumber || serial == $0.signatureSerialNumber)
        }
    }

    /// The year.
    public var description: String { "JPKI root generation \(year) (\(fileNames.authentication)/\(fileNames.signature))" }

    /// Generations are equal when their years and serials are.
    public static func == (lhs: JPKIRootGeneration, rhs: JPKIRootGeneration) -> Bool {
        lhs.year == rhs.year && lhs.authenticationSerialNumber == rhs.authenticationSerialNumber
            && lhs.signatureSerialNumber == rhs.signatureSerialNumber
    }

    /// Hashes the year and serials.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(authenticationSerialNumber)
        hasher.combine(signatureSerialNumber)
    }
}
