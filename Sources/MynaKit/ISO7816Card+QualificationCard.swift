import MynaCard
import MynaCodec
import MynaISO7816

extension ISO7816Card: QualificationCard {
    /// Begins a transaction on ``transport``.
    public func beginExclusiveAccess() async throws { try await transport.beginTransaction() }
    /// Ends the transaction on ``transport``.
    public func endExclusiveAccess() async throws { try await transport.endTransaction() }

    /// Selects the JPKI applet when needed and reads EF `000A`.
    public func readAuthenticationCertificate() async throws -> [UInt8] {
        do {
            try await selectIfNeeded(.jpki)
        } catch let error as CardCommandError where error.code == .fileNotFound {
            throw MynaKitError(.notAMyNumberCard, "the card has no JPKI applet: it is not a My Number Card")
        }
        return try await readFile(JPKIFile.authenticationCertificate, layout: .berTLV)
    }

    /// Signs with EF `0017` in the current JPKI selection (never re-selects: that would drop the PIN).
    public func signWithAuthenticationKey(digestInfo: [UInt8]) async throws -> [UInt8] {
        guard selectedApplication == .jpki else {
            throw MynaKitError(.invalidInput, "the JPKI applet is not selected; verify the user-authentication PIN first")
        }
        return try await computeDigitalSignature(digestInfo, key: JPKIFile.authenticationKey)
    }

    /// Reads EF `0002` of the card-face applet in its current selection and returns `DF27`.
    public func readFacePhoto() async throws -> [UInt8] {
        guard selectedApplication == .cardFaceConfirmation else {
            throw MynaKitError(.invalidInput, "the card-face applet is not selected; verify PIN-B first")
        }
        let file = try await readFile(CardFaceConfirmationFile.cardFace, layout: .berTLV)
        return try CardFacePhoto.extract(from: file)
    }
}

/// Finds the face photo in the card-face file.
enum CardFacePhoto {
    static let cardFaceTag = BERTag(0xFF20)
    static let photoTag = BERTag(0xDF27)

    static func extract(from file: [UInt8]) throws(MynaKitError) -> [UInt8] {
        do {
            let node = try BERTLV.parseFirst(file[...])
            guard node.tag == cardFaceTag else {
                throw MynaKitError(.malformedCardData, "the card-face file does not start with FF20")
            }
            let photo = try node.requiredChild(photoTag)
            guard !photo.value.isEmpty else {
                throw MynaKitError(.malformedCardData, "the card-face file holds an empty face photo")
            }
            return Array(photo.value)
        } catch let error as MynaKitError {
            throw error
        } catch {
            throw MynaKitError(.malformedCardData, "the card-face file is not valid BER-TLV: \(error)")
        }
    }
}
