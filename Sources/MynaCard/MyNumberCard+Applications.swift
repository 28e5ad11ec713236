import MynaISO7816

extension MyNumberCard {
    /// Every application a My Number Card can hold, in the order ``isPresent(_:)`` is usually asked.
    package static let applications: [ApplicationIdentifier] = [
        .jpki, .cardInfoInputSupport, .cardFaceConfirmation, .commonCard, .residentRegistry,
    ]

    /// Whether the card answers SELECT for `application`: `false` for `6A82` (a smartphone JPKI token holds
    /// only the JPKI applet; an old resident-registry card has no text, surface or common applet).
    ///
    /// Selecting an application clears the verified state of the one that was current before (re-selecting
    /// the same one keeps it); a present application is left selected.
    /// - Throws: any other card or transport error.
    public func isPresent(_ application: ApplicationIdentifier) async throws -> Bool {
        do {
            try await iso7816.select(application)
            return true
        } catch let error as CardCommandError where error.code == .fileNotFound {
            return false
        }
    }
}
