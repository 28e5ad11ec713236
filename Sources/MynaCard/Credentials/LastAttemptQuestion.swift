import MynaCodec

/// What a ``VerificationOptions/lastAttemptConsent`` callback is asked: whether to spend a try of a
/// credential that is, or may be, the last one.
///
/// It says which credential and what the card reported to the empty VERIFY that reads the counter — never
/// the value about to be sent.
public struct LastAttemptQuestion: Hashable, Sendable, CustomStringConvertible {
    /// The credential whose try would be spent.
    public let credential: Credential
    /// `1` when the card reports one try left; `nil` when it reports no counter (`9000` or `6300` to the
    /// empty VERIFY), so that the try may be the last.
    public let retriesRemaining: Int?
    /// The card's answer to the empty VERIFY, exactly as sent (`63C1`, `9000`, `6300`).
    public let statusWord: StatusWord

    /// Creates a question.
    package init(credential: Credential, retriesRemaining: Int?, statusWord: StatusWord) {
        self.credential = credential
        self.retriesRemaining = retriesRemaining
        self.statusWord = statusWord
    }

    /// The credential, the tries left (or that the card reports none) and the status word.
    public var description: String {
        let tries = retriesRemaining.map { "\($0) left" } ?? "not reported"
        return "LastAttemptQuestion(\(credential.name), tries: \(tries), SW \(Hex.encode(statusWord.bytes)))"
    }
}
