import Foundation
import MynaCard
import MynaCodec
import MynaSimulator
import MynaTransport
import Testing

@testable import MynaKit

@Suite("Diagnosis: every branch of the troubleshooting chart")
struct DiagnosisTests {
    /// Runs a PIN-mode check and returns the error it throws.
    func failure(_ setup: SimulatedSetup, at now: Date = buildInstant) async -> (any Error)? {
        do {
            _ = try await setup.check(at: now).run(.pin(try setup.pin, challenge: challenge))
            return nil
        } catch {
            return error
        }
    }

    @Test("Simulated card removed mid-check → cardRemoved")
    func cardRemoved() async throws {
        let setup = try SimulatedSetup(.standard, faults: FaultInjection(removeAfterCommands: 2))
        let error = try #require(await failure(setup))
        #expect(Diagnosis(error: error).code == .cardRemoved)
    }

    @Test("Mute card → timeout → card or reader, split by the other-card observation")
    func muteCard() async throws {
        let setup = try SimulatedSetup(.standard, faults: FaultInjection(isMute: true))
        let error = try #require(await failure(setup))
        #expect((error as? TransportError)?.code == .timeout)
        #expect(Diagnosis(error: error).code == .cardNotResponding)
        let cardAtFault = Diagnosis(error: error, anotherCardReadsFineOnThisReader: true)
        #expect(cardAtFault.code == .cardFault && cardAtFault.remedy(in: .english).contains("municipal office"))
        #expect(Diagnosis(error: error, anotherCardReadsFineOnThisReader: false).code == .readerFault)
        // The other swap: this card on another reader.
        let readerAtFault = Diagnosis(error: error, thisCardReadsFineOnAnotherReader: true)
        #expect(readerAtFault.code == .readerFault && readerAtFault.remedy(in: .english).contains("reader"))
        #expect(Diagnosis(error: error, thisCardReadsFineOnAnotherReader: false).code == .cardFault)
        // Contradictory observations decide nothing.
        let contradiction = Diagnosis(
            error: error, anotherCardReadsFineOnThisReader: true, thisCardReadsFineOnAnotherReader: true)
        #expect(contradiction.code == .cardNotResponding)
    }

