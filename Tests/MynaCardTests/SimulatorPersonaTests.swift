import Crypto
import Foundation
@testable import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import SwiftASN1
import Testing
import X509

typealias CardDate = MynaCard.CalendarDate

extension CardDate {
    /// The same day (the simulator's personas now use MynaCard's `CalendarDate`; kept so the tests read alike).
    var card: CardDate { self }
}

/// Opens simulated cards for the reader tests.
enum Simulator {
    /// A fixed "today" (2026-01-15 12:00 UTC), so certificate validity is deterministic.
    static let now = Date(timeIntervalSince1970: 1_768_478_400)

    static func open(
        _ persona: Persona, profile: CardBehaviourProfile? = nil, faults: FaultInjection = .none,
        knownShortOnly: Bool = false, trustCVAuthorities: Bool = true
    ) throws -> (card: MyNumberCard, simulator: SimulatedCard, counter: CountingTransport) {
        let simulator = try SimulatedCard(persona: persona, profile: profile, faults: faults, now: now)
        let counter = CountingTransport(simulator)
        let authorities = trustCVAuthorities ? try Simulator.authorities(simulator.image) : CardVerifiableAuthority.known
        let card = MyNumberCard(
            transport: counter,
            capabilities: ISO7816Card.Capabilities(extendedLength: knownShortOnly ? .unsupported : .unknown),
            cardVerifiableAuthorities: authorities)
        return (card, simulator, counter)
    }

    /// A data object of a file of the simulated card's image.
    static func object(_ image: CardImage, _ application: ApplicationIdentifier, _ file: UInt16, _ tag: UInt32) throws -> [UInt8] {
        let bytes = try #require(image.fileContent(application: application, file: FileIdentifier(file)))
        let parsed = try BERTLV.parseFile(bytes)
        let outer = try #require(parsed.nodes.first)
        return Array(try #require(outer.child(BERTag(tag))).value)
    }

    static func der(_ certificate: Certificate?) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(try #require(certificate))
        return serializer.serializedBytes
    }

    static func persona(_ identifier: String) throws -> Persona { try Persona.named(identifier) }
}

/// Every built-in persona of the simulator, read through every reader: each value equals the persona.
@Suite struct SimulatorPersonaTests {
    static let personas = Persona.builtInNames

    @Test(arguments: personas, [false, true])
    func commonApplet(_ identifier: String, shortAPDUsOnly: Bool) async throws {
        let persona = try Simulator.persona(identifier)
        let (card, _, counter) = try Simulator.open(persona, faults: FaultInjection(shortAPDUsOnly: shortAPDUsOnly))
        let hasCardApplets = persona.kind == .card || persona.kind == .faceAuthenticationCard
        if hasCardApplets {
            let identity = try await card.commonCard.cardIdentity()
            #expect(identity.cardSerial == persona.cardSerial)
            #expect(identity.municipalityCode == persona.municipalityCode)
            #expect(identity.cardExpiry == persona.effectiveCardExpiry.card)
            #expect(counter.count == 2)  // SELECT + READ RECORD by SFI (short Le)
        } else {
            let error = await cardError { try await card.commonCard.cardIdentity() }
            #expect(error?.code == .notPresentOnThisCard)
        }
    }

