import Foundation
import MynaCard
import MynaSimulator
import Testing

@testable import MynaKit

@Suite("Qualification check against the simulated card")
struct QualificationCheckTests {
    @Test("PIN mode: verify, sign the challenge, check the signature, return it with the certificate")
    func pinMode() async throws {
        let setup = try SimulatedSetup(.standard)
        let outcome = try await setup.check(at: tokyo(2026, 1, 10, 9)).run(.pin(try setup.pin, challenge: challenge))
        let result = outcome.result
        #expect(result.mode == .pin && result.profile == .standard)
        #expect(result.signature?.challenge == challenge)
        #expect(result.signature?.value.count == 256)
        #expect(result.certificate.derEncoded == (try await setup.check().certificate().derEncoded))
        #expect(result.certificateValidity == .valid)
        #expect(result.certificate.validity.expiryDay == MynaCard.CalendarDate(constant: 2029, 7, 23))
        #expect(result.warnings.isEmpty)
        #expect(result.startedAt == tokyo(2026, 1, 10, 9))
        #expect(setup.transport.verifyWithData == 1)

        // The JSON for the back end: documented members, no PIN, no individual number, no photo.
        let json = String(decoding: try result.jsonData(), as: UTF8.self)
        for key in ["\"formatVersion\":1", "\"mode\":\"pin\"", "\"der\":", "\"serialNumber\":", "\"validity\":\"valid\"",
            "\"algorithm\":\"sha256WithRSAEncryption\"", "\"startedAt\":\"2026-01-10T00:00:00Z\"", "\"warnings\":[]"] {
            #expect(json.contains(key))
        }
        for secret in [setup.persona.credentials?.authenticationPIN ?? "-", setup.persona.individualNumber, setup.persona.pinB] {
            #expect(!json.contains(secret))
        }
        #expect(!json.contains("faceMatch") && !json.contains("operatorConfirmation"))
        let decoded = try JSONDecoder().decode(QualificationCheckResult.self, from: Data(json.utf8))
        #expect(decoded == result)

        // A record that says something its certificate does not, or in another shape, is refused.
        let serial = try #require(json.range(of: #""serialNumber":"[0-9A-F]+""#, options: .regularExpression))
        let notAfter = try #require(json.range(of: #""notAfter":"[0-9TZ:-]+""#, options: .regularExpression))
        let der = try #require(json.range(of: #""der":"[^"]+""#, options: .regularExpression))
        let tampered = [
            json.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":2"),
            json.replacingCharacters(in: serial, with: "\"serialNumber\":\"01\""),
            json.replacingCharacters(in: notAfter, with: "\"notAfter\":\"2099-01-01T00:00:00Z\""),
            json.replacingCharacters(in: der, with: "\"der\":\"MAA=\""),
            json.replacingOccurrences(of: "sha256WithRSAEncryption", with: "md5WithRSAEncryption"),
        ]
        for text in tampered {
            #expect(text != json)
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(QualificationCheckResult.self, from: Data(text.utf8))
            }
        }
    }

    @Test("PIN mode with a wrong PIN spends one try and reports the rest; the last try needs the option")
    func wrongPIN() async throws {
        let setup = try SimulatedSetup(.standard)
        let wrong = try Passcode(.userAuthenticationPIN, "0000")
        for left in [2, 1] {
            await #expect {
                _ = try await setup.check().run(.pin(wrong, challenge: challenge))
            } throws: { error in
                (error as? MyNumberCardError)?.code == .wrongCredential && (error as? MyNumberCardError)?.retriesRemaining == left
            }
        }
        let before = setup.transport.verifyWithData
        await #expect {
            _ = try await setup.check().run(.pin(try setup.pin, challenge: challenge))
        } throws: { error in
            (error as? MyNumberCardError)?.code == .lastAttemptRefused
        }
        #expect(setup.transport.verifyWithData == before)
        let outcome = try await setup.check().run(.pin(try setup.pin, challenge: challenge, options: VerificationOptions(allowLastAttempt: true)))
        #expect(outcome.result.mode == .pin)
        #expect(setup.simulated.triesRemaining(.authenticationPIN) == 3)
    }

    @Test("A locked PIN: no VERIFY is sent; face and visual still work")
    func pinLocked() async throws {
        let setup = try SimulatedSetup(.pinLocked)
        await #expect {
            _ = try await setup.check().run(.pin(try setup.pin, challenge: challenge, options: VerificationOptions(allowLastAttempt: true)))
        } throws: { error in
            let diagnosis = Diagnosis(error: error)
            return (error as? MyNumberCardError)?.code == .credentialBlocked && diagnosis.code == .pinLocked
                && diagnosis.stillWorks == [.face, .visual]
        }
        #expect(setup.transport.verifyWithData == 0)
        let state = try await setup.check().lockState()
        #expect(state.locks.map(\.kind) == [.pinLocked])
        #expect(try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true))).result.mode == .face)
        #expect(try await setup.check().run(.visual(confirmer: FixedOperator(.confirmed(operatorID: "staff-1")))).result.mode == .visual)
    }

    @Test("Face mode: PIN-B opens the photo, the matcher decides, a success resets the count")
    func faceMode() async throws {
        let setup = try SimulatedSetup(.standard)
        let serial = try await setup.check().certificate().serialNumberKey
        for _ in 1...3 { _ = try await setup.store.recordFailure(for: serial, at: buildInstant) }
        let matcher = FixedMatcher(match: true, score: 0.93)
        let outcome = try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: matcher))
        #expect(outcome.result.faceMatch == .init(score: 0.93, consecutiveFailuresBefore: 3))
        #expect(outcome.facePhoto == matcher.photoShown)
        #expect(Array(outcome.facePhoto?.prefix(12) ?? []) == [0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A])
        #expect(await setup.store.record(for: serial).consecutiveFailures == 0)
        #expect(outcome.result.signature == nil)
        #expect(setup.simulated.triesRemaining(.authenticationPIN) == 3)
    }

    @Test("Face mode: 10 consecutive mismatches lock face authentication; then nothing reaches the card")
    func faceLock() async throws {
        let setup = try SimulatedSetup(.standard)
        let mismatch = FixedMatcher(match: false)
        for n in 1...10 {
            await #expect {
                _ = try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: mismatch))
            } throws: { error in
                (error as? MynaKitError)?.code == .faceNotMatched && (error as? MynaKitError)?.retriesRemaining == 10 - n
            }
        }
        let before = setup.transport.verifyWithData
        await #expect {
            _ = try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true)))
        } throws: { error in
            (error as? MynaKitError)?.code == .faceLocked && Diagnosis(error: error).code == .faceLocked
        }
        #expect(setup.transport.verifyWithData == before)
        let state = try await setup.check().lockState()
        #expect(state.locks.map(\.kind) == [.faceLocked])
        #expect(state.availableModes == [.pin, .visual])
        // A visual confirmation does not reset the count; the PIN still works.
        _ = try await setup.check().run(.visual(confirmer: FixedOperator(.confirmed(operatorID: "staff-1"))))
        #expect(try await setup.check().lockState().isFaceLocked)
        _ = try await setup.check().run(.pin(try setup.pin, challenge: challenge))
    }

    @Test("Visual mode: no credential; photo only with PIN-B; counts untouched; the confirmation is recorded")
    func visualMode() async throws {
        let setup = try SimulatedSetup(.standard)
        let serial = try await setup.check().certificate().serialNumberKey
        _ = try await setup.store.recordFailure(for: serial, at: buildInstant)
        _ = try? await setup.check().run(.pin(try Passcode(.userAuthenticationPIN, "0000"), challenge: challenge))
        let verifiesBefore = setup.transport.verifyWithData

        let plain = FixedOperator(.confirmed(operatorID: "staff-042"))
        let outcome = try await setup.check(at: tokyo(2026, 1, 10, 10)).run(.visual(confirmer: plain))
        #expect(setup.transport.verifyWithData == verifiesBefore)
        #expect(outcome.result.warnings == [.facePhotoUnavailable])
        #expect(outcome.result.operatorConfirmation == OperatorConfirmation(operatorID: "staff-042", confirmedAt: tokyo(2026, 1, 10, 10), facePhotoShown: false))
        #expect(plain.request?.facePhoto == nil)

        let withPhoto = FixedOperator(.confirmed(operatorID: "staff-042"))
        let shown = try await setup.check().run(.visual(pinB: try setup.pinB, confirmer: withPhoto))
        #expect(shown.result.operatorConfirmation?.facePhotoShown == true)
        #expect(withPhoto.request?.facePhoto != nil && withPhoto.request?.facePhoto == shown.facePhoto)
        #expect(shown.result.warnings.isEmpty)

        // PIN and face failure counts are not reset by visual passes.
        #expect(setup.simulated.triesRemaining(.authenticationPIN) == 2)
        #expect(await setup.store.record(for: serial).consecutiveFailures == 1)

        // A wrong PIN-B spends a try: the check fails with the card's answer instead of going on without the
        // photo, and the operator is never asked.
        let wrongPINB = try Passcode(.cardFacePINB, "60072320340000")
        let notAsked = FixedOperator(.confirmed(operatorID: "staff-042"))
        let verifiesBeforeWrong = setup.transport.verifyWithData
        await #expect {
            _ = try await setup.check().run(.visual(pinB: wrongPINB, confirmer: notAsked))
        } throws: { error in
            guard let error = error as? MyNumberCardError else { return false }
            return error.code == .wrongCredential && error.credential == .cardFacePINB && error.retriesRemaining != nil
                && error.statusWord?.sw1 == 0x63
        }
        #expect(setup.transport.verifyWithData == verifiesBeforeWrong + 1)
        #expect(notAsked.request == nil)

        await #expect {
            _ = try await setup.check().run(.visual(confirmer: FixedOperator(.declined)))
        } throws: { error in
            (error as? MynaKitError)?.code == .visualConfirmationDeclined && Diagnosis(error: error).code == .visualConfirmationDeclined
        }
    }

    @Test("Emergency profile: visual by default with consent; PIN on request; never face")
    func emergency() async throws {
        let setup = try SimulatedSetup(.standard)
        let crew = FixedOperator(.confirmed(operatorID: "ambulance-7"))
        let visual = try await setup.check().run(.visual(confirmer: crew), profile: .emergency(.notObtainable))
        #expect(visual.result.mode == .visual && visual.result.profile == .emergency(.notObtainable))
        #expect(crew.request?.isEmergency == true)
        #expect(setup.transport.verifyWithData == 0)
        let json = String(decoding: try visual.result.jsonData(), as: UTF8.self)
        #expect(json.contains("\"emergencyConsent\":\"notObtainable\"") && json.contains("\"profile\":\"emergency\""))
        #expect(!json.contains(setup.persona.individualNumber))

        let pin = try await setup.check().run(.pin(try setup.pin, challenge: challenge), profile: .emergency(.given))
        #expect(pin.result.mode == .pin && pin.result.profile == .emergency(.given))

        await #expect {
            _ = try await setup.check().run(
                .face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true)),
                profile: .emergency(.given))
        } throws: { error in
            (error as? MynaKitError)?.code == .modeNotAllowed
        }
    }

    @Test("Certificate validity: renewal alert, within grace, beyond grace (no PIN spent)")
    func validity() async throws {
        let soon = try SimulatedSetup(.certificateExpiringSoon)
        let alert = try await soon.check().run(.pin(try soon.pin, challenge: challenge))
        #expect(alert.result.warnings == [.certificateRenewalDue])
        #expect(alert.result.certificateValidity == .renewalAlert)

        let expired = try SimulatedSetup(.certificateExpired)
        let grace = try await expired.check().run(.pin(try expired.pin, challenge: challenge))
        #expect(grace.result.warnings == [.certificateExpiredWithinGrace])
        let expiry = grace.result.certificate.validity.expiryDay
        #expect(expiry == MynaCard.CalendarDate(dayOf: buildInstant).adding(days: -30))

        let beyond = expired.check(at: expiry.adding(months: 3).adding(days: 1).startInstant())
        let before = expired.transport.verifyWithData
        await #expect {
            _ = try await beyond.run(.pin(try expired.pin, challenge: challenge))
        } throws: { error in
            (error as? MynaKitError)?.code == .certificateExpired && Diagnosis(error: error).code == .certificateExpired
        }
        #expect(expired.transport.verifyWithData == before)
        let lastGraceDay = expired.check(at: expiry.adding(months: 3).startInstant().addingTimeInterval(86_399))
        #expect(try await lastGraceDay.run(.visual(confirmer: FixedOperator(.confirmed(operatorID: "x")))).result.certificateValidity == .expiredWithinGrace)
    }

    @Test("A face-authentication card: no PIN mode; face mode works")
    func faceAuthenticationCard() async throws {
        let setup = try SimulatedSetup(.faceAuthentication)
        await #expect {
            _ = try await setup.check().run(.pin(try Passcode(.userAuthenticationPIN, "1234"), challenge: challenge))
        } throws: { error in
            (error as? MynaKitError)?.code == .pinNotAvailable && Diagnosis(error: error).code == .pinNotAvailable
        }
        #expect(setup.transport.verifyWithData == 0)
        let state = try await setup.check().lockState()
        #expect(state.isFaceAuthenticationCard && state.locks.isEmpty && state.availableModes == [.face, .visual])
        let outcome = try await setup.check().run(.face(pinB: try setup.pinB, liveCapture: liveCapture, matcher: FixedMatcher(match: true)))
        #expect(outcome.result.mode == .face)
    }

    @Test("A challenge must not be empty")
    func emptyChallenge() async throws {
        let setup = try SimulatedSetup(.standard)
        await #expect {
            _ = try await setup.check().run(.pin(try setup.pin, challenge: []))
        } throws: { error in
            (error as? MynaKitError)?.code == .invalidInput
        }
        #expect(setup.transport.verifyWithData == 0)
    }
}
