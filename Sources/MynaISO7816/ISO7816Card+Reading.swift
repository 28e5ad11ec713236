import MynaCodec
import MynaTransport

extension ISO7816Card {
    /// READ BINARY of the current EF at a 15-bit offset: `00 B0 P1 P2 Le`.
    ///
    /// - Returns: the data and the status word (`9000`, or `6282` when the end came first).
    package func readBinary(offset: Int, count: Int) async throws -> ResponseAPDU {
        guard (0...0x7FFF).contains(offset) else {
            throw CodecError(.invalidValue, "READ BINARY offset \(offset) outside 0…32767")
        }
        let command = try CommandAPDU(
            ins: Instruction.readBinary.rawValue, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF), ne: count)
        return try await readResponse(command)
    }

    /// READ BINARY by short EF identifier: `00 B0 80|SFI offset Le`; makes that EF the current one.
    package func readBinary(shortIdentifier sfi: UInt8, offset: Int, count: Int) async throws -> ResponseAPDU {
        guard (1...30).contains(sfi) else { throw CodecError(.invalidValue, "SFI \(sfi) outside 1…30") }
        guard (0...0xFF).contains(offset) else {
            throw CodecError(.invalidValue, "READ BINARY by SFI offset \(offset) outside 0…255")
        }
        let command = try CommandAPDU(
            ins: Instruction.readBinary.rawValue, p1: 0x80 | sfi, p2: UInt8(offset), ne: count)
        return try await readResponse(command)
    }

    private func readResponse(_ command: CommandAPDU) async throws -> ResponseAPDU {
        let response = try await transmit(command)
        switch response.statusWord.rawValue {
        case 0x9000, 0x6282: return response
        default: throw CardCommandError(statusWord: response.statusWord, instruction: .readBinary)
        }
    }

    /// Reads a whole EF in the least link time the card allows.
    ///
    /// The physical minimum is one READ BINARY returning exactly the content (one per 256 bytes on a
    /// short-only card); the reader approaches it on every link:
    /// - With a short EF identifier (FID `0001`…`001E`) the first READ BINARY needs no SELECT.
    /// - A fixed-length file is asked for exactly its length.
    /// - A BER-TLV file is first asked for the length the ``ReadSizeHints`` expect (stated by the format, or learned
    ///   from the last read of that file, plus a small margin) or, with no hint, for
    ///   ``/MynaTransport/LinkProfile/apduCostInBytes`` bytes of the link in ``Capabilities/link``; the header
    ///   in the answer gives the length, and the rest is asked for exactly, in one command where extended
    ///   length works — never past the announced end, so the filler after the content is not transferred.
    /// - A whole file is read in commands of 65536 (or 256) bytes until the card answers short.
    ///
    /// A card that answers `6700` to extended length is read in 256-byte chunks from then on (and
    /// remembered); `6Cxx` is resent with the exact length; a short final chunk and `6B00` / `6282` at the end
    /// of the file are accepted.
    ///
    /// - Throws: ``CardCommandError`` with the card's status word; ``CardCommandError/Code/malformedResponse``
    ///   when the file ends before its own header says — never a partial result.
    public func readFile(_ file: FileIdentifier, layout: FileLayout = .berTLV) async throws -> [UInt8] {
        if case .fixedLength(let n) = layout, n < 0 || n > 0x8000 {
            throw CodecError(.invalidValue, "file length \(n) outside 0…32768")
        }
        var reader = FileReader(card: self, file: file, layout: layout)
        return try await reader.read()
    }

    // MARK: READ RECORD

    /// READ RECORD `00 B2 <record> 04|SFI<<3 Le` (or the current EF when `shortIdentifier` is nil).
    public func readRecord(_ record: UInt8, shortIdentifier sfi: UInt8? = nil, count: Int = 256) async throws -> [UInt8] {
        var p2: UInt8 = 0x04
        if let sfi {
            guard (1...30).contains(sfi) else { throw CodecError(.invalidValue, "SFI \(sfi) outside 1…30") }
            p2 = sfi << 3 | 0x04
        }
        let command = try CommandAPDU(ins: Instruction.readRecord.rawValue, p1: record, p2: p2, ne: count)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .readRecord)
        return response.data
    }
}
