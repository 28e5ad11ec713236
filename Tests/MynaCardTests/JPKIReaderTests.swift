import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing
import X509

@Suite struct JPKIReaderTests {
    @Test func tokenInfo() async throws {
        let (card, sim, _) = try makeTestCard()
        let info = try await card.jpki.tokenInfo()
        #expect(info.kind == .card)
        #expect(info.label == "JPKIAPICCTOKEN2")
        #expect(info.manufacturerID == "MynaKit Simulator")
        #expect(info.flags == 0x0000_040D)
        #expect(info.maximumPINLength == 16 && info.minimumPINLength == 4)
        #expect(info.hardwareVersion == Array("03".utf8))
        #expect(sim.commands.count == 2)
    }

    @Test(arguments: [
        ("standard", "JPKIAPICCTOKEN2", TokenKind.card), ("smartphoneAndroid", "JPKIAPGPSETOKEN", .androidPhone),
        ("smartphoneIPhone", "JPKIAPIOSTOKEN", .iPhone), ("oldJukiCard", "JPKIAPICCTOKEN", .oldJukiCard),
    ])
    func tokenKinds(_ persona: String, _ label: String, _ kind: TokenKind) async throws {
        let (card, _, _) = try makeTestCard(persona: try Persona.named(persona))
        let info = try await card.jpki.tokenInfo()
        #expect(info.kind == kind)
        #expect(info.label == label)
        #expect(kind.isKnown)
    }

    @Test func unknownTokenLabelsAreKept() async throws {
        // The label is bytes 0–31, space-padded.
        let (card, _, _) = try makeTestCard { image in
            var info = content(image, .jpki, 0x0006)
            info.replaceSubrange(0..<32, with: Array("SOMEOTHERTOKEN".utf8) + [UInt8](repeating: 0x20, count: 18))
            return image.replacingFile(FileIdentifier(0x0006), of: .jpki, with: info)
        }
        let kind = try await card.jpki.tokenInfo().kind
        #expect(kind.label == "SOMEOTHERTOKEN")
        #expect(!kind.isKnown && !kind.isSmartphone)
    }

    @Test(arguments: [[UInt8](repeating: 0x20, count: 159), [UInt8](repeating: 0x01, count: 160)])
    func malformedTokenInfo(_ bytes: [UInt8]) async throws {
        let (card, _, _) = try makeTestCard { $0.replacingFile(FileIdentifier(0x0006), of: .jpki, with: bytes) }
        let error = await cardError { try await card.jpki.tokenInfo() }
        #expect(error?.code == .malformedFile)
    }

