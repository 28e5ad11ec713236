import MynaCard
import MynaCodec
import MynaISO7816

extension CardImage {
    /// This card with one transparent EF holding `bytes` instead of what the persona would put there — a
    /// truncated certificate, a tampered attribute file, a file with a malformed header — for testing how a
    /// reader copes. The file keeps its access rule (a new file is free to read); nothing else changes, so
    /// integrity records and signatures no longer match a changed file, as on a tampered card.
    ///
    /// ```swift
    /// let image = try CardImage(persona: .standard)
    ///     .replacingFile(FileIdentifier(0x0002), of: .cardInfoInputSupport, with: [0x30, 0x82])
    /// let card = SimulatedCard(image: image)
    /// ```
    public func replacingFile(
        _ file: FileIdentifier, of application: ApplicationIdentifier, with bytes: [UInt8]
    ) -> CardImage {
        replacing(file, of: application, with: .transparent(bytes))
    }

    /// This card with one record EF holding `records` instead of what the persona would put there — a common
    /// card record with a wrong tag, a short one, a bad date — for testing how a reader copes. The file keeps its
    /// access rule (a new file is free to read).
    ///
    /// ```swift
    /// let image = try CardImage(persona: .standard)
    ///     .replacingRecords(FileIdentifier(0x0001), of: .commonCard, with: [[0x01, 0x1C]])
    /// ```
    public func replacingRecords(
        _ file: FileIdentifier, of application: ApplicationIdentifier, with records: [[UInt8]]
    ) -> CardImage {
        replacing(file, of: application, with: .records(records))
    }

    /// This card with `content` in `file`, under the file's access rule (a new file is free to read).
    private func replacing(
        _ file: FileIdentifier, of application: ApplicationIdentifier, with content: SimulatedFile.Content
    ) -> CardImage {
        var image = self
        let access = applets[application]?.files[file.rawValue]?.access ?? .always
        image.applets[application, default: AppletImage()].files[file.rawValue] = SimulatedFile(
            content: content, access: access)
        image.applets[application]?.shortAPDUVariants[file.rawValue] = nil
        return image
    }

    /// This card without `file` in `application`: selecting it answers `6A82`, as on a card that lacks it.
    public func removingFile(_ file: FileIdentifier, of application: ApplicationIdentifier) -> CardImage {
        var image = self
        image.applets[application]?.files[file.rawValue] = nil
        image.applets[application]?.shortAPDUVariants[file.rawValue] = nil
        return image
    }

    /// This card with the card info input support applet's integrity record (EF `0003`) made again over EF
    /// `0001` and `0002` as they are now and signed with the card's issuer key: a card *issued* with replaced
    /// files, so that a reader's parser — not its integrity check — is what meets them.
    ///
    /// `DF31` hashes every byte of EF `0001`; `DF32` hashes EF `0002`'s first data object from the first byte
    /// of its `DF22` to its end (card facts §2), filler excluded.
    ///
    /// ```swift
    /// let image = try CardImage(persona: .standard)
    ///     .replacingFile(FileIdentifier(0x0001), of: .cardInfoInputSupport, with: malformedNumber)
    ///     .reissuingIntegrityRecord()
    /// ```
    ///
    /// - Throws: ``SimulatorError/Code/buildFailed`` when the card has no such applet, or EF `0002` holds no
    ///   data object with a `DF22` to start the hash at.
    public func reissuingIntegrityRecord() throws(SimulatorError) -> CardImage {
        guard let number = fileContent(application: .cardInfoInputSupport, file: CardInfoInputSupportFile.individualNumber),
            let attributes = fileContent(application: .cardInfoInputSupport, file: CardInfoInputSupportFile.basicAttributes)
        else {
            throw SimulatorError(.buildFailed, "the card has no card info input support files to sign")
        }
        let object: TLVNode
        do throws(CodecError) {
            object = try BERTLV.parseFirst(attributes[...])
        } catch {
            throw SimulatorError(.buildFailed, "EF 0002 holds no data object: \(error.reason)")
        }
        guard let name = object.child(CardInfoFiles.nameTag) else {
            throw SimulatorError(.buildFailed, "EF 0002 has no DF22 to start the hash at")
        }
        let signedPart = Array(attributes[name.encoded.startIndex..<object.value.endIndex])
        let record = try IntegrityRecord.encode(
            individualNumberFile: number, basicAttributesSignedPart: signedPart, sign: issuerKey.signSHA256)
        return replacingFile(
            CardInfoInputSupportFile.integrityRecord, of: .cardInfoInputSupport,
            with: CardRecord.pad(record, to: SimulatedFiles.integrityRecordSize, filler: 0xFF))
    }
}
