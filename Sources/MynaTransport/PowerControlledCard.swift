/// A card whose power its backend switches — a simulated card behind a virtual reader — so that a reader's
/// power-off (`SCARD_UNPOWER_CARD`) and power-on reach it as such, not as a warm reset.
///
/// The difference matters on the My Number Card: a verified PIN survives a warm reset and is cleared only by a
/// power-off (or by selecting another applet).
public protocol PowerControlledCard: CardTransport {
    /// Removes power: the selection and every verified state are lost.
    func powerOff() async throws

    /// Powers the card up (a cold reset).
    ///
    /// - Returns: the answer to reset.
    @discardableResult
    func powerOn() async throws -> [UInt8]
}