    @Test(arguments: personas, [false, true])
    func jpkiTokenAndCertificates(_ identifier: String, shortAPDUsOnly: Bool) async throws {
        let persona = try Simulator.persona(identifier)
        let (card, simulator, _) = try Simulator.open(persona, faults: FaultInjection(shortAPDUsOnly: shortAPDUsOnly))
        let image = simulator.image

        let token = try await card.jpki.tokenInfo()
        let expectedKind: TokenKind =
            switch persona.kind {
            case .card, .faceAuthenticationCard: .card
            case .androidToken: .androidPhone
            case .iPhoneToken: .iPhone
            case .oldJukiCard: .oldJukiCard
            }
        #expect(token.kind == expectedKind)
        #expect(token.kind.isKnown)
        #expect(token.serialNumber.hasSuffix(persona.cardSerial))

        let presence = try await card.jpki.certificatePresence()
        #expect(presence.hasSignatureCertificate == persona.hasSignatureCertificate)
        #expect(presence.hasAuthenticationCertificate == persona.hasAuthenticationCertificate)

        // User-authentication certificate: free on cards and the iPhone token, PIN on the Android token (card
        // facts §2: access from MynaCard's table), absent on old Juki cards.
        if persona.hasAuthenticationCertificate {
            let needsPIN = ElementaryFile.jpkiAuthenticationCertificate.access(on: expectedKind) != .free
            #expect(needsPIN == (expectedKind == .androidPhone))
            if needsPIN {
                let refused = await cardError { try await card.jpki.authenticationCertificate() }
                #expect(refused?.code == .securityStatusNotSatisfied)
                #expect(refused?.credential == .userAuthenticationPIN)
            }
            let pin = try persona.credentials.map { try Passcode(.userAuthenticationPIN, $0.authenticationPIN) }
            let certificate = try await card.jpki.authenticationCertificate(pin: needsPIN ? pin : nil)
            #expect(certificate.derEncoded == (try Simulator.der(image.authenticationCertificate)))
            #expect(certificate.keyUsage?.digitalSignature == true)
            let ca = try await card.jpki.authenticationCACertificate()
            #expect(ca.isSelfSigned)
            try await Self.checkChain(certificate, anchor: ca, usage: .userAuthentication, persona: persona)
        } else {
            let error = await cardError { try await card.jpki.authenticationCertificate() }
            #expect(error?.code == .notPresentOnThisCard)
        }

        // Signature certificate: with the password; absent on face-authentication cards and for children.
        if let credentials = persona.credentials {
            let password = try Passcode(.signaturePassword, credentials.signaturePassword.lowercased())
            if persona.hasSignatureCertificate {
                let certificate = try await card.jpki.signatureCertificate(password: password)
                #expect(certificate.derEncoded == (try Simulator.der(image.signatureCertificate)))
                #expect(certificate.keyUsage?.nonRepudiation == true)
                let ca = try await card.jpki.signatureCACertificate()
                try await Self.checkChain(certificate, anchor: ca, usage: .digitalSignature, persona: persona)
                // The wrong usage is refused even with a good chain.
                let validator = CertificateChainValidator(trustAnchors: [ca])
                let wrongUsage = await cardError {
                    try await validator.validate(certificate, for: .certificateAuthority, at: certificate.notValidBefore)
                }
                #expect(wrongUsage?.code == .certificateInvalid)
            } else {
                let error = await cardError { try await card.jpki.signatureCertificate(password: password) }
                #expect(error?.code == .notPresentOnThisCard)
            }
        } else {
            let error = await cardError { try await card.jpki.signatureCertificate(password: Passcode(.signaturePassword, "ABC123")) }
            #expect(error?.code == .notPresentOnThisCard)
            #expect(error?.credential == .signaturePassword)
        }
        for credential in SimulatedCredential.allCases where !persona.lockedCredentials.contains(credential) {
            if let tries = simulator.triesRemaining(credential), credential != .cardInfoBlockedReference {
                #expect(tries == credential.maximumTries(in: simulator.profile), "\(credential) spent a try")
            }
        }
    }

