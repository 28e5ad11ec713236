import Crypto
import Foundation
@testable import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import Testing

/// The readers against every card behaviour profile (card facts §3–§4: where real cards differ), so that
/// each variant — 9000 or 63Cx on an empty VERIFY after a success, 63C0 or 6984 when blocked, 6300 for keys
/// without a limit, 6F00 after power-up, each ATR — is proven, not only the default.
@Suite("Readers against every card behaviour profile")
struct ProfileVariantReaderTests {
    static let persona = Persona.standard

    @Test("JPKI: token info, certificate, two signatures in a row (the second finds the PIN still verified)",
        arguments: CardBehaviourProfile.variants)
    func jpki(profile: CardBehaviourProfile) async throws {
        let (card, simulator, counter) = try Simulator.open(Self.persona, profile: profile)
        #expect(try await card.jpki.tokenInfo().kind == .card)
        let certificate = try await card.jpki.authenticationCertificate()
        let pin = try Passcode(.userAuthenticationPIN, "1234")
        _ = try await card.jpki.sign(message: Array("one".utf8), key: .userAuthentication, passcode: pin, certificate: certificate)
        // The PIN is still verified on the card (a re-select would not clear it): the second signature's empty
        // VERIFY sees that, on every profile, and still ends in exactly one VERIFY with the caller's PIN.
        #expect(simulator.heldSecurityStatus.contains(.authenticationPIN))
        counter.clear()
        _ = try await card.jpki.sign(message: Array("two".utf8), key: .userAuthentication, passcode: pin, certificate: certificate)
        #expect(counter.commands.filter(\.isVerifyWithData).count == 1)
        if profile.emptyVerifyWhenVerified == .success {
            // 9000 hid the count: the reader left for the ISD and read the counter again before verifying.
            #expect(counter.commands.contains { $0.isSelectApplet && $0.data == ApplicationIdentifier.issuerSecurityDomain.bytes })
        }
        #expect(simulator.triesRemaining(.authenticationPIN) == 3)
    }

    @Test("card info: the PIN twice, then PIN-A and PIN-B", arguments: CardBehaviourProfile.variants)
    func cardInfo(profile: CardBehaviourProfile) async throws {
        let (card, _, _) = try Simulator.open(Self.persona, profile: profile)
        let pin = try Passcode(.cardInfoPIN, "1234")
        let first = try await card.cardInfoInputSupport.cardInfo(using: pin)
        let second = try await card.cardInfoInputSupport.cardInfo(using: pin)
        #expect(first == second)
        let number = try await card.cardInfoInputSupport.individualNumber(
            using: try Passcode(.cardInfoPINA, Self.persona.pinA))
        #expect(number == first.individualNumber)
        let attributes = try await card.cardInfoInputSupport.basicAttributes(
            using: try Passcode(.cardInfoPINB, Self.persona.pinB))
        #expect(attributes == first.basicAttributes)
    }

    @Test("card face: PIN-A (no limit on some profiles: 6300), the birth-date key, PIN-B",
        arguments: CardBehaviourProfile.variants)
    func cardFace(profile: CardBehaviourProfile) async throws {
        let (card, _, _) = try Simulator.open(Self.persona, profile: profile)
        let pinA = try Passcode(.cardFacePINA, Self.persona.pinA)
        let face = try await card.cardFace.cardFace(using: pinA)
        #expect(face.birthDate == Self.persona.birthDate)
        _ = try await card.cardFace.individualNumberImage(using: pinA)
        let age = try await card.cardFace.ageRecord(using: try Passcode(.birthDateKey, Self.persona.birthDateKey))
        #expect(age.birthDate == Self.persona.birthDate)
        let again = try await card.cardFace.cardFace(using: try Passcode(.cardFacePINB, Self.persona.pinB))
        #expect(again.cardExpiry == face.cardExpiry)
    }

    @Test("a wrong PIN-A: 'wrong credential' — with no count where the card has no limit", arguments: CardBehaviourProfile.variants)
    func wrongPINA(profile: CardBehaviourProfile) async throws {
        let (card, simulator, counter) = try Simulator.open(Self.persona, profile: profile)
        let wrong = try Passcode(.cardFacePINA, Persona.faceAuthentication.individualNumber)
        let error = await cardError { try await card.cardFace.cardFace(using: wrong) }
        #expect(error?.code == .wrongCredential)
        #expect(counter.commands.filter(\.isVerifyWithData).count == 1)
        if profile.limitWhereNotEstablished == nil {
            #expect(error?.retriesRemaining == nil)
            #expect(simulator.triesRemaining(.cardFacePINA) == nil)
        } else {
            #expect(error?.retriesRemaining == (profile.limitWhereNotEstablished ?? 0) - 1)
        }
    }

    @Test("a blocked PIN is refused from the empty VERIFY (63C0 or 6984) without a VERIFY", arguments: CardBehaviourProfile.variants)
    func blocked(profile: CardBehaviourProfile) async throws {
        let (card, _, counter) = try Simulator.open(.pinLocked, profile: profile)
        let error = await cardError {
            try await card.jpki.sign(
                message: Array("x".utf8), key: .userAuthentication, passcode: try Passcode(.userAuthenticationPIN, "1234"))
        }
        #expect(error?.code == .credentialBlocked)
        #expect(counter.commands.filter(\.isVerifyWithData).isEmpty)
    }

    @Test("master-file data: card identification number, municipality, expiry — even after an applet was selected",
        arguments: CardBehaviourProfile.variants)
    func masterFileData(profile: CardBehaviourProfile) async throws {
        let (card, _, _) = try Simulator.open(Self.persona, profile: profile)
        _ = try await card.commonCard.cardIdentity()
        let data = try await card.masterFileData()
        #expect(data.cardIdentificationNumber == Self.persona.cardSerial)
        #expect(data.municipalityCode == Self.persona.municipalityCode)
        #expect(data.cardExpiry == Self.persona.effectiveCardExpiry)
        #expect(card.iso7816.selectedApplication == .issuerSecurityDomain)
        // The next reader selects its applet again.
        #expect(try await card.jpki.tokenInfo().kind == .card)
        #expect("\(data)" == "MasterFileData(<redacted>)")
    }

    @Test("master-file data: a card without the objects gives nil values, not an error")
    func masterFileDataAbsent() async throws {
        let (card, _, _) = try Simulator.open(.smartphoneAndroid)
        let data = try await card.masterFileData()
        #expect(data.isEmpty)
    }

    @Test("the first SELECT after power-up answers 6F00 and is sent once more; other status words are not retried")
    func firstCommandRetried() async throws {
        let (card, simulator, counter) = try Simulator.open(Self.persona, profile: .failsFirstCommand)
        #expect(try await card.jpki.tokenInfo().kind == .card)
        let firstTwo = counter.commands.prefix(2).map(\.isSelectApplet)
        #expect(firstTwo == [true, true])
        counter.clear()
        try await simulator.powerOff()
        card.iso7816.invalidateSelection()
        let unknown = try ApplicationIdentifier([0xA0, 0x00, 0x00, 0x00, 0x01])
        let error = await anyError { try await card.iso7816.select(unknown) }
        #expect((error as? CardCommandError)?.code == .fileNotFound)
        // 6F00, then 6A82: two SELECTs, the second answer counts.
        #expect(counter.commands.count == 2)
    }
}
