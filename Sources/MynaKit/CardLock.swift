/// One lock that applies to a card, with its remedy. What still works meanwhile is the lock state's
/// ``CardLockState/availableModes``.
public struct CardLock: Hashable, Sendable, Codable {
    /// Which lock.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The user-authentication PIN is locked (3 consecutive wrong PINs).
        case pinLocked
        /// Face authentication is locked (10 consecutive face-match failures).
        case faceLocked
        /// Both the PIN and face authentication are locked.
        case pinAndFaceLocked
        /// The signature password is locked (5 consecutive wrong passwords); the qualification check is not
        /// affected.
        case signaturePasswordLocked
    }

    /// Which lock.
    public let kind: Kind
    /// The troubleshooting chart's code for this lock; its remedy says where the lock is reset
    /// (a convenience-store kiosk or the municipal office).
    public let code: DiagnosisCode

    /// Creates a lock description. `code` defaults to the chart's code for `kind`; pass
    /// ``DiagnosisCode/pinLockedOfficeOnly`` for a locked PIN no kiosk can reset.
    package init(kind: Kind, code: DiagnosisCode? = nil) {
        self.kind = kind
        self.code = code ?? Self.code(for: kind)
    }

    /// What to do, in `language`: the chart's remedy for ``code``.
    public func remedy(in language: MessageLanguage = .current) -> String {
        LocalizedText("diagnosis.\(code.rawValue).remedy").render(in: language)
    }

    /// The chart's code for each kind.
    package static func code(for kind: Kind) -> DiagnosisCode {
        switch kind {
        case .pinLocked: .pinLocked
        case .faceLocked: .faceLocked
        case .pinAndFaceLocked: .pinAndFaceLocked
        case .signaturePasswordLocked: .signaturePasswordLocked
        }
    }
}
