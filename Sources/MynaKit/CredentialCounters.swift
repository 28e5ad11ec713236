import MynaCard

/// Reads retry counters without spending anything (empty VERIFY).
///
/// Reading is all this type does: the VERIFY itself, with its safety rules, belongs to the MynaCard operation
/// that needs the verified state (signing, reading the card face, changing a PIN).
public struct CredentialCounters: Sendable {
    /// The card.
    package let card: any QualificationCard

    /// Reads counters of `card`.
    public init(card: MyNumberCard) {
        self.card = card
    }

    /// Reads counters of any ``QualificationCard`` (the domain's view of a card).
    package init(reading card: any QualificationCard) {
        self.card = card
    }

    /// The credentials whose counters the issue names: user-authentication PIN (3), signature password (5),
    /// card-info PIN (3), PIN-A and PIN-B of the card-info applet (PIN-B: 10), PIN-B of the card-face applet.
    public static let standardCredentials: [Credential] = [
        .userAuthenticationPIN, .signaturePassword, .cardInfoPIN, .cardInfoPINA, .cardInfoPINB, .cardFacePINB,
    ]

    /// One credential's counter; ``RetryCounter/State/absent`` when the card has no such credential.
    ///
    /// - Throws: transport errors and card errors other than "not present" unchanged.
    public func counter(for credential: Credential) async throws -> RetryCounter {
        do {
            switch try await card.retryStatus(of: credential) {
            case .remaining(let n): return RetryCounter(credential: credential, state: .remaining(n))
            case .blocked: return RetryCounter(credential: credential, state: .blocked)
            case .noCounterReported, .noInformation: return RetryCounter(credential: credential, state: .unreported)
            }
        } catch let error as MyNumberCardError where error.code == .notPresentOnThisCard {
            return RetryCounter(credential: credential, state: .absent)
        }
    }

    /// Several counters, in order.
    public func counters(for credentials: [Credential] = standardCredentials) async throws -> [RetryCounter] {
        var result: [RetryCounter] = []
        for credential in credentials { result.append(try await counter(for: credential)) }
        return result
    }
}
