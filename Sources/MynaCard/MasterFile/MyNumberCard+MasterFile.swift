import MynaCodec
import MynaISO7816

extension MyNumberCard {
    /// Reads the card's own data at the master-file level: card identification number, municipality code
    /// and expiry (GET DATA `0045`, `00F0`, `00F2`). No credential.
    ///
    /// These objects answer only while no applet is current, so the ISD is selected first — which leaves
    /// every applet and clears every verified state (an ISD that is not selectable, `6A82`, is tolerated and
    /// the objects are asked for anyway). A value the card does not have (`6A88`, `6A82`) is `nil`; a short Le
    /// answered `6700` is repeated once with an extended Le.
    ///
    /// APDUs: SELECT ISD + 3 × GET DATA (+ 1 per object that needs an extended Le), in one transaction.
    /// Afterwards no applet is selected; the next reader selects its own.
    ///
    /// - Throws: ``MyNumberCardError/Code/malformedFile`` when a value is not in its format; card and transport
    ///   errors other than "no such object".
    public func masterFileData() async throws -> MasterFileData {
        try await transaction("reading the master-file data") {
            do {
                try await iso7816.select(.issuerSecurityDomain)
            } catch let error as CardCommandError where error.code == .fileNotFound {
                iso7816.invalidateSelection()
                logger.debug("the ISD is not selectable; asking for the master-file data anyway")
            } catch {
                throw MyNumberCardError.translating(error, what: "the Issuer Security Domain")
            }
            let number = try await optionalData(.cardIdentificationNumber)
            let municipality = try await optionalData(.municipalityCode)
            let expiry = try await optionalData(.cardExpiry)
            return MasterFileData(
                cardIdentificationNumber: try number.map(MasterFileData.decodeCardIdentificationNumber),
                municipalityCode: try municipality.map(MasterFileData.decodeMunicipalityCode),
                cardExpiry: try expiry.map(MasterFileData.decodeCardExpiry))
        }
    }

    /// The value of one master-file data object, or `nil` when the card has none (`6A88`, `6A82`).
    func optionalData(_ object: MasterFileDataObject) async throws -> [UInt8]? {
        do {
            return try await iso7816.getData(tag: object.tag)
        } catch let error as CardCommandError
            where error.statusWord == .referencedDataNotFound || error.statusWord == .fileNotFound
        {
            return nil
        } catch {
            throw MyNumberCardError.translating(error, what: "GET DATA \(object)")
        }
    }
}