    /// Validates inside the window where both certificates are valid, and checks that it fails after the
    /// leaf's expiry; when today is past it (expired personas), validation now must fail.
    static func checkChain(
        _ certificate: CardCertificate, anchor: CardCertificate, usage: CertificateUsage, persona: Persona
    ) async throws {
        let validator = CertificateChainValidator(trustAnchors: [anchor])
        let start = max(certificate.notValidBefore, anchor.notValidBefore)
        let end = min(certificate.notValidAfter, anchor.notValidAfter)
        if start < end {
            let chain = try await validator.validate(certificate, for: usage, at: start.addingTimeInterval(60))
            #expect(chain.count == 2)
        }
        let late = await cardError { try await validator.validate(certificate, for: usage, at: end.addingTimeInterval(1)) }
        #expect(late?.code == .certificateInvalid)
        let today = await cardError { try await validator.validate(certificate, for: usage, at: Simulator.now) }
        #expect((today == nil) == certificate.isValid(at: Simulator.now), "\(persona.identifier)")
        if persona.certificateValidity.rule == .expired { #expect(today?.code == .certificateInvalid) }
        // A CA with the same names and another key is not a trust anchor for the card's certificates (the real
        // JPKI CAs are checked the same way in RealJPKICertificateTests).
        let builder = TestCertificates(keys: try TestKeys.shared())
        let strangers = CertificateChainValidator(trustAnchors: [
            try CardCertificate(derEncoded: TestCertificates.der(builder.caCertificate(purpose: TestCertificates.authenticationPurpose))),
            try CardCertificate(derEncoded: TestCertificates.der(builder.caCertificate(purpose: TestCertificates.signaturePurpose))),
        ])
        let untrusted = await cardError { try await strangers.validate(certificate, for: usage, at: start.addingTimeInterval(60)) }
        #expect(untrusted?.code == .certificateInvalid)
    }

    @Test(arguments: personas, [false, true])
    func jpkiSigning(_ identifier: String, shortAPDUsOnly: Bool) async throws {
        let persona = try Simulator.persona(identifier)
        let (card, simulator, counter) = try Simulator.open(persona, faults: FaultInjection(shortAPDUsOnly: shortAPDUsOnly))
        guard let credentials = persona.credentials else {
            let error = await cardError {
                try await card.jpki.sign(message: [1, 2, 3], key: .userAuthentication, passcode: Passcode(.userAuthenticationPIN, "1234"))
            }
            #expect(error?.code == .notPresentOnThisCard)  // a face-authentication card has no PIN
            return
        }
        let pin = try Passcode(.userAuthenticationPIN, credentials.authenticationPIN)
        if persona.lockedCredentials.contains(.authenticationPIN) {
            let error = await cardError { try await card.jpki.sign(message: [1, 2, 3], key: .userAuthentication, passcode: pin) }
            #expect(error?.code == .credentialBlocked)
            #expect(error?.credential == .userAuthenticationPIN)
            #expect(counter.commands.filter(\.isVerifyWithData).isEmpty)
        } else if persona.hasAuthenticationCertificate {
            let message = Array("qualification check".utf8)
            for algorithm in [DigestAlgorithm.sha256, .sha384, .sha512] {
                let signature = try await card.jpki.sign(message: message, algorithm: algorithm, key: .userAuthentication, passcode: pin)
                #expect(signature.signature.count == 256)
                #expect(signature.certificate.derEncoded == (try Simulator.der(simulator.image.authenticationCertificate)))
                #expect(signature.certificate.isValidSignature(signature.signature, forMessage: message, algorithm: algorithm))
                #expect(signature.certificate.rsaPublicKey.isValidSignature(signature.signature, forPayload: algorithm.digestInfo(hashing: message)))
            }
        }
        if persona.hasSignatureCertificate {
            let password = try Passcode(.signaturePassword, credentials.signaturePassword)
            let digest = DigestAlgorithm.sha256.hash(Array("contract".utf8))
            let signature = try await card.jpki.sign(digest: digest, algorithm: .sha256, key: .signature, passcode: password)
            #expect(signature.key == .signature)
            let publicKey = signature.certificate.rsaPublicKey
            #expect(publicKey.isValidSignature(signature.signature, forPayload: signature.digestInfo))
            #expect(!publicKey.isValidSignature(flippingBit(signature.signature, at: 9), forPayload: signature.digestInfo))
            // swift-crypto agrees, from the message.
            #expect(signature.certificate.isValidSignature(signature.signature, for: SHA256.hash(data: Array("contract".utf8))))
            #expect(!signature.certificate.isValidSignature(flippingBit(signature.signature, at: 9), for: SHA256.hash(data: Array("contract".utf8))))
        }
        #expect(simulator.triesRemaining(.signaturePassword).map { $0 == 5 } ?? true)
    }

    @Test(arguments: personas, [false, true])
    func cardInfoInputSupport(_ identifier: String, shortAPDUsOnly: Bool) async throws {
        let persona = try Simulator.persona(identifier)
        let (card, simulator, _) = try Simulator.open(persona, faults: FaultInjection(shortAPDUsOnly: shortAPDUsOnly))
        let reader = card.cardInfoInputSupport
        let pinA = try Passcode.pinA(try IndividualNumber(persona.individualNumber))
        guard persona.kind == .card || persona.kind == .faceAuthenticationCard else {
            let error = await cardError { try await reader.individualNumber(using: pinA) }
            #expect(error?.code == .notPresentOnThisCard)
            return
        }
        let pinB = try Passcode.pinB(
            birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
            securityCode: persona.securityCode)

        let number = try await reader.individualNumber(using: pinA)
        #expect(number.digits == persona.individualNumber)
        let attributes = try await reader.basicAttributes(using: pinB)
        Self.expect(attributes, equal: persona)

        if let credentials = persona.credentials {
            let info = try await reader.cardInfo(using: Passcode(.cardInfoPIN, credentials.cardInfoPIN))
            #expect(info.individualNumber == number)
            #expect(info.basicAttributes == attributes)
        } else {
            let error = await cardError { try await reader.individualNumber(using: Passcode(.cardInfoPIN, "1234")) }
            #expect(error?.code == .notPresentOnThisCard)
            #expect(error?.credential == .cardInfoPIN)
        }

        let certificate = try await reader.cardVerifiableCertificate()
        #expect(certificate.isAuthenticated)
        #expect(Array(certificate.issuerKeyIdentifier.prefix(7)) == Array("9000033".utf8))
        let info = try await reader.basicInfo()
        #expect(info.appletInformation == [0x01, shortAPDUsOnly ? 0x00 : 0x03, 0x0E, 0x01])
        #expect(info.supportsExtendedLength == !shortAPDUsOnly)

        // Card presence through the text applet's own key (EF 0007).
        let key = try await reader.cardKey(using: pinA)
        #expect(key.isIssuerKeyAuthenticated)
        let proof = try await card.proveCardPresence(with: key)
        #expect(key.publicKey.isValidSignature(proof.signature, forSHA256Of: proof.challenge))

        for credential in [SimulatedCredential.cardInfoPIN, .cardInfoPINA, .cardInfoPINB] {
            if let tries = simulator.triesRemaining(credential) { #expect(tries == credential.maximumTries(in: simulator.profile)) }
        }
    }

    static func expect(_ attributes: BasicAttributes, equal persona: Persona) {
        #expect(attributes.name.full.value == persona.name.full)
        #expect(attributes.name.family.value == persona.name.family)
        #expect(attributes.name.given.value == persona.name.given)
        #expect(attributes.address.value == persona.address)
        #expect(attributes.birthDate == persona.birthDate.card)
        #expect(attributes.sex.code == Int(persona.sex.rawValue))
        // Gaiji: flagged exactly where the persona has a substitute, and shown as ●.
        #expect(attributes.name.full.containsGaiji == (persona.name.fullSubstitute != persona.name.full))
        if attributes.name.full.containsGaiji {
            #expect(attributes.name.full.displayForm.contains("●"))
            #expect(!attributes.name.full.displayForm.contains("\u{20BB7}"))
        }
        #expect(!attributes.address.containsGaiji)
    }

    @Test(arguments: personas, [false, true])
    func cardFace(_ identifier: String, shortAPDUsOnly: Bool) async throws {
        let persona = try Simulator.persona(identifier)
        let (card, simulator, _) = try Simulator.open(persona, faults: FaultInjection(shortAPDUsOnly: shortAPDUsOnly))
        let reader = card.cardFace
        let pinB = try Passcode.pinB(
            birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
            securityCode: persona.securityCode, for: .cardFacePINB)
        guard persona.kind == .card || persona.kind == .faceAuthenticationCard else {
            let error = await cardError { try await reader.cardFace(using: pinB) }
            #expect(error?.code == .notPresentOnThisCard)
            return
        }
        let image = simulator.image
        let face = try await reader.cardFace(using: pinB)
        #expect(face.birthDate == persona.birthDate.card)
        #expect(face.sex.code == Int(persona.sex.rawValue))
        #expect(face.cardExpiry == persona.effectiveCardExpiry.card)
        #expect(face.facePhoto == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF27)))
        #expect(face.facePhoto.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]))  // JP2 signature box
        #expect(face.nameImage == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF25)))
        #expect(face.addressImage == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF26)))
        #expect(face.securityCodeImage == (try Simulator.object(image, .cardFaceConfirmation, 0x0002, 0xDF2A)))
        for png in [face.nameImage, face.addressImage, face.securityCodeImage] {
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        }
        #expect(face.issuerCertificate.isAuthenticated)
        #expect(face.cardKey.isIssuerKeyAuthenticated)

        // PIN-A opens the card face too, and alone the individual-number image.
        let pinA = try Passcode.pinA(try IndividualNumber(persona.individualNumber), for: .cardFacePINA)
        #expect(try await reader.cardFace(using: pinA) == face)
        let numberImage = try await reader.individualNumberImage(using: pinA)
        #expect(numberImage.image == (try Simulator.object(image, .cardFaceConfirmation, 0x0005, 0xDF41)))
        let refused = await cardError { try await reader.individualNumberImage(using: pinB) }
        #expect(refused?.code == .credentialNotAccepted)

        let age = try await reader.ageRecord(using: Passcode.birthDateKey(birthDate: persona.birthDate.card))
        #expect(age.birthDate == persona.birthDate.card)
        #expect(age.cardKey.publicKey == face.cardKey.publicKey)

        let info = try await reader.basicInfo()
        #expect(info.municipalityCode == persona.municipalityCode)

        let proof = try await card.proveCardPresence(with: face.cardKey)
        #expect(proof.key == face.cardKey)

        for credential in [SimulatedCredential.birthDateKey, .cardFacePINA, .cardFacePINB] {
            #expect(simulator.triesRemaining(credential) == credential.maximumTries(in: simulator.profile))
        }
    }

    @Test func pinBMatchesTheSimulatorsDerivation() throws {
        for persona in Persona.builtIns {
            let pinB = try Passcode.pinB(
                birthDate: persona.birthDate.card, cardExpiryYear: persona.effectiveCardExpiry.year,
                securityCode: persona.securityCode)
            let value = pinB.secretForTesting
            #expect(value == persona.pinB, "\(persona.identifier)")
            #expect(try Passcode.birthDateKey(birthDate: persona.birthDate.card).secretForTesting == persona.birthDateKey)
        }
    }
}

extension Passcode {
    /// The value, for tests that compare it with the simulator's derivation.
    var secretForTesting: String {
        secret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}
