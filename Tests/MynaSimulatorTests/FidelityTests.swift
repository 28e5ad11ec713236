import Crypto
import CryptoExtras
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing
import X509

// The fidelity checklist of the card facts (§7), one test per item: each fails if the simulated card goes
// back to the behaviour it had before the facts were revised.

private let jpki = APDU.select(.jpki)
private let text = APDU.select(.cardInfoInputSupport)
private let surface = APDU.select(.cardFaceConfirmation)
private let isd = APDU.select(.issuerSecurityDomain)
private let digestInfo = APDU.bytes("3031300D060960864801650304020105000420" + String(repeating: "AB", count: 32))
/// Signs with the user-authentication key by SFI (`80 2A 00 97`), as another program would without a VERIFY.
private let signWithAuthenticationKey = APDU.sign(digestInfo, p2: 0x97)

private func getData(_ tag: UInt16, extended: Bool = false) -> [UInt8] {
    let header: [UInt8] = [0x00, 0xCA, UInt8(tag >> 8), UInt8(tag & 0xFF)]
    return extended ? header + [0x00, 0x00, 0x00] : header + [0x00]
}

@Suite("Fidelity (card facts §7): security status")
struct SecurityStatusFidelityTests {
    /// A card with the user-authentication PIN verified in the JPKI applet.
    static func verifiedCard(profile: CardBehaviourProfile? = nil) throws -> SimulatedCard {
        let card = try SimulatedCard(persona: .standard, profile: profile)
        try card.open(.jpki, JPKIFile.authenticationPIN)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send(signWithAuthenticationKey).sw == 0x9000)
        return card
    }

    @Test("re-selecting the same applet keeps the verified PIN (it is not a log-out)")
    func reselectKeeps() throws {
        let card = try Self.verifiedCard()
        #expect(try card.send(jpki).sw == 0x9000)
        #expect(try card.send(signWithAuthenticationKey).sw == 0x9000)
        #expect(card.verifiedCredentials == [.authenticationPIN])
    }

    @Test("a warm reset keeps it: re-selecting the applet afterwards signs without a PIN")
    func warmResetKeeps() async throws {
        let card = try Self.verifiedCard()
        try await card.reset()
        #expect(card.verifiedCredentials.isEmpty, "no applet is current after a reset")
        #expect(card.heldSecurityStatus == [.authenticationPIN])
        #expect(try card.send(jpki).sw == 0x9000)
        #expect(try card.send(signWithAuthenticationKey).sw == 0x9000)
    }

    @Test("a new connection (another MyNumberCard on the same card, as after SCardDisconnect/Reconnect) finds it")
    func newConnectionKeeps() async throws {
        let card = try Self.verifiedCard()
        let second = MyNumberCard(transport: card)
        try await second.iso7816.select(.jpki)
        let response = try await second.iso7816.transmit(try CommandAPDU(decoding: signWithAuthenticationKey))
        #expect(response.statusWord == .success)
    }

    @Test("selecting another applet clears it, and coming back does not restore it")
    func otherAppletClears() throws {
        let card = try Self.verifiedCard()
        #expect(try card.send(text).sw == 0x9000)
        #expect(try card.send(jpki).sw == 0x9000)
        #expect(try card.send(signWithAuthenticationKey).sw == 0x6982)
        #expect(card.heldSecurityStatus.isEmpty)
    }

    @Test("selecting the ISD (A0 00 00 01 51 00 00) is possible and clears it")
    func issuerSecurityDomainClears() throws {
        let card = try Self.verifiedCard()
        #expect(try card.send(isd).sw == 0x9000)
        #expect(try card.send(jpki).sw == 0x9000)
        #expect(try card.send(signWithAuthenticationKey).sw == 0x6982)
    }

    @Test("a power-off clears it; so does pulling the card")
    func powerOffClears() async throws {
        let card = try Self.verifiedCard()
        try await card.powerOff()
        #expect(try card.send(jpki).sw == 0x9000)
        #expect(try card.send(signWithAuthenticationKey).sw == 0x6982)

        let pulled = try Self.verifiedCard()
        pulled.remove()
        pulled.insert()
        #expect(try pulled.send(jpki).sw == 0x9000)
        #expect(try pulled.send(signWithAuthenticationKey).sw == 0x6982)
    }

    @Test("text applet: PIN-A opens EF 0001 across a re-select, not after the surface applet was selected")
    func textAppletStatus() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.pinA)
        #expect(try card.send(APDU.verify(Persona.standard.pinA)).sw == 0x9000)
        #expect(try card.send(text).sw == 0x9000)
        #expect(try card.send("00B0810000").sw == 0x9000)
        #expect(try card.send(surface).sw == 0x9000)
        #expect(try card.send(text).sw == 0x9000)
        #expect(try card.send("00B0810000").sw == 0x6982)
    }
}

