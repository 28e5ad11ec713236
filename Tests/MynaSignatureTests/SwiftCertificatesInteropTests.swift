import Foundation
import MynaCard
import MynaSignature
import Testing
@_spi(CMS) @_spi(FixedExpiryValidationTime) import X509

/// swift-certificates' own CMS verifier (SPI) accepts what MynaSignature writes: signed attributes, message
/// digest and signature, and the chain to the card's CA.
@Suite struct SwiftCertificatesInteropTests {
    @Test(arguments: [true, false])
    func swiftCertificatesVerifiesTheCMS(_ detached: Bool) async throws {
        let (card, _) = try SignatureTestSupport.card()
        let content = Array("interop".utf8)
        let signed = try await card.jpki.signCMS(
            content, detached: detached, passcode: try SignatureTestSupport.password(),
            signingTime: SignatureTestSupport.signingTime)
        let roots = CertificateStore([signed.caCertificate.certificate])
        let time = SignatureTestSupport.signingTime
        let result =
            detached
            ? await CMS.isValidSignature(dataBytes: content, signatureBytes: signed.derEncoded, trustRoots: roots) {
                RFC5280Policy(fixedExpiryValidationTime: time)
            }
            : await CMS.isValidAttachedSignature(signatureBytes: signed.derEncoded, trustRoots: roots) {
                RFC5280Policy(fixedExpiryValidationTime: time)
            }
        switch result {
        case .success(let valid): #expect(valid.signer == signed.signerCertificate.certificate)
        case .failure(let error): Issue.record("swift-certificates rejects the CMS: \(error)")
        }
        // And it parses the signer and the signing time.
        let parsed = try CMSSignature(derEncoded: signed.derEncoded)
        #expect(try parsed.signers.first?.signingTime == SignatureTestSupport.signingTime)
        #expect(parsed.certificates.count == 2)
        // A changed content byte fails there too.
        if detached {
            var changed = content
            changed[0] ^= 1
            let rejected = await CMS.isValidSignature(dataBytes: changed, signatureBytes: signed.derEncoded, trustRoots: roots) {
                RFC5280Policy(fixedExpiryValidationTime: time)
            }
            if case .success = rejected { Issue.record("swift-certificates accepts a changed content") }
        }
    }
}
