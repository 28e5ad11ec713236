import MynaISO7816
import Testing

@testable import MynaKit

@Suite("PIN safety: the credential guard")
struct CredentialGuardTests {
    @Test("The right PIN is verified with one empty VERIFY and one VERIFY")
    func right() async throws {
        let card = FakeCredentialCard([.userAuthenticationPIN: ("1234", 2)])
        try await CredentialGuard(card: card).verify(try PIN("1234", for: .userAuthenticationPIN))
        #expect(card.events == [.status("userAuthenticationPIN"), .verify("userAuthenticationPIN")])
        #expect(card.remaining(.userAuthenticationPIN) == 3)
    }

    @Test("A wrong PIN reports the tries left and is never retried")
    func wrong() async throws {
        let card = FakeCredentialCard([.userAuthenticationPIN: ("1234", 3)])
        let guardian = CredentialGuard(card: card)
        await #expect {
            try await guardian.verify(try PIN("0000", for: .userAuthenticationPIN))
        } throws: { error in
            (error as? MynaKitError)?.code == .wrongPIN && (error as? MynaKitError)?.retriesRemaining == 2
        }
        #expect(card.verifyCount == 1)
        #expect(card.remaining(.userAuthenticationPIN) == 2)
    }

    @Test("A blocked counter gets no VERIFY")
    func blocked() async throws {
        let card = FakeCredentialCard([.userAuthenticationPIN: ("1234", 0)])
        await #expect {
            try await CredentialGuard(card: card).verify(try PIN("1234", for: .userAuthenticationPIN), options: .allowingLastAttempt)
        } throws: { error in
            (error as? MynaKitError)?.code == .credentialBlocked
        }
        #expect(card.verifyCount == 0)
    }

    @Test("The last try is spent only with the explicit option")
    func lastTry() async throws {
        let card = FakeCredentialCard([.userAuthenticationPIN: ("1234", 1)])
        let guardian = CredentialGuard(card: card)
        await #expect {
            try await guardian.verify(try PIN("1234", for: .userAuthenticationPIN))
        } throws: { error in
            (error as? MynaKitError)?.code == .lastAttemptNotAllowed && (error as? MynaKitError)?.retriesRemaining == 1
        }
        #expect(card.verifyCount == 0)
        await #expect {
            try await guardian.verify(try PIN("0000", for: .userAuthenticationPIN), options: .allowingLastAttempt)
        } throws: { error in
            (error as? MynaKitError)?.code == .wrongPIN && (error as? MynaKitError)?.retriesRemaining == 0
                && (error as? MynaKitError)?.reason.contains("municipal office") == true
        }
        #expect(card.verifyCount == 1)
        #expect(card.remaining(.userAuthenticationPIN) == 0)
    }

    @Test("A card that does not report its counter is treated as on its last try")
    func unreported() async throws {
        let card = FakeCredentialCard([.signaturePassword: ("ABC123", 5)])
        card.setUnreported(.signaturePassword)
        let guardian = CredentialGuard(card: card)
        #expect(try await guardian.counter(for: .signaturePassword).state == .unreported)
        await #expect(throws: MynaKitError.self) { try await guardian.verify(try PIN("abc123", for: .signaturePassword)) }
        #expect(card.verifyCount == 0)
        try await guardian.verify(try PIN("abc123", for: .signaturePassword), options: .allowingLastAttempt)
        #expect(card.verifyCount == 1)
    }

    @Test("An absent credential is a state when read and an error when verified")
    func absent() async throws {
        let card = FakeCredentialCard([:])
        let guardian = CredentialGuard(card: card)
        let counter = try await guardian.counter(for: .userAuthenticationPIN)
        #expect(counter.isAbsent && counter.remaining == nil && !counter.isBlocked)
        await #expect {
            try await guardian.verify(try PIN("1234", for: .userAuthenticationPIN))
        } throws: { error in
            (error as? MynaKitError)?.code == .credentialAbsent
        }
        #expect(card.verifyCount == 0)
    }

    @Test("Changing a PIN verifies the current one first; values for different credentials are refused")
    func change() async throws {
        let card = FakeCredentialCard([.userAuthenticationPIN: ("1234", 3), .cardInfoPIN: ("1234", 3)])
        let guardian = CredentialGuard(card: card)
        await #expect {
            try await guardian.change(try PIN("1234", for: .userAuthenticationPIN), to: try PIN("5678", for: .cardInfoPIN))
        } throws: { error in
            (error as? MynaKitError)?.code == .credentialMismatch
        }
        #expect(card.events.isEmpty)
        try await guardian.change(try PIN("1234", for: .userAuthenticationPIN), to: try PIN("5678", for: .userAuthenticationPIN))
        #expect(card.events == [.status("userAuthenticationPIN"), .verify("userAuthenticationPIN"), .change("userAuthenticationPIN")])
        try await guardian.verify(try PIN("5678", for: .userAuthenticationPIN))
    }

    @Test("Counters: remaining, maximum, last attempt, blocked")
    func counters() async throws {
        let card = FakeCredentialCard([
            .userAuthenticationPIN: ("1234", 1), .signaturePassword: ("ABC123", 5), .cardInfoPIN: ("1234", 0),
        ])
        let counters = try await CredentialGuard(card: card).counters(for: [.userAuthenticationPIN, .signaturePassword, .cardInfoPIN])
        #expect(counters.map(\.remaining) == [1, 5, 0])
        #expect(counters.map(\.maximum) == [3, 5, 3])
        #expect(counters.map(\.isLastAttempt) == [true, false, false])
        #expect(counters.map(\.isBlocked) == [false, false, true])
        #expect(card.verifyCount == 0)
        #expect(RetryCounter(credential: .cardInfoPIN, state: .remaining(0)).state == .blocked)
    }
}