@Suite("Fidelity (card facts §7): master-file level, channels, GET CHALLENGE")
struct MasterFileFidelityTests {
    @Test("00 A4 00 00: 6A86 after power-up, 9000 doing nothing inside an applet; 3F00 → 6A82")
    func selectMasterFile() throws {
        let card = try SimulatedCard(persona: .standard)
        #expect(try card.send("00A40000").sw == 0x6A86)
        #expect(try card.send("00A4000C023F00").sw == 0x6A82)
        try card.open(.jpki)
        #expect(try card.send("00A40000").sw == 0x9000)
        // Reads still hit the JPKI applet.
        let tokenInfo = try card.send("00B0860000")
        #expect(tokenInfo.sw == 0x9000)
        #expect(tokenInfo.data.starts(with: Array("JPKIAPICCTOKEN2".utf8)))
        #expect(try card.send("00A4000C023F00").sw == 0x6A82)
    }

    @Test("master-file EFs: 2F10 and 2F11 → 6A82; 001E selects but cannot be read (6981)")
    func masterFileEFs() throws {
        let card = try SimulatedCard(persona: .standard)
        #expect(try card.send(APDU.selectFile(FileIdentifier(0x2F10))).sw == 0x6A82)
        #expect(try card.send(APDU.selectFile(FileIdentifier(0x2F11))).sw == 0x6A82)
        #expect(try card.send(APDU.selectFile(FileIdentifier(0x001E))).sw == 0x9000)
        #expect(try card.send(APDU.readBinary(le: 16)).sw == 0x6981)
    }

    @Test("GET DATA answers the master-file objects only with no applet current")
    func getDataAtMasterFile() throws {
        let persona = Persona.standard
        let card = try SimulatedCard(persona: persona)
        let number = try card.send(getData(MasterFileDataObject.cardIdentificationNumber.tag))
        #expect(number == Answer(data: Array(persona.cardSerial.utf8), sw: 0x9000))
        #expect(try card.send(getData(0x00F0)) == Answer(data: Array(persona.municipalityCode.utf8), sw: 0x9000))
        #expect(
            try card.send(getData(0x00F2)) == Answer(data: Array(persona.effectiveCardExpiry.compactDigits.utf8), sw: 0x9000))
        #expect(try card.send(getData(0x0042)).data.count == 16)
        #expect(try card.send(getData(0x0066)).sw == 0x9000)
        #expect(try card.send(getData(0x00F7)).data.count == 16)
        #expect(try card.send(getData(0x5F51)).data == Array(card.atr.dropFirst()))
        #expect(try card.send(getData(0x0101)).sw == 0x6A88)

