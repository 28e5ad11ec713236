extension RetryCounter {
    /// The counter in plain words, in `language`: `残り2回（3回中）`, `1 try left (the last one)`, `ロック中`.
    public func explanation(in language: MessageLanguage = .current) -> String {
        let text: LocalizedText =
            switch state {
            case .remaining(1): LocalizedText("counter.lastTry")
            case .remaining(let count):
                maximum.map { LocalizedText("counter.remaining", .count(count), .count($0)) }
                    ?? LocalizedText("counter.remainingNoMaximum", .count(count))
            case .blocked: LocalizedText("counter.blocked")
            case .absent: LocalizedText("counter.absent")
            case .unreported: LocalizedText("counter.unreported")
            }
        return text.render(in: language)
    }
}
