import MynaCard
import MynaKit

extension Failure {
    /// A failure on a smartphone's JPKI token that comes from asking it for what only a card has (an applet
    /// the phone does not hold, a certificate it gives only after the PIN, a check mode that needs the card
    /// face): says it is a phone and which commands and check modes apply to it, instead of a bare card
    /// error or a remedy meant for cards. Other failures, and failures on cards, are returned unchanged.
    ///
    /// Asks the card for its token info (free) only for those error codes.
    static func onPhoneToken(_ failure: Failure, error: any Error, card: MyNumberCard) async -> Failure {
        let isCardError =
            (error as? MyNumberCardError).map { $0.code == .notPresentOnThisCard || $0.code == .securityStatusNotSatisfied }
            ?? false
        let isModeRefusal = (error as? MynaKitError)?.code == .modeNotAllowed
        guard isCardError || isModeRefusal, let token = try? await card.jpki.tokenInfo().kind, token.isSmartphone
        else { return failure }
        let modes = QualificationCheck.modes(for: token).map(\.rawValue).joined(separator: ", ")
        var phone = failure
        phone.stillWorks = QualificationCheck.modes(for: token).map(\.rawValue)
        if isCardError {
            phone.code = "notOnPhoneToken"
            phone.message = "This is the JPKI token of an \(token) (\(token.label)), not a card: \(failure.message)"
        }
        phone.remedy =
            "A phone holds only the JPKI applet: the user-authentication and signature certificates and keys "
            + "(myna certificate, myna sign; "
            + (token == .androidPhone ? "the Android token needs the PIN even for the user-authentication certificate). " : "). ")
            + "The card face, basic attributes, individual number and PIN-A/PIN-B are on the card only. "
            + "Qualification check modes that apply to a phone: \(modes) (myna check --mode pin)."
        return phone
    }
}
