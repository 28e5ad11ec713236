import MynaISO7816

extension MyNumberCard {
    /// The data objects whose length the card's format fixes (header included), so that the first READ
    /// BINARY of each asks for exactly its content (see `Documentation/card-formats.md` and the card facts):
    /// - card-verifiable certificate, text and surface EF `0004`: `7F21 82 02 33` → 568 bytes;
    /// - integrity record, text EF `0003`: `FF30 82 01 4B` → 336 bytes;
    /// - signed card key, text EF `0007`: `FF50 82 02 13` → 536 bytes;
    /// - age record, surface EF `0001`: `FF10 82 02 1E` → 547 bytes.
    ///
    /// The lengths of the other files (certificates, basic attributes, card face) depend on the holder and
    /// are learned as they are read (``/MynaISO7816/ReadSizeHints``).
    static let formatLengths: [(ApplicationIdentifier, FileIdentifier, Int)] = [
        (.cardInfoInputSupport, CardInfoInputSupportFile.cardVerifiableCertificate, 568),
        (.cardFaceConfirmation, CardFaceConfirmationFile.cardVerifiableCertificate, 568),
        (.cardInfoInputSupport, CardInfoInputSupportFile.integrityRecord, 336),
        (.cardInfoInputSupport, CardInfoInputSupportFile.cardKey, 536),
        (.cardFaceConfirmation, CardFaceConfirmationFile.ageRecord, 547),
    ]

    /// States ``formatLengths`` in `hints`, unless a length was already read there.
    static func stateFormatLengths(in hints: ReadSizeHints) {
        for (application, file, length) in formatLengths where hints.hint(for: file, in: application) == nil {
            hints.expect(file, in: application, length: length)
        }
    }
}

extension MyNumberCard {
    /// The hints in `hints` that an app may keep between launches (``/MynaISO7816/ReadSizeHints/Snapshot``):
    /// those of files any program may read from a card — the user-authentication certificate, CA
    /// certificates, card-verifiable certificates, token info —, whose length follows from their public
    /// structure. Files that need a credential on a card (the number, the attributes, the card face, the
    /// signature certificate) are left out: their length depends on the holder, so it says something about
    /// the last person whose card was read.
    ///
    /// Restore the snapshot with ``/MynaISO7816/ReadSizeHints/init(restoring:)`` and pass the hints to every
    /// card (``init(transport:capabilities:cardVerifiableAuthorities:cardVerifiablePolicy:logger:sizeHints:)``).
    public static func keepableSizeHints(in hints: ReadSizeHints) -> ReadSizeHints.Snapshot {
        let keepable = Set(
            ElementaryFile.all.filter { $0.access(on: .card) == .free }
                .map { ReadSizeHints.Key(application: $0.application, file: $0.identifier) })
        return hints.snapshot(including: { keepable.contains($0) })
    }
}