        try card.open(.jpki)
        #expect(try card.send(getData(0x0045)).sw == 0x6A88)
        #expect(try card.send(getData(0x00F0)).sw == 0x6A88)
        // The ISD brings the master-file level back.
        #expect(try card.send(isd).sw == 0x9000)
        #expect(try card.send(getData(0x0045)).sw == 0x9000)
    }

    @Test("a large object with a short Le → 6700; with an extended Le: the CV certificates without 7F21 header")
    func largeObjects() throws {
        let card = try SimulatedCard(persona: .standard)
        for tag: UInt16 in [0x00F8, 0x7F21] {
            #expect(try card.send(getData(tag)).sw == 0x6700)
            let answer = try card.send(getData(tag, extended: true))
            #expect(answer.sw == 0x9000)
            // 5F4E (297-byte body) then 5F37 (256-byte signature): 7F21's children, no 7F21 header.
            let wrapped = BERTLV.encode(tag: CardVerifiableCertificate.certificateTag, value: answer.data)
            let certificate = try CardVerifiableCertificate(encoded: wrapped)
            #expect(certificate.body.count == 297)
        }
        let root = try CardVerifiableCertificate(
            encoded: BERTLV.encode(tag: CardVerifiableCertificate.certificateTag, value: try card.send(getData(0x00F8, extended: true)).data))
        #expect(root.subjectKeyIdentifier == (try card.send(getData(0x00F7)).data))
    }

    @Test("phone tokens and the old resident-registry card answer no master-file object")
    func noObjectsOnTokens() throws {
        for persona in [Persona.smartphoneAndroid, .smartphoneIPhone, .oldJukiCard] {
            let card = try SimulatedCard(persona: persona)
            #expect(try card.send(getData(0x0045)).sw == 0x6A88)
        }
    }

    @Test("logical channels other than 0 → 6881, in every class", arguments: ["01", "02", "03", "41", "4F", "81", "83"])
    func logicalChannels(cla: String) throws {
        let card = try SimulatedCard(persona: .standard)
        #expect(try card.send(cla + "A4040C0AD392F000260100000001").sw == 0x6881)
        #expect(try card.send(jpki).sw == 0x9000)
    }

    @Test("GET CHALLENGE: exactly 1…256 bytes; an extended Le → 6985")
    func getChallenge() throws {
        let card = try SimulatedCard(persona: .standard)
        #expect(try card.send("0084000001").data.count == 1)
        #expect(try card.send("0084000000").data.count == 256)
        #expect(try card.send("00840000000100").sw == 0x6985)
        try card.open(.jpki)
        #expect(try card.send("0084000008").data.count == 8)
        #expect(try card.send("00840000000008").sw == 0x6985)
    }
}

