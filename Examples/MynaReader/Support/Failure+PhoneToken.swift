import MynaCard
import MynaKit

extension Failure {
    /// A failure on a smartphone's JPKI token that comes from asking it for what only a card has (an applet
    /// the phone does not hold, a certificate it gives only after the PIN, a check mode that needs the card
    /// face): says it is a phone and which commands and check modes apply to it, in `language`, instead of a
    /// bare card error or a remedy meant for cards. Other failures, and failures on cards, are returned
    /// unchanged.
    ///
    /// Asks the card for its token info (free) only for those error codes.
    static func onPhoneToken(
        _ failure: Failure, error: any Error, card: MyNumberCard, language: MessageLanguage
    ) async -> Failure {
        let isCardError =
            (error as? MyNumberCardError).map { $0.code == .notPresentOnThisCard || $0.code == .securityStatusNotSatisfied }
            ?? false
        let isModeRefusal = (error as? MynaKitError)?.code == .modeNotAllowed
        guard isCardError || isModeRefusal, let token = try? await card.jpki.tokenInfo().kind, token.isSmartphone
        else { return failure }
        let phoneName = Words.text(token == .androidPhone ? "phone.android" : "phone.iPhone", language)
        var phone = failure
        // The words are the phone's, not the chart's: nothing re-renders them.
        phone.diagnosis = nil
        phone.language = language
        phone.stillWorks = QualificationCheck.modes(for: token).map(\.rawValue)
        if isCardError {
            phone.code = "notOnPhoneToken"
            phone.message = Words.text("phone.notACard", language, phoneName, token.label)
        } else {
            phone.message = Words.text("phone.onlyPINMode", language, phoneName, token.label)
        }
        phone.remedy = Words.text(token == .androidPhone ? "phone.remedy.android" : "phone.remedy.iPhone", language)
        return phone
    }
}
