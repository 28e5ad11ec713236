import Foundation
import X509

/// Validates JPKI certificates against trust anchors the caller supplies.
///
/// MynaKit does not bundle trust anchors. J-LIS (地方公共団体情報システム機構) publishes the JPKI CA
/// self-signed certificates (認証局の自己署名証明書) — one for user authentication and one for digital
/// signatures per CA generation (2015, 2019 and 2023: ``JPKIRootGeneration``, all with the same name, told
/// apart by key) — with their fingerprints at <https://www.jpki.go.jp/ca/>. Download them, check their
/// fingerprints against the published ones through a second channel, and pass them here. The certificate the card itself holds (EF `000B` / `0002`) is
/// not a trust anchor: it is only as trustworthy as the card.
///
/// Validation builds a chain with swift-certificates' `Verifier` (which checks every signature along it)
/// under `JPKIChainPolicy`: validity period at the validation time, KeyUsage for the intended use,
/// BasicConstraints cA = true and keyCertSign on every issuer, and an end-entity leaf.
public struct CertificateChainValidator: Sendable {
    /// The trusted roots.
    public let trustAnchors: [Certificate]

    /// Trusts these certificates as roots.
    public init(trustAnchors: [Certificate]) {
        self.trustAnchors = trustAnchors
    }

    /// Trusts these certificates as roots.
    public init(trustAnchors: [CardCertificate]) {
        self.trustAnchors = trustAnchors.map(\.certificate)
    }

    /// Trusts the certificates in these PEM documents as roots.
    ///
    /// - Throws: ``MyNumberCardError/Code/certificateInvalid`` for a document that is not a certificate.
    package init(pemEncodedTrustAnchors documents: [String]) throws(MyNumberCardError) {
        var anchors: [Certificate] = []
        for document in documents {
            anchors.append(try CardCertificate(pemEncoded: document).certificate)
        }
        self.trustAnchors = anchors
    }

    /// Validates `certificate` for `usage` at `time`.
    ///
    /// - Parameters:
    ///   - certificate: the certificate to validate, usually one read from the card.
    ///   - usage: what the certificate must be valid for (its key usage is checked).
    ///   - intermediates: CA certificates that may complete the chain (they are not trusted by themselves).
    ///   - time: the moment the chain must be valid at; now by default.
    /// - Returns: the validated chain, leaf first, trust anchor last.
    /// - Throws: ``MyNumberCardError/Code/certificateInvalid`` naming the first reason the best chain failed,
    ///   or that no chain to a trust anchor exists.
    public func validate(
        _ certificate: CardCertificate, for usage: CertificateUsage, intermediates: [CardCertificate] = [],
        at time: Date = Date()
    ) async throws(MyNumberCardError) -> [Certificate] {
        var verifier = Verifier(rootCertificates: CertificateStore(trustAnchors)) {
            JPKIChainPolicy(validationTime: time, usage: usage)
        }
        let result = await verifier.validate(
            leaf: certificate.certificate, intermediates: CertificateStore(intermediates.map(\.certificate)))
        switch result {
        case .validCertificate(let chain):
            return Array(chain)
        case .couldNotValidate(let failures):
            if let failure = failures.first {
                throw MyNumberCardError(
                    .certificateInvalid, "the certificate does not validate: \(failure.policyFailureReason)")
            }
            throw MyNumberCardError(
                .certificateInvalid,
                "no chain from the certificate to a trust anchor (unknown issuer, bad signature or an unhandled critical extension)")
        }
    }
}
