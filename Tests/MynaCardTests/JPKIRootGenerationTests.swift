import Crypto
import CryptoExtras
import Foundation
import MynaCard
import SwiftASN1
import Testing
import X509

/// Three root generations with the same name, as J-LIS issues them: the chain is built to the generation
/// whose key signed the card's CA, whichever order the anchors come in.
@Suite struct JPKIRootGenerationTests {
    /// A generated test hierarchy: three self-signed roots sharing one DN, and a signature certificate
    /// issued by each.
    struct Hierarchy: Sendable {
        let roots: [Certificate]
        let leaves: [CardCertificate]
        let years = [2015, 2019, 2023]
    }

    /// Generated once for the suite (RSA key generation is slow in debug builds).
    static let generated = Result { try makeHierarchy() }

    static func makeHierarchy() throws -> Hierarchy {
        let name = try DistinguishedName {
            CountryName("JP")
            OrganizationName("JPKI-TESTGEN")
            OrganizationalUnitName("JPKI for digital signature")
            OrganizationalUnitName("Japan Agency for Local Authority Information Systems")
        }
        var roots: [Certificate] = []
        var leaves: [CardCertificate] = []
        for (index, year) in [2015, 2019, 2023].enumerated() {
            let rootKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let start = try Self.date(year, 7, 1)
            let root = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x01, UInt8(index + 1)]),
                publicKey: Certificate.PublicKey(rootKey.publicKey), notValidBefore: start,
                notValidAfter: try Self.date(year + 10, 6, 30), issuer: name, subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                },
                issuerPrivateKey: Certificate.PrivateKey(rootKey))
            let leafKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let leaf = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x10, UInt8(index + 1)]),
                publicKey: Certificate.PublicKey(leafKey.publicKey), notValidBefore: try Self.date(year + 1, 1, 1),
                notValidAfter: try Self.date(year + 5, 1, 1), issuer: name,
                subject: try DistinguishedName { CountryName("JP"); LocalityName("Kiyose-shi") },
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                },
                issuerPrivateKey: Certificate.PrivateKey(rootKey))
            roots.append(root)
            leaves.append(try CardCertificate(derEncoded: try Self.der(leaf)))
        }
        return Hierarchy(roots: roots, leaves: leaves)
    }

    @Test(arguments: [0, 1, 2])
    func eachGenerationsCardsChainToTheirOwnRoot(_ generation: Int) async throws {
        let hierarchy = try Self.generated.get()
        // Anchors in an order that puts the right one neither first nor alone.
        let validator = CertificateChainValidator(trustAnchors: [hierarchy.roots[2], hierarchy.roots[0], hierarchy.roots[1]])
        let leaf = hierarchy.leaves[generation]
        let chain = try await validator.validate(leaf, for: .digitalSignature, at: leaf.notValidBefore.addingTimeInterval(86_400))
        #expect(chain.count == 2)
        #expect(chain.last?.publicKey == hierarchy.roots[generation].publicKey)
        // The card's CA certificate (EF 0002) names its generation by key.
        let cardCA = try CardCertificate(derEncoded: try Self.der(hierarchy.roots[generation]))
        #expect(validator.trustAnchor(withKeyOf: cardCA) == hierarchy.roots[generation])
    }

    @Test func aMiddleGenerationCardFailsWithoutItsRoot() async throws {
        // The situation of ../shared/data/jpki-ca: 2015 and 2023 only.
        let hierarchy = try Self.generated.get()
        let validator = CertificateChainValidator(trustAnchors: [hierarchy.roots[0], hierarchy.roots[2]])
        let leaf = hierarchy.leaves[1]
        await #expect(throws: MyNumberCardError.self) {
            try await validator.validate(leaf, for: .digitalSignature, at: leaf.notValidBefore.addingTimeInterval(86_400))
        }
        let cardCA = try CardCertificate(derEncoded: try Self.der(hierarchy.roots[1]))
        #expect(validator.trustAnchor(withKeyOf: cardCA) == nil)
    }

    @Test func aTrustAnchorFolderLoadsEveryGeneration() async throws {
        let hierarchy = try Self.generated.get()
        let directory = FileManager.default.temporaryDirectory.appending(path: "myna-anchors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // One PEM, one DER, and a PEM bundle with the third; a README that is not read.
        try Data(PEMDocument(type: "CERTIFICATE", derBytes: try Self.der(hierarchy.roots[0])).pemString.utf8)
            .write(to: directory.appending(path: "signca01.pem"))
        try Data(try Self.der(hierarchy.roots[1])).write(to: directory.appending(path: "signca02.cer"))
        try Data(PEMDocument(type: "CERTIFICATE", derBytes: try Self.der(hierarchy.roots[2])).pemString.utf8)
            .write(to: directory.appending(path: "bundle.crt"))
        try Data("not a certificate".utf8).write(to: directory.appending(path: "README.txt"))
        let validator = try CertificateChainValidator(contentsOfDirectory: directory)
        #expect(validator.trustAnchors.count == 3)
        let leaf = hierarchy.leaves[1]
        let chain = try await validator.validate(leaf, for: .digitalSignature, at: leaf.notValidBefore.addingTimeInterval(86_400))
        #expect(chain.last == hierarchy.roots[1])
        // A file that is not a certificate is named.
        try Data("garbage".utf8).write(to: directory.appending(path: "broken.pem"))
        #expect(throws: MyNumberCardError.self) { try CertificateChainValidator(contentsOfDirectory: directory) }
        let empty = directory.appending(path: "empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let error = #expect(throws: MyNumberCardError.self) { try CertificateChainValidator(contentsOfDirectory: empty) }
        #expect(error?.code == .invalidArgument)
    }

    @Test(.enabled(if: RealJPKICertificates.shouldRun, RealJPKICertificates.skipComment))
    func theRealRootsAreKnownGenerations() throws {
        let validator = try CertificateChainValidator(contentsOfDirectory: RealJPKICertificates.directory)
        #expect(validator.trustAnchors.count == 4)
        for (name, pem) in try RealJPKICertificates.all().map({ ($0.name, $0.pem) }) {
            let certificate = try CardCertificate(pemEncoded: pem)
            let generation = try #require(JPKIRootGeneration.of(certificate.certificate))
            #expect(name.hasSuffix("\(generation.year)"))
            #expect(validator.trustAnchor(withKeyOf: certificate) == certificate.certificate)
        }
        // The generated roots are not production generations.
        #expect(JPKIRootGeneration.of(try Self.generated.get().roots[1]) == nil)
        #expect(JPKIRootGeneration.known.map(\.year) == [2015, 2019, 2023])
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        return try #require(calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)))
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}
