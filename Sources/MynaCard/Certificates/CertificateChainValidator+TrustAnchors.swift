import Foundation
import SwiftASN1
import X509

extension CertificateChainValidator {
    /// The file extensions read from a trust-anchor folder.
    static let trustAnchorFileExtensions: Set<String> = ["pem", "crt", "cer", "der"]

    /// Trusts every certificate in the files of `directory` (`.pem`, `.crt`, `.cer`, `.der`; PEM files may
    /// hold several certificates) — the folder where the J-LIS roots of every generation were saved from
    /// <https://www.jpki.go.jp/ca/> (``JPKIRootGeneration/publicationURL``).
    ///
    /// - Throws: ``MyNumberCardError/Code/invalidArgument`` when the folder cannot be read or holds no
    ///   certificate; ``MyNumberCardError/Code/certificateInvalid`` naming a file that is not a certificate.
    public init(contentsOfDirectory directory: URL) throws(MyNumberCardError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false)).sorted()
        } catch {
            throw MyNumberCardError(.invalidArgument, "the trust-anchor folder \(directory.path(percentEncoded: false)) cannot be read")
        }
        var anchors: [Certificate] = []
        for name in names where Self.trustAnchorFileExtensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()) {
            let url = directory.appending(path: name)
            guard let data = try? Data(contentsOf: url), data.count <= 1 << 20 else {
                throw MyNumberCardError(.invalidArgument, "the trust anchor \(name) cannot be read (or is over 1 MiB)")
            }
            let bytes = [UInt8](data)
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                if text.contains("-----BEGIN CERTIFICATE-----") {
                    for document in try PEMDocument.parseMultiple(pemString: text) where document.discriminator == "CERTIFICATE" {
                        anchors.append(try Certificate(derEncoded: document.derBytes))
                    }
                } else {
                    anchors.append(try Certificate(derEncoded: bytes))
                }
            } catch {
                throw MyNumberCardError(.certificateInvalid, "the trust anchor \(name) is not a certificate (PEM or DER)")
            }
        }
        guard !anchors.isEmpty else {
            throw MyNumberCardError(
                .invalidArgument,
                "the trust-anchor folder \(directory.path(percentEncoded: false)) holds no certificate (.pem, .crt, .cer, .der)")
        }
        self.init(trustAnchors: anchors)
    }

    /// The trust anchor with the same key as `certificate` — e.g. the card's CA certificate (EF `000B` /
    /// `0002`), to learn which generation issued the card. Names do not tell generations apart; keys do.
    public func trustAnchor(withKeyOf certificate: CardCertificate) -> Certificate? {
        trustAnchors.first { $0.publicKey == certificate.publicKey && $0.subject == certificate.subject }
    }
}
