import MynaISO7816

/// Reads the common card applet (共通AP): card serial, municipality code, card expiry. No credential.
public struct CommonCardReader: Sendable {
    let card: MyNumberCard

    /// Record 1 of EF `0001`.
    ///
    /// APDUs: SELECT applet (only if not selected) + READ RECORD by SFI = 2; a card that refuses READ RECORD by
    /// SFI gets SELECT EF + READ RECORD instead.
    public func cardIdentity() async throws -> CardIdentity {
        try await card.transaction("reading the card identity") {
            try await card.select(.commonCard, name: "common card")
            let file = CommonCardFile.cardRecord
            let number = CommonCardFile.cardRecordNumber
            let record: [UInt8]
            do {
                if let sfi = file.shortIdentifier {
                    do {
                        record = try await card.iso7816.readRecord(number, shortIdentifier: sfi)
                    } catch let error as CardCommandError
                        where error.code == .incorrectParameters || error.code == .commandNotAllowed
                    {
                        try await card.iso7816.select(file: file)
                        record = try await card.iso7816.readRecord(number)
                    }
                } else {
                    try await card.iso7816.select(file: file)
                    record = try await card.iso7816.readRecord(number)
                }
            } catch {
                throw MyNumberCardError.translating(error, what: "the card record (EF 0001, record 1)")
            }
            return try CardIdentity(record: record)
        }
    }
}