@Suite("Fidelity (card facts §7): personas")
struct PersonaFidelityTests {
    @Test("face-authentication card: PIN-less user-authentication key and certificate, no PINs, no signature certificate")
    func faceAuthentication() throws {
        let card = try SimulatedCard(persona: .faceAuthentication)
        try card.open(.jpki)
        let presence = try card.send("00B0880000")
        #expect(presence.data.count == 3)
        #expect(presence.data != [0x8F, 0x8F, 0x00])
        #expect(presence.data[1] == 0x8F)
        #expect(try card.send("00B08A0004").sw == 0x9000, "the certificate is free")
        #expect(try card.send(APDU.selectFile(JPKIFile.authenticationPIN)).sw == 0x6A82, "no PIN")
        #expect(try card.send(APDU.selectFile(JPKIFile.signatureCertificate)).sw == 0x6A82, "no signature certificate")
        #expect(try card.send(signWithAuthenticationKey).sw == 0x9000, "the user-authentication key signs with no PIN")
        let message = Array("face".utf8)
        let signature = try card.send(APDU.sign(message, p1: 0x03, p2: 0x97))
        let certificate = try #require(card.image.authenticationCertificate)
        let key = try #require(_RSA.Signing.PublicKey(certificate.publicKey))
        #expect(
            key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature.data), for: SHA256.hash(data: message),
                padding: .insecurePKCS1v1_5))
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(APDU.selectFile(CardInfoInputSupportFile.pin)).sw == 0x6A82)
    }

    @Test("Android token: EF 000A needs the user-authentication PIN; iPhone token accepts 80 FC 00 00, cards 6700")
    func phoneTokens() throws {
        let android = try SimulatedCard(persona: .smartphoneAndroid)
        try android.open(.jpki)
        #expect(try android.send("00B08A0004").sw == 0x6982)
        #expect(try android.send(APDU.verify("2580", p2: 0x98)).sw == 0x9000)
        #expect(try android.send("00B08A0004").sw == 0x9000)
        #expect(try android.send("80FC0000").sw == 0x6700)

        let iPhone = try SimulatedCard(persona: .smartphoneIPhone)
        #expect(iPhone.profile.acceptsLastCommandIndicator)
        try iPhone.open(.jpki)
        #expect(try iPhone.send("80FC0000").sw == 0x9000)
        #expect(try SimulatedCard(persona: .standard).send("80FC0000").sw == 0x6700)
    }

    @Test("token info: labels per kind, versions ASCII \"03\"/\"01\"", arguments: [
        (Persona.standard, "JPKIAPICCTOKEN2"), (.smartphoneAndroid, "JPKIAPGPSETOKEN"), (.smartphoneIPhone, "JPKIAPIOSTOKEN"),
        (.oldJukiCard, "JPKIAPICCTOKEN"),
    ])
    func tokenInfo(persona: Persona, label: String) throws {
        let card = try SimulatedCard(persona: persona)
        try card.open(.jpki)
        let info = try TokenInfo(try card.send("00B08600A0").data)
        #expect(info.label == label)
        #expect(info.hardwareVersion == Array("03".utf8))
        #expect(info.firmwareVersion == Array("01".utf8))
    }

    @Test("COMPUTE DIGITAL SIGNATURE P1 04/05: PSS signatures that verify; P1 06 → 6A86")
    func pssModes() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki)
        #expect(try card.send(APDU.verify("1234", p2: 0x98)).sw == 0x9000)
        let certificate = try #require(card.image.authenticationCertificate)
        let key = try #require(_RSA.Signing.PublicKey(certificate.publicKey))
        let message = Array("MynaKit".utf8)
        let hash = Array(SHA256.hash(data: message))
        let mode4 = try card.send(APDU.sign(hash, p1: 0x04, p2: 0x97))
        let mode5 = try card.send(APDU.sign(message, p1: 0x05, p2: 0x97))
        for answer in [mode4, mode5] {
            #expect(answer.sw == 0x9000)
            #expect(
                key.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: answer.data), for: SHA256.hash(data: message), padding: .PSS))
        }
        #expect(try card.send(APDU.sign(Array(hash.prefix(31)), p1: 0x04, p2: 0x97)).sw == 0x6700)
        #expect(try card.send(APDU.sign(hash, p1: 0x06, p2: 0x97)).sw == 0x6A86)
    }
}

@Suite("Fidelity (card facts §3–§4): card behaviour profiles")
struct ProfileFidelityTests {
    @Test("empty VERIFY on a verified credential: 63Cx by default, 9000 with the profile")
    func emptyVerifyAfterSuccess() throws {
        for (profile, expected) in [(CardBehaviourProfile.standard, UInt16(0x63C3)), (.emptyVerifySucceedsWhenVerified, 0x9000)] {
            let card = try SimulatedCard(persona: .standard, profile: profile)
            try card.open(.jpki, JPKIFile.authenticationPIN)
            #expect(try card.send(APDU.emptyVerify()).sw == 0x63C3, "\(profile): before")
            #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
            #expect(try card.send(APDU.emptyVerify()).sw == expected, "\(profile)")
            // Another applet clears it: the count shows again.
            #expect(try card.send(text).sw == 0x9000)
            #expect(try card.send(jpki).sw == 0x9000)
            #expect(try card.send(APDU.emptyVerify(p2: 0x98)).sw == 0x63C3)
        }
    }