    @Test("Not a My Number Card")
    func foreignCard() async throws {
        let check = QualificationCheck(card: MyNumberCard(transport: ForeignCard()), faceFailures: InMemoryFaceFailureStore(), clock: { buildInstant })
        do {
            _ = try await check.run(.visual(confirmer: FixedOperator(.confirmed(operatorID: "x"))))
            Issue.record("a foreign card passed")
        } catch {
            #expect(Diagnosis(error: error).code == .notAMyNumberCard)
        }
        // The card layer translates the foreign card's 6A82 into its own error: the domain never sees an
        // ISO 7816 error.
        let counter = await #expect(throws: MyNumberCardError.self) {
            try await MyNumberCard(transport: ForeignCard()).retryStatus(of: .userAuthenticationPIN)
        }
        #expect(counter?.code == .notPresentOnThisCard)
    }

    @Test("PIN locked persona → pinLocked; with face locked too → pinAndFaceLocked")
    func pinLocked() async throws {
        let setup = try SimulatedSetup(.pinLocked)
        let error = try #require(await failure(setup))
        #expect(Diagnosis(error: error).code == .pinLocked)
        let state = try await setup.check().lockState()
        #expect(Diagnosis(lockState: state).code == .pinLocked)
        let serial = try await setup.check().certificate().serialNumberKey
        for _ in 1...10 { _ = try await setup.store.recordFailure(for: serial, at: buildInstant) }
        let both = try await setup.check().lockState()
        let diagnosis = Diagnosis(error: error, lockState: both)
        #expect(diagnosis.code == .pinAndFaceLocked && diagnosis.stillWorks == [.visual])
        #expect(Diagnosis(lockState: both).code == .pinAndFaceLocked)
    }

    @Test("Face locked → faceLocked, PIN and visual still work")
    func faceLocked() async throws {
        let error = MynaKitError(.faceLocked, "locked", retriesRemaining: 0)
        let diagnosis = Diagnosis(error: error)
        #expect(diagnosis.code == .faceLocked && diagnosis.stillWorks == [.pin, .visual])
        #expect(Diagnosis(error: MynaKitError(.faceNotMatched, "no", retriesRemaining: 0)).code == .faceLocked)
        #expect(Diagnosis(error: MynaKitError(.faceNotMatched, "no", retriesRemaining: 4)).code == .faceNotMatched)
        #expect(Diagnosis(lockState: lockState(pin: .remaining(3), faceFailures: 10)).code == .faceLocked)
    }

    @Test("Certificate expired persona: within grace, then beyond grace; expiring soon → renewal due")
    func certificates() async throws {
        let expired = try SimulatedSetup(.certificateExpired)
        let certificate = try await expired.check().certificate()
        let status = certificate.validity.status(at: buildInstant)
        #expect(status == .expiredWithinGrace)
        let grace = Diagnosis(certificateValidity: status)
        #expect(grace.code == .certificateExpiredWithinGrace && grace.stillWorks == [.pin, .face, .visual])
        let later = certificate.validity.graceLastDay.adding(days: 1).startInstant()
        let error = try #require(await failure(expired, at: later))
        let beyond = Diagnosis(error: error)
        #expect(beyond.code == .certificateExpired && beyond.remedy(in: .english).contains("renew") && beyond.stillWorks.isEmpty)

        let soon = try SimulatedSetup(.certificateExpiringSoon)
        let soonStatus = try await soon.check().certificate().validity.status(at: buildInstant)
        #expect(Diagnosis(certificateValidity: soonStatus).code == .certificateRenewalDue)
        #expect(Diagnosis(certificateValidity: .notYetValid).code == .certificateNotYetValid)
        #expect(Diagnosis(error: MynaKitError(.certificateNotYetValid, "x")).code == .certificateNotYetValid)
    }

    @Test("Face-authentication card in PIN mode → pinNotAvailable")
    func faceAuthenticationCard() async throws {
        let setup = try SimulatedSetup(.faceAuthentication)
        let error = try #require(await failure(setup))
        let diagnosis = Diagnosis(error: error)
        #expect(diagnosis.code == .pinNotAvailable && diagnosis.stillWorks == [.face, .visual])
    }

    @Test("Wrong PIN, last try, format: from the simulated card")
    func attempts() async throws {
        let setup = try SimulatedSetup(.standard)
        let wrong = try Passcode(.userAuthenticationPIN, "0000")
        var error = try #require(await { () async -> (any Error)? in
            do { _ = try await setup.check().run(.pin(wrong, challenge: challenge)); return nil } catch { return error }
        }())
        #expect(Diagnosis(error: error).code == .wrongPIN)
        #expect(Diagnosis(error: error).remedy(in: .english).contains("Tries left: 2"))
        _ = try? await setup.check().run(.pin(wrong, challenge: challenge))
        error = try #require(await failure(setup))
        #expect(Diagnosis(error: error).code == .lastAttemptNeedsConsent)
        do {
            _ = try Passcode(.userAuthenticationPIN, "12345")
        } catch {
            #expect(Diagnosis(error: error).code == .invalidPINFormat)
        }
        let blockedNow = MyNumberCardError(.wrongCredential, "x", credential: .userAuthenticationPIN, retriesRemaining: 0)
        #expect(Diagnosis(error: blockedNow).code == .pinLocked)
        let password = MyNumberCardError(.credentialBlocked, "x", credential: .signaturePassword, retriesRemaining: 0)
        #expect(Diagnosis(error: password).code == .signaturePasswordLocked)
        let pinB = MyNumberCardError(.credentialBlocked, "x", credential: .cardFacePINB, retriesRemaining: 0)
        #expect(Diagnosis(error: pinB).code == .pinBLocked && !Diagnosis(error: pinB).stillWorks.contains(.face))
        let cardInfo = MyNumberCardError(.credentialBlocked, "x", credential: .cardInfoPIN, retriesRemaining: 0)
        #expect(Diagnosis(error: cardInfo).code == .cardInfoPINLocked)
        let other = MyNumberCardError(.credentialBlocked, "x", credential: .birthDateKey, retriesRemaining: 0)
        #expect(Diagnosis(error: other).code == .credentialLocked)
        #expect(Diagnosis(error: MyNumberCardError(.notPresentOnThisCard, "x")).code == .notPresentOnThisCard)
        #expect(Diagnosis(error: MyNumberCardError(.signatureInvalid, "x")).code == .cardDataInvalid)
        #expect(Diagnosis(error: MyNumberCardError(.invalidCheckDigit, "x")).code == .cardDataInvalid)
        #expect(Diagnosis(error: MyNumberCardError(.certificateInvalid, "x")).code == .certificateInvalid)
        #expect(Diagnosis(error: MyNumberCardError(.securityStatusNotSatisfied, "x")).code == .credentialRequired)
        #expect(Diagnosis(error: MyNumberCardError(.invalidArgument, "x")).code == .invalidInput)
    }

    @Test(
        "Reader and service errors from the transport",
        arguments: [
            (TransportError.Code.noReadersAvailable, DiagnosisCode.readerNotConnected), (.noReader, .readerNotConnected),
            (.serviceUnavailable, .smartCardServiceUnavailable), (.sharingViolation, .readerInUse), (.noCard, .noCard),
            (.cardRemoved, .cardRemoved), (.cardReset, .cardRemoved), (.timeout, .cardNotResponding),
            (.unresponsiveCard, .cardNotResponding), (.unsupportedProtocol, .cardNotResponding),
            (.backendFailure, .readerError), (.notConnected, .readerError),
        ])
    func transport(code: TransportError.Code, expected: DiagnosisCode) {
        let diagnosis = Diagnosis(error: TransportError(code, "test"))
        #expect(diagnosis.code == expected)
        #expect(!diagnosis.remedy(in: .english).isEmpty)
        #expect(diagnosis.stillWorks.isEmpty)
    }

    @Test("Only the user-authentication PIN's remedies point to face authentication or visual confirmation")
    func remediesPerCredential() {
        let pin = Diagnosis(error: MyNumberCardError(.wrongCredential, "x", credential: .userAuthenticationPIN, retriesRemaining: 2))
        #expect(pin.code == .wrongPIN && pin.remedy(in: .english).contains("face authentication"))
        for credential in [Credential.signaturePassword, .cardInfoPIN] {
            let wrong = Diagnosis(error: MyNumberCardError(.wrongCredential, "x", credential: credential, retriesRemaining: 2))
            #expect(wrong.code == .wrongPIN && !wrong.remedy(in: .english).contains("face") && wrong.remedy(in: .english).contains("locks"))
            let last = Diagnosis(error: MyNumberCardError(.lastAttemptRefused, "x", credential: credential, retriesRemaining: 1))
            #expect(last.code == .lastAttemptNeedsConsent && !last.remedy(in: .english).contains("face") && last.remedy(in: .english).contains("consent"))
        }
        let unknown = Diagnosis(error: MyNumberCardError(.lastAttemptRefused, "x", credential: .userAuthenticationPIN))
        #expect(unknown.code == .lastAttemptNeedsConsent && unknown.remedy(in: .english).contains("does not report"))
    }

    @Test("Observations without an error")
    func observations() {
        #expect(Diagnosis().code == .noProblemFound)
        #expect(Diagnosis(anotherCardReadsFineOnThisReader: false).code == .readerFault)
        #expect(Diagnosis(anotherCardReadsFineOnThisReader: true).code == .noProblemFound)
        #expect(Diagnosis(thisCardReadsFineOnAnotherReader: true).code == .readerFault)
        #expect(Diagnosis(certificateValidity: nil, cardExpired: true).code == .cardExpired)
        let signature = Diagnosis(lockState: lockState(pin: .remaining(3), password: .blocked))
        #expect(signature.code == .signaturePasswordLocked && signature.stillWorks == [.pin, .face, .visual])
        // Chart order: expiry before locks.
        let both = Diagnosis(lockState: lockState(pin: .blocked), certificateValidity: .expiredBeyondGrace)
        #expect(both.code == .certificateExpired)
    }

    @Test("The rest of MynaKit's own errors")
    func domainErrors() {
        let cases: [(MynaKitError.Code, DiagnosisCode)] = [
            (.visualConfirmationDeclined, .visualConfirmationDeclined), (.modeNotAllowed, .modeNotAllowed),
            (.storeFailure, .storeFailure), (.invalidInput, .invalidInput), (.pinNotAvailable, .pinNotAvailable),
            (.notAMyNumberCard, .notAMyNumberCard), (DiagnosisCode(rawValue: "somethingNew"), .unexpectedError),
        ]
        for (code, expected) in cases {
            #expect(Diagnosis(error: MynaKitError(code, "test")).code == expected)
        }
        struct Strange: Error {}
        #expect(Diagnosis(error: Strange()).code == .unexpectedError)
        let card = MyNumberCardError(.cardRejectedCommand, "READ BINARY failed", statusWord: StatusWord(0x6F00))
        #expect(Diagnosis(error: card).code == .unexpectedCardResponse)
        #expect(Diagnosis(error: MyNumberCardError(.credentialBlocked, "blocked", retriesRemaining: 0)).code == .pinLocked)
    }

    @Test("Diagnoses encode to JSON with stable codes only: no words of either language")
    func coding() throws {
        let diagnosis = Diagnosis(error: TransportError(.noCard, "x"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(diagnosis), as: UTF8.self)
        #expect(json == #"{"code":"noCard","stillWorks":[]}"#)
        let wrong = Diagnosis(error: MyNumberCardError(.wrongCredential, "x", credential: .userAuthenticationPIN, retriesRemaining: 2))
        let wrongJSON = String(decoding: try encoder.encode(wrong), as: UTF8.self)
        #expect(wrongJSON == #"{"code":"wrongPIN","retriesRemaining":2,"stillWorks":["pin","face","visual"]}"#)
    }

    @Test("Cancellation and the card layer's missing file and malformed answer")
    func moreErrors() {
        #expect(Diagnosis(error: CancellationError()).code == .interrupted)
        #expect(Diagnosis(error: TransportError(.cancelled, "x")).code == .interrupted)
        let missing = MyNumberCardError(.notPresentOnThisCard, "x", statusWord: .fileNotFound, instruction: .readBinary)
        #expect(Diagnosis(error: missing).code == .notPresentOnThisCard)
    }

    @Test("A smartphone's token: only PIN mode still works, whatever its counters say")
    func phoneToken() {
        #expect(Diagnosis().stillWorks == QualificationMode.allCases)
        #expect(Diagnosis(tokenKind: .androidPhone).code == .noProblemFound)
        #expect(Diagnosis(tokenKind: .androidPhone).stillWorks == [.pin])
        #expect(Diagnosis(tokenKind: .iPhone).stillWorks == [.pin])
        #expect(Diagnosis(tokenKind: .card).stillWorks == QualificationMode.allCases)
    }
}
