import MynaCard

/// What the app observed, as ``Diagnosis/init(error:lockState:certificateValidity:cardExpired:tokenKind:anotherCardReadsFineOnThisReader:thisCardReadsFineOnAnotherReader:)``
/// takes it (its parameters say what each one means).
struct DiagnosisObservations {
    let error: (any Error)?
    let lockState: CardLockState?
    let certificateValidity: ValidityStatus?
    let cardExpired: Bool?
    let anotherCardReadsFineOnThisReader: Bool?
    let thisCardReadsFineOnAnotherReader: Bool?
    let tokenKind: TokenKind?
}