    @Test("empty VERIFY on a blocked credential: 63C0 by default, 6984 with the profile; VERIFY 6984 either way")
    func emptyVerifyWhenBlocked() throws {
        for (profile, expected) in [(CardBehaviourProfile.standard, UInt16(0x63C0)), (.emptyVerifyBlocked6984, 0x6984)] {
            let card = try SimulatedCard(persona: .pinLocked, profile: profile)
            try card.open(.jpki, JPKIFile.authenticationPIN)
            #expect(try card.send(APDU.emptyVerify()).sw == expected, "\(profile)")
            #expect(try card.send(APDU.verify("1234")).sw == 0x6984)
            // Text 0012, blocked from issue, answers the same way.
            try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.blockedAtIssue)
            #expect(try card.send(APDU.emptyVerify()).sw == expected)
        }
    }

    @Test("a credential whose limit is not established: 6300 and nothing spent with the no-limit profile")
    func noLimit() throws {
        let card = try SimulatedCard(persona: .standard, profile: .noLimitWhereNotEstablished)
        try card.open(.cardFaceConfirmation, CardFaceConfirmationFile.pinA)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x6300)
        #expect(try card.send(APDU.verify("000000000000")).sw == 0x6300)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x6300)
        #expect(card.triesRemaining(.cardFacePINA) == nil)
        #expect(try card.send(APDU.verify(Persona.standard.pinA)).sw == 0x9000)
        // PIN-B has an established limit (10): it still counts.
        try card.open(.cardFaceConfirmation, CardFaceConfirmationFile.pinB)
        #expect(try card.send(APDU.emptyVerify()).sw == 0x63CA)
        // The standard profile gives the unestablished ones 10 tries, as a simulator choice.
        let standard = try SimulatedCard(persona: .standard)
        #expect(standard.triesRemaining(.cardFacePINA) == 10)
        #expect(standard.triesRemaining(.commonCardPIN) == 10)
    }

    @Test("the first command after a power-up answers 6F00 with the profile — not after a warm reset")
    func firstCommandAfterPowerUp() async throws {
        let card = try SimulatedCard(persona: .standard, profile: .failsFirstCommand)
        #expect(try card.send(jpki).sw == 0x6F00)
        #expect(try card.send(jpki).sw == 0x9000)
        try await card.reset()
        #expect(try card.send(jpki).sw == 0x9000)
        try await card.powerOff()
        #expect(try card.send(jpki).sw == 0x6F00, "the command that powers it up again")
        try await card.powerOn()
        #expect(try card.send(jpki).sw == 0x6F00)
        card.remove()
        card.insert()
        #expect(try card.send(jpki).sw == 0x6F00)
        #expect(try SimulatedCard(persona: .standard).send(jpki).sw == 0x9000, "off by default")
    }

    @Test("ATR variants: the two contact ones, and contactless ones synthesised from the ATQB as the facts list them")
    func answersToReset() async throws {
        #expect(
            CardBehaviourProfile.contactlessATR(applicationData: [0x00, 0x00, 0x05, 0xE0], protocolInfo: [0xB3, 0x81, 0xA1])
                == APDU.bytes("3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F"))
        #expect(
            CardBehaviourProfile.contactlessATR(applicationData: [0x00, 0x4B, 0x51, 0xFF], protocolInfo: [0x00, 0x81, 0xD1])
                == APDU.bytes("3B 88 80 01 00 4B 51 FF 00 81 D1 00 BC"))
        for (profile, atr) in [
            (CardBehaviourProfile.standard, "3B E0 00 FF 81 31 FE 45 14"), (.secondContact, "3B C5 FF 81 31 FB 45 80 73 C6 01 00 00"),
            (.contactless, "3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F"),
        ] {
            let card = try SimulatedCard(persona: .standard, profile: profile)
            #expect(card.atr == APDU.bytes(atr))
            #expect(try await card.reset() == APDU.bytes(atr))
            #expect(try await card.powerOn() == APDU.bytes(atr))
        }
    }
}

