import Foundation
import SwiftASN1
import X509

/// The chain policy for JPKI certificates: every certificate valid at the validation time, v3 when it has
/// extensions; every issuer a CA (BasicConstraints cA = true, within its path length) asserting
/// keyCertSign; the leaf asserting the KeyUsage its use needs — and not a CA unless the use is
/// ``CertificateUsage/certificateAuthority``.
///
/// These are the checks jpki/myna's security advisory found missing (validity, KeyUsage, BasicConstraints).
/// Signatures along the chain are checked by swift-certificates' `Verifier` itself.
struct JPKIChainPolicy: VerifierPolicy {
    /// BasicConstraints and KeyUsage are enforced here, so certificates may mark them critical.
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.basicConstraints, .X509ExtensionID.keyUsage,
    ]

    let validationTime: Date
    let usage: CertificateUsage

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        for (index, certificate) in chain.enumerated() {
            let position = index == 0 ? "the leaf certificate" : "CA certificate \(index) of the chain"
            if certificate.version != .v3 && !Array(certificate.extensions).isEmpty {
                return .failsToMeetPolicy(reason: "\(position) has extensions but is not X.509 v3")
            }
            if validationTime < certificate.notValidBefore {
                return .failsToMeetPolicy(reason: "\(position) is not valid yet")
            }
            if validationTime > certificate.notValidAfter {
                return .failsToMeetPolicy(reason: "\(position) has expired")
            }
            let keyUsage: KeyUsage?
            let basicConstraints: BasicConstraints?
            do {
                keyUsage = try certificate.extensions.keyUsage
                basicConstraints = try certificate.extensions.basicConstraints
            } catch {
                return .failsToMeetPolicy(reason: "\(position) has an undecodable KeyUsage or BasicConstraints")
            }
            let mustBeCA = index > 0 || usage.isCertificateAuthority
            if mustBeCA {
                guard case .isCertificateAuthority(let maxPathLength) = basicConstraints else {
                    return .failsToMeetPolicy(reason: "\(position) is not a CA (BasicConstraints cA is not true)")
                }
                // Certificates strictly between this CA and the leaf.
                if let maxPathLength, index > 0, index - 1 > maxPathLength {
                    return .failsToMeetPolicy(reason: "\(position) is followed by more CAs than its path length allows")
                }
                guard let keyUsage, keyUsage.keyCertSign else {
                    return .failsToMeetPolicy(reason: "\(position) does not assert keyCertSign")
                }
            }
            if index == 0 {
                if !usage.isCertificateAuthority, case .isCertificateAuthority = basicConstraints {
                    return .failsToMeetPolicy(reason: "the leaf certificate is a CA, not an end-entity certificate")
                }
                guard let keyUsage, usage.isSatisfied(by: keyUsage) else {
                    return .failsToMeetPolicy(reason: "the leaf certificate's KeyUsage does not allow \(usage.name)")
                }
            }
        }
        return .meetsPolicy
    }
}