    @Test func certificatesAndPresence() async throws {
        let (card, _, image) = try makeTestCard()
        let presence = try await card.jpki.certificatePresence()
        #expect(presence.hasSignatureCertificate && presence.hasAuthenticationCertificate)
        let auth = try await card.jpki.authenticationCertificate()
        #expect(auth.rsaPublicKey == (try CardRSAPublicKey(try #require(image.authenticationPublicKey))))
        #expect(auth.keyUsage == KeyUsage(digitalSignature: true))
        #expect(auth.subject.description.contains("900000000000001"))
        let authCA = try await card.jpki.authenticationCACertificate()
        #expect(auth.isSigned(by: authCA))
        let sign = try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, "abc123"))
        #expect(sign.rsaPublicKey == (try CardRSAPublicKey(try #require(image.signaturePublicKey))))
        let signCA = try await card.jpki.signatureCACertificate()
        #expect(sign.isSigned(by: signCA))
        let validator = CertificateChainValidator(trustAnchors: [authCA])
        let chain = try await validator.validate(auth, for: .userAuthentication, at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(chain.count == 2)
    }

    @Test func theSignatureCertificateNeedsThePassword() async throws {
        let (card, sim, _) = try makeTestCard()
        // Reading without VERIFY: the card says 6982.
        let error = await anyError {
            try await card.iso7816.select(.jpki)
            return try await card.iso7816.readFile(JPKIFile.signatureCertificate)
        }
        #expect((error as? CardCommandError)?.statusWord == .securityStatusNotSatisfied)
        let wrong = await cardError { try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, "WRONG1")) }
        #expect(wrong?.code == .wrongCredential)
        #expect(wrong?.retriesRemaining == 4)
        #expect(wrong?.credential == .signaturePassword)
        #expect(sim.tries(.signaturePassword) == 4)
    }

    @Test func phoneTokensNeedThePINForTheAuthenticationCertificate() async throws {
        let (card, _, _) = try makeTestCard(persona: .smartphoneAndroid)
        let refused = await cardError { try await card.jpki.authenticationCertificate() }
        #expect(refused?.code == .securityStatusNotSatisfied)
        #expect(refused?.credential == .userAuthenticationPIN)
        let certificate = try await card.jpki.authenticationCertificate(pin: Passcode(.userAuthenticationPIN, "2580"))
        #expect(certificate.keyUsage?.digitalSignature == true)
    }

    @Test func aMissingSignatureCertificateIsNotPresent() async throws {
        // A child's card (under 15 at issuance): no signature certificate, no password.
        let (card, _, _) = try makeTestCard(persona: .child)
        let error = await cardError { try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, "CHILD01")) }
        #expect(error?.code == .notPresentOnThisCard)
        #expect(error?.credential == .signaturePassword)
        #expect(error.map { "\($0)" }?.contains("signature password") == true)
    }

    @Test(arguments: [DigestAlgorithm.sha256, .sha384, .sha512])
    func signingADigest(_ algorithm: DigestAlgorithm) async throws {
        let (card, sim, image) = try makeTestCard()
        let authenticationKey = try #require(image.authenticationPublicKey)
        let message = Array("document".utf8)
        let digest = algorithm.hash(message)
        let result = try await card.jpki.sign(
            digest: digest, algorithm: algorithm, key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        #expect(result.digestInfo == algorithm.digestInfoPrefix + digest)
        #expect(result.certificate.rsaPublicKey == (try CardRSAPublicKey(authenticationKey)))
        // BoringSSL agrees.
        let signature = _RSA.Signing.RSASignature(rawRepresentation: result.signature)
        let boring = authenticationKey
        switch algorithm {
        case .sha384: #expect(boring.isValidSignature(signature, for: SHA384.hash(data: message), padding: .insecurePKCS1v1_5))
        case .sha512: #expect(boring.isValidSignature(signature, for: SHA512.hash(data: message), padding: .insecurePKCS1v1_5))
        default: #expect(boring.isValidSignature(signature, for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5))
        }
        // The sign command: CLA 80, P1 00, P2 97 (the key EF 0017 by short EF identifier, no SELECT), the
        // DigestInfo; then the log-out: SELECT of the ISD first.
        let commands = beforeLogOut(sim.commands)
        let sign = try #require(commands.last)
        #expect([sign.cla, sign.ins, sign.p1, sign.p2] == [0x80, 0x2A, 0x00, 0x97])
        #expect(sign.data == result.digestInfo)
        #expect(commands.filter(\.isSelectFile).isEmpty)
        #expect(logOutSelects(sim.commands).first?.data == ApplicationIdentifier.issuerSecurityDomain.bytes)
    }

    @Test func signingWithTheSignatureKeyUpperCasesThePassword() async throws {
        let (card, _, _) = try makeTestCard()
        let result = try await card.jpki.sign(
            message: Array("contract".utf8), key: .signature, passcode: Passcode(.signaturePassword, "abc123"))
        #expect(result.key == .signature)
        #expect(result.certificate.keyUsage?.nonRepudiation == true)
    }

    @Test func theWrongCredentialForAKeyIsRefusedBeforeSending() async throws {
        let (card, sim, _) = try makeTestCard()
        let error = await cardError {
            try await card.jpki.sign(message: [1], key: .signature, passcode: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(error?.code == .credentialNotAccepted)
        let badDigest = await cardError {
            try await card.jpki.sign(
                digest: [1, 2, 3], algorithm: .sha256, key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(badDigest?.code == .invalidArgument)
        #expect(sim.commands.isEmpty)
    }

    @Test func aSignatureThatDoesNotMatchTheCertificateIsNotHandedBack() async throws {
        // The certificate is another card's: the key signing is not the certificate's.
        let other = try CardImage(persona: .gaijiName, now: Simulator.now)
        let (card, _, _) = try makeTestCard {
            $0.replacingFile(FileIdentifier(0x000A), of: .jpki, with: content(other, .jpki, 0x000A))
        }
        let error = await cardError {
            try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(error?.code == .signatureInvalid)
    }

    @Test func changingThePIN() async throws {
        let (card, sim, _) = try makeTestCard()
        try await card.jpki.changePasscode(Passcode(.userAuthenticationPIN, "1234"), to: Passcode(.userAuthenticationPIN, "5678"))
        let change = try #require(beforeLogOut(sim.commands).last)
        #expect([change.ins, change.p1, change.p2] == [0x24, 0x01, 0x80])
        let old = await cardError {
            try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(old?.code == .wrongCredential)
        _ = try await card.jpki.sign(message: [1], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "5678"))
        try await card.changePasscode(Passcode(.cardInfoPIN, "1234"), to: Passcode(.cardInfoPIN, "4321"))
        _ = try await card.cardInfoInputSupport.individualNumber(using: Passcode(.cardInfoPIN, "4321"))
    }

    @Test func changesAreRefusedWhenTheyCannotWork() async throws {
        let (card, sim, _) = try makeTestCard()
        let mixed = await cardError {
            try await card.changePasscode(Passcode(.userAuthenticationPIN, "1234"), to: Passcode(.cardInfoPIN, "5678"))
        }
        #expect(mixed?.code == .credentialNotAccepted)
        let pinB = await cardError {
            try await card.changePasscode(Passcode(.cardInfoPINB, "60072320354821"), to: Passcode(.cardInfoPINB, "60072320354822"))
        }
        #expect(pinB?.code == .credentialNotAccepted)
        let notJPKI = await cardError {
            try await card.jpki.changePasscode(Passcode(.cardInfoPIN, "1234"), to: Passcode(.cardInfoPIN, "5678"))
        }
        #expect(notJPKI?.code == .credentialNotAccepted)
        #expect(sim.commands.isEmpty)
    }
}

@Suite struct CertificatePolicyTests {
    static let inside = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15

    static func validate(
        leaf: Certificate, anchor: Certificate, usage: CertificateUsage = .userAuthentication, at time: Date = inside
    ) async throws -> MyNumberCardError? {
        let validator = CertificateChainValidator(trustAnchors: [anchor])
        let certificate = try CardCertificate(derEncoded: try TestCertificates.der(leaf))
        return await cardError { try await validator.validate(certificate, for: usage, at: time) }
    }

    @Test func aGoodChainValidates() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let ca = try builder.caCertificate(purpose: TestCertificates.authenticationPurpose)
        let leaf = try builder.leafCertificate(
            purpose: TestCertificates.authenticationPurpose, key: builder.keys.authentication, serial: 7,
            keyUsage: KeyUsage(digitalSignature: true))
        #expect(try await Self.validate(leaf: leaf, anchor: ca) == nil)
    }

    @Test func expiredAndNotYetValidLeavesFail() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let ca = try builder.caCertificate(purpose: TestCertificates.authenticationPurpose)
        let leaf = try builder.leafCertificate(
            purpose: TestCertificates.authenticationPurpose, key: builder.keys.authentication, serial: 7,
            keyUsage: KeyUsage(digitalSignature: true))
        let expired = try await Self.validate(leaf: leaf, anchor: ca, at: builder.validity.notAfter.addingTimeInterval(1))
        #expect(expired?.code == .certificateInvalid)
        #expect(expired?.reason.contains("expired") == true)
        let early = try await Self.validate(leaf: leaf, anchor: ca, at: builder.validity.notBefore.addingTimeInterval(-1))
        #expect(early?.reason.contains("not valid yet") == true)
    }

    @Test func theLeafMustAssertTheKeyUsage() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let ca = try builder.caCertificate(purpose: TestCertificates.authenticationPurpose)
        let encipherOnly = try builder.leafCertificate(
            purpose: TestCertificates.authenticationPurpose, key: builder.keys.authentication, serial: 7,
            keyUsage: KeyUsage(keyEncipherment: true))
        #expect(try await Self.validate(leaf: encipherOnly, anchor: ca)?.code == .certificateInvalid)
        let authOnly = try builder.leafCertificate(
            purpose: TestCertificates.authenticationPurpose, key: builder.keys.authentication, serial: 7,
            keyUsage: KeyUsage(digitalSignature: true))
        #expect(try await Self.validate(leaf: authOnly, anchor: ca, usage: .digitalSignature)?.code == .certificateInvalid)
    }

    @Test func theIssuerMustBeACA() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let purpose = TestCertificates.authenticationPurpose
        let leaf = try builder.leafCertificate(
            purpose: purpose, key: builder.keys.authentication, serial: 7, keyUsage: KeyUsage(digitalSignature: true))
        let noBasicConstraints = try builder.caCertificate(
            purpose: purpose, extensions: try Certificate.Extensions { Critical(KeyUsage(keyCertSign: true)) })
        #expect(try await Self.validate(leaf: leaf, anchor: noBasicConstraints)?.code == .certificateInvalid)
        let notCA = try builder.caCertificate(
            purpose: purpose,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(keyCertSign: true))
            })
        #expect(try await Self.validate(leaf: leaf, anchor: notCA)?.code == .certificateInvalid)
        let noKeyCertSign = try builder.caCertificate(
            purpose: purpose,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true))
            })
        #expect(try await Self.validate(leaf: leaf, anchor: noKeyCertSign)?.code == .certificateInvalid)
    }

    @Test func aCALeafIsNotAnEndEntity() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let purpose = TestCertificates.authenticationPurpose
        let ca = try builder.caCertificate(purpose: purpose)
        let leafCA = try builder.leafCertificate(
            purpose: purpose, key: builder.keys.authentication, serial: 7, keyUsage: KeyUsage(digitalSignature: true),
            extraExtensions: try Certificate.Extensions { Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil)) })
        #expect(try await Self.validate(leaf: leafCA, anchor: ca)?.code == .certificateInvalid)
    }

    @Test func aLeafSignedByAnotherKeyHasNoChain() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let purpose = TestCertificates.authenticationPurpose
        let ca = try builder.caCertificate(purpose: purpose)
        let forged = try builder.leafCertificate(
            purpose: purpose, key: builder.keys.authentication, serial: 7, keyUsage: KeyUsage(digitalSignature: true),
            issuerKey: builder.keys.card)
        let error = try await Self.validate(leaf: forged, anchor: ca)
        #expect(error?.code == .certificateInvalid)
        #expect(error?.reason.contains("no chain") == true)
    }

    @Test func anExpiredTrustAnchorFails() async throws {
        let builder = TestCertificates(keys: try TestKeys.shared())
        let purpose = TestCertificates.authenticationPurpose
        let ca = try builder.caCertificate(purpose: purpose)
        let leaf = try builder.leafCertificate(
            purpose: purpose, key: builder.keys.authentication, serial: 7, keyUsage: KeyUsage(digitalSignature: true),
            notAfter: Date(timeIntervalSince1970: 2_500_000_000))
        #expect(try await Self.validate(leaf: leaf, anchor: ca, at: Date(timeIntervalSince1970: 2_450_000_000))?.code == .certificateInvalid)
    }

    @Test func malformedCertificatesAreTyped() {
        #expect {
            try CardCertificate(derEncoded: [0x30, 0x03, 0x02, 0x01, 0x01])
        } throws: { ($0 as? MyNumberCardError)?.code == .certificateInvalid }
    }
}