@Suite("Facts written once: the simulated card follows MynaCard's tables")
struct FactsTableTests {
    @Test("every credential's limit, format and change command come from MynaCard's table; unestablished limits are nil")
    func credentials() {
        for simulated in SimulatedCredential.allCases {
            #expect(Credential.table.contains(simulated.credential))
            #expect(simulated.maximumTries == simulated.credential.maximumTries)
        }
        #expect(Credential.cardInfoPINA.maximumTries == nil)
        #expect(Credential.cardFacePINA.maximumTries == nil)
        #expect(Credential.birthDateKey.maximumTries == nil)
        #expect(Credential.commonCardPIN.maximumTries == nil)
        #expect(Credential.residentRegistryPIN.maximumTries == nil)
        #expect(Credential.cardInfoPINB.maximumTries == 10)
        #expect(Credential.commonCardPIN.change == .changeKey)
        #expect(Credential.residentRegistryPIN.change == .changeKey)
        #expect(Credential.userAuthenticationPIN.change == .changeReferenceData)
        #expect(Credential.cardInfoPINA.change == nil)
        #expect(Credential.cardInfoPINA.opens.map(\.identifier) == [
            CardInfoInputSupportFile.individualNumber, CardInfoInputSupportFile.integrityRecord,
            ElementaryFile.textSessionKey.identifier, CardInfoInputSupportFile.cardKey,
        ])
        #expect(Credential.cardFacePINB.opens.map(\.identifier).contains(CardFaceConfirmationFile.individualNumberImage) == false)
    }

    @Test("every file of the simulated standard card is opened exactly as the access table says")
    func accessRules() throws {
        let card = try SimulatedCard(persona: .standard)
        let values: [SimulatedCredential: String] = [
            .authenticationPIN: "1234", .signaturePassword: "ABC123", .cardInfoPIN: "1234",
            .cardInfoPINA: Persona.standard.pinA, .cardInfoPINB: Persona.standard.pinB,
            .cardFacePINA: Persona.standard.pinA, .cardFacePINB: Persona.standard.pinB,
            .birthDateKey: Persona.standard.birthDateKey,
        ]
        for file in ElementaryFile.all where file.structure == .transparent {
            guard card.image.fileContent(application: file.application, file: file.identifier) != nil else { continue }
            // Free, or closed without its credentials…
            try card.open(.issuerSecurityDomain)
            try card.open(file.application, file.identifier)
            let closed = try card.send(APDU.readBinary(le: 1)).sw
            #expect(closed == (file.access == .free ? 0x9000 : 0x6982), "\(file)")
            // …and opened by each credential the table names, and by no other of its applet.
            for simulated in SimulatedCredential.allCases where simulated.application == file.application {
                guard let value = values[simulated] else { continue }
                try card.open(.issuerSecurityDomain)
                try card.open(file.application, simulated.file)
                #expect(try card.send(APDU.verify(value)).sw == 0x9000)
                #expect(try card.send(APDU.selectFile(file.identifier)).sw == 0x9000)
                let expected: UInt16 =
                    file.access == .free || file.access.isOpened(by: simulated.credential) ? 0x9000 : 0x6982
                #expect(try card.send(APDU.readBinary(le: 1)).sw == expected, "\(file) after \(simulated)")
            }
        }
    }

    @Test("CHANGE KEY 80 32 changes the common card PIN; 00 24 does not")
    func changeKey() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.commonCard, CommonCardFile.pin)
        #expect(try card.send("002401800435363738").sw == 0x6985)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
        #expect(try card.send("002401800435363738").sw == 0x6985)
        #expect(try card.send("803200800435363738").sw == 0x9000)
        #expect(try card.send(APDU.verify("1234")).sw == 0x63C9)
        #expect(try card.send(APDU.verify("5678")).sw == 0x9000)
        // The resident registry applet's 001C is a separate key reference.
        try card.open(.residentRegistry, ResidentRegistryFile.pin)
        #expect(try card.send(APDU.verify("1234")).sw == 0x9000)
    }
}
