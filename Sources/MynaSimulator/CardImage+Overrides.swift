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
        var image = self
        let access = applets[application]?.files[file.rawValue]?.access ?? .always
        image.applets[application, default: AppletImage()].files[file.rawValue] = SimulatedFile(
            content: .transparent(bytes), access: access)
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
}
