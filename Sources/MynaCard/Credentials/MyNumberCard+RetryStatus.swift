import MynaISO7816

extension MyNumberCard {
    /// Reads how many tries `credential` has left, without spending one: selects its applet when needed and
    /// sends an empty VERIFY, in one transaction.
    ///
    /// APDUs: SELECT applet (only if not selected) + SELECT PIN EF + empty VERIFY.
    ///
    /// - Throws: ``MyNumberCardError/Code/notPresentOnThisCard`` when the card has no such applet or
    ///   credential; other card answers as ``MyNumberCardError``; transport errors unchanged.
    public func retryStatus(of credential: Credential) async throws -> RetryStatus {
        try await transaction("reading the counter of the \(credential.name)") {
            do {
                try await iso7816.selectIfNeeded(credential.application)
            } catch {
                throw MyNumberCardError.translating(error, what: "the \(credential.name)", credential: credential)
            }
            return try await counter(of: credential)
        }
    }

    /// The empty VERIFY of `credential` in its selected applet; leaves the PIN EF selected for a VERIFY.
    func counter(of credential: Credential) async throws -> RetryStatus {
        do {
            switch try await iso7816.retryStatus(of: credential.reference) {
            case .remaining(let n): return .remaining(n)
            case .blocked: return .blocked
            case .noCounterReported: return .noCounterReported
            case .noInformation: return .noInformation
            }
        } catch {
            throw MyNumberCardError.translating(error, what: "the \(credential.name)", credential: credential)
        }
    }
}
