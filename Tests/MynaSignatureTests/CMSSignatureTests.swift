import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaSignature
import MynaSimulator
import SwiftASN1
import Testing
import X509

@Suite struct CMSSignatureTests {
    static let content = Array("申請書 — MynaKit CMS test\n".utf8)

    @Test(arguments: [DigestAlgorithm.sha256, .sha384, .sha512], [true, false])
    func roundTrip(_ algorithm: DigestAlgorithm, _ detached: Bool) async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, detached: detached, algorithm: algorithm, passcode: try SignatureTestSupport.password(),
            signingTime: SignatureTestSupport.signingTime)
        #expect(signed.isDetached == detached)
        #expect(!signed.isUserAuthenticationSignature)
        #expect(signed.signingTime == SignatureTestSupport.signingTime)
        let pem = try PEMDocument(pemString: signed.pemEncoded)
        #expect(pem.discriminator == "CMS" && pem.derBytes == signed.derEncoded)
        let verifier = try await SignatureTestSupport.verifier(card)
        let results = try await verifier.verifyCMS(signed.derEncoded, content: detached ? Self.content : nil)
        let result = try #require(results.first)
        #expect(results.count == 1)
        #expect(result.key == .signature)
        #expect(result.algorithm == algorithm)
        #expect(result.isCAdES)
        #expect(result.signingTime == SignatureTestSupport.signingTime)
        #expect(result.validationTime == SignatureTestSupport.signingTime)
        #expect(result.chain.count == 2)
        #expect(result.rootGeneration == nil)
        #expect(!result.revocationChecked)
        for check in [
            SignatureCheck.signatureValue, .messageDigest, .contentType, .signingCertificate, .certificateChain,
            .validityAtSigningTime, .keyUsage, .basicConstraints,
        ] {
            #expect(result.checks.contains(check))
        }
    }

    @Test func aDetachedSignatureNeedsItsContent() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, passcode: try SignatureTestSupport.password(), signingTime: SignatureTestSupport.signingTime)
        let verifier = try await SignatureTestSupport.verifier(card)
        let error = await signatureError { try await verifier.verifyCMS(signed.derEncoded) }
        #expect(error?.code == .invalidArgument)
    }

    @Test func theUserAuthenticationKeyIsLabelled() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, key: .userAuthentication, passcode: try SignatureTestSupport.pinCode(),
            signingTime: SignatureTestSupport.signingTime)
        #expect(signed.isUserAuthenticationSignature)
        let verifier = try await SignatureTestSupport.verifier(card)
        let result = try #require(try await verifier.verifyCMS(signed.derEncoded, content: Self.content).first)
        #expect(result.key == .userAuthentication)
        #expect(result.isUserAuthenticationSignature)
    }

    @Test func theWrongCredentialIsRejectedBeforeTheCard() async throws {
        let (card, simulator) = try SignatureTestSupport.card()
        let before = simulator.answeredCommandCount
        let error = await signatureError {
            try await card.jpki.signCMS(Self.content, key: .signature, passcode: try SignatureTestSupport.pinCode())
        }
        #expect(error?.code == .invalidArgument)
        #expect(simulator.answeredCommandCount == before)
    }

    @Test func aWrongPasswordCostsOneTryAndSignsNothing() async throws {
        let (card, simulator) = try SignatureTestSupport.card()
        let before = try #require(simulator.triesRemaining(.signaturePassword))
        do {
            _ = try await card.jpki.signCMS(Self.content, passcode: try Passcode(.signaturePassword, "WRONG9"))
            Issue.record("a wrong password signed")
        } catch let error as MyNumberCardError {
            #expect(error.code == .wrongCredential)
        }
        #expect(simulator.triesRemaining(.signaturePassword) == before - 1)
    }

    @Test func tamperedContentIsRejected() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, passcode: try SignatureTestSupport.password(), signingTime: SignatureTestSupport.signingTime)
        let verifier = try await SignatureTestSupport.verifier(card)
        var tampered = Self.content
        tampered[3] ^= 0x01
        let error = await signatureError { try await verifier.verifyCMS(signed.derEncoded, content: tampered) }
        #expect(error?.code == .contentMismatch)
    }

    @Test func tamperedSignedAttributesAreRejected() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, detached: false, passcode: try SignatureTestSupport.password(),
            signingTime: SignatureTestSupport.signingTime)
        let verifier = try await SignatureTestSupport.verifier(card)
        // The signing time (UTCTime `260115130000Z`) changed by one digit: the DER still parses.
        let time = Array("260115130000Z".utf8)
        var bytes = signed.derEncoded
        let index = try #require(Self.find(time, in: bytes))
        bytes[index + 11] = UInt8(ascii: "1")
        let error = await signatureError { try await verifier.verifyCMS(bytes) }
        #expect(error?.code == .signatureInvalid)
        // The attached content changed: the digest no longer matches.
        var content = signed.derEncoded
        let at = try #require(Self.find(Self.content, in: content))
        content[at] ^= 0x01
        let mismatch = await signatureError { try await verifier.verifyCMS(content) }
        #expect(mismatch?.code == .contentMismatch)
    }

    @Test func aStrangerTrustAnchorOrTimeOutsideValidityIsRejected() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, passcode: try SignatureTestSupport.password(), signingTime: SignatureTestSupport.signingTime)
        // A root with the card CA's very name but another key: names do not make a chain, keys do.
        let impostor = try SignatureTestSupport.impostor(of: signed.caCertificate)
        let strangers = SignatureVerifier(chainValidator: CertificateChainValidator(trustAnchors: [impostor]))
        let error = await signatureError { try await strangers.verifyCMS(signed.derEncoded, content: Self.content) }
        #expect(error?.code == .certificateInvalid)
        let verifier = try await SignatureTestSupport.verifier(card)
        let late = await signatureError {
            try await verifier.verifyCMS(
                signed.derEncoded, content: Self.content, at: signed.signerCertificate.notValidAfter.addingTimeInterval(1))
        }
        #expect(late?.code == .certificateInvalid)
    }

    @Test func malformedCMSGivesATypedError() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let verifier = try await SignatureTestSupport.verifier(card)
        let signed = try await card.jpki.signCMS(
            Self.content, passcode: try SignatureTestSupport.password(), signingTime: SignatureTestSupport.signingTime)
        for length in stride(from: 0, to: signed.derEncoded.count, by: 97) {
            let error = await signatureError {
                try await verifier.verifyCMS(Array(signed.derEncoded.prefix(length)), content: Self.content)
            }
            #expect(error?.code == .malformedCMS)
        }
    }

    @Test func rawSignaturesVerifyWithTheChain() async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signature = try await card.jpki.sign(
            message: Self.content, key: .signature, passcode: try SignatureTestSupport.password())
        let verifier = try await SignatureTestSupport.verifier(card)
        let result = try await verifier.verifyRaw(
            signature: signature.signature, message: Self.content, algorithm: .sha256, certificate: signature.certificate,
            at: SignatureTestSupport.signingTime)
        #expect(result.key == .signature && result.chain.count == 2)
        var wrong = signature.signature
        wrong[10] ^= 1
        let error = await signatureError {
            try await verifier.verifyRaw(
                signature: wrong, message: Self.content, algorithm: .sha256, certificate: signature.certificate)
        }
        #expect(error?.code == .signatureInvalid)
    }

    // MARK: openssl

    @Test(.enabled(if: SignatureTestSupport.hasTool("openssl")), arguments: [true, false])
    func opensslAcceptsTheCMS(_ detached: Bool) async throws {
        let (card, _) = try SignatureTestSupport.card()
        let signed = try await card.jpki.signCMS(
            Self.content, detached: detached, passcode: try SignatureTestSupport.password(),
            signingTime: SignatureTestSupport.signingTime)
        let directory = try SignatureTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in directory.appending(path: name).path(percentEncoded: false) }
        try SignatureTestSupport.write(signed.derEncoded, directory.appending(path: "sig.p7s"))
        try SignatureTestSupport.write(Self.content, directory.appending(path: "content.txt"))
        try SignatureTestSupport.write(Array(PEMDocument(type: "CERTIFICATE", derBytes: signed.caCertificate.derEncoded).pemString.utf8), directory.appending(path: "ca.pem"))
        var tampered = Self.content
        tampered[0] ^= 0x01
        try SignatureTestSupport.write(tampered, directory.appending(path: "tampered.txt"))
        let attime = String(Int(SignatureTestSupport.signingTime.timeIntervalSince1970))
        var arguments = [
            "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", path("sig.p7s"), "-CAfile", path("ca.pem"),
            "-attime", attime, "-out", path("out.txt"),
        ]
        if detached { arguments += ["-content", path("content.txt")] }
        let result = try SignatureTestSupport.run(arguments)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Verification successful"))
        #expect(try Data(contentsOf: directory.appending(path: "out.txt")) == Data(Self.content))
        // openssl sees the CAdES attribute.
        let printed = try SignatureTestSupport.run(["openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", path("sig.p7s")])
        #expect(printed.output.contains("id-smime-aa-signingCertificateV2"))
        if detached {
            var tamperedArguments = arguments
            tamperedArguments[tamperedArguments.count - 1] = path("tampered.txt")
            let tamperedResult = try SignatureTestSupport.run(tamperedArguments)
            #expect(tamperedResult.status != 0)
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

func signatureError<T>(_ body: () async throws -> T) async -> SignatureError? {
    do {
        _ = try await body()
        return nil
    } catch let error as SignatureError {
        return error
    } catch {
        Issue.record("not a SignatureError: \(error)")
        return nil
    }
}
