import MynaCard
import MynaCodec
import MynaISO7816

extension CardEngine {
    /// SELECT: by DF name (the applets and the ISD), by FID (EFs of the current applet). The MF itself is not
    /// selectable: `00 A4 00 00` answers `6A86` at the master-file level and `9000` doing nothing inside an
    /// applet; `3F00` answers `6A82`.
    mutating func select(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p2 == 0x0C || command.p2 == 0x00 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        switch command.p1 {
        case 0x04:
            guard !command.data.isEmpty else { return ResponseAPDU(statusWord: .incorrectP1P2) }
            if command.data == ApplicationIdentifier.issuerSecurityDomain.bytes {
                // The ISD leaves every applet: back to the master-file level with nothing verified.
                session = Session()
                security = SecurityStatus()
                return ResponseAPDU(statusWord: .success)
            }
            guard let aid = image.applets.keys.first(where: { $0.bytes == command.data }) else {
                return ResponseAPDU(statusWord: .fileNotFound)
            }
            // Re-selecting the same applet keeps what was verified in it; another applet clears it.
            if security.applet != aid { security = SecurityStatus(applet: aid) }
            session = Session(applet: aid)
            return ResponseAPDU(statusWord: .success)
        case 0x00:
            if command.data.isEmpty {
                return ResponseAPDU(statusWord: session.applet == nil ? .incorrectP1P2 : .success)
            }
            return ResponseAPDU(statusWord: .fileNotFound)
        case 0x02:
            guard command.data.count == 2 else { return ResponseAPDU(statusWord: .wrongLength) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            if session.applet == nil {
                // At the master-file level only EF 001E selects (and cannot be read).
                guard fid == Self.masterFileEF else { return ResponseAPDU(statusWord: .fileNotFound) }
                session.currentFile = fid
                return ResponseAPDU(statusWord: .success)
            }
            guard applet?.files[fid] != nil else { return ResponseAPDU(statusWord: .fileNotFound) }
            session.currentFile = fid
            return ResponseAPDU(statusWord: .success)
        default:
            return ResponseAPDU(statusWord: .incorrectP1P2)
        }
    }

    /// EF `001E` of the master file: selectable, not readable (`6981`).
    static let masterFileEF: UInt16 = 0x001E

    /// READ BINARY by 15-bit offset into the current EF, or by SFI (P1 = `80|SFI`) with an 8-bit offset.
    mutating func readBinary(_ command: CommandAPDU) -> ResponseAPDU {
        guard let ne = command.ne else { return ResponseAPDU(statusWord: .wrongLength) }
        let fid: UInt16
        let offset: Int
        if command.p1 & 0x80 != 0 {
            let sfi = command.p1 & 0x1F
            guard command.p1 & 0x60 == 0, sfi != 0, !faults.refusesShortFileIdentifiers else {
                return ResponseAPDU(statusWord: .incorrectP1P2)
            }
            guard let found = file(shortIdentifier: sfi) else { return ResponseAPDU(statusWord: .fileNotFound) }
            fid = found.fid
            session.currentFile = fid
            offset = Int(command.p2)
        } else {
            guard let current = session.currentFile else { return ResponseAPDU(statusWord: .noCurrentEF) }
            fid = current
            offset = Int(command.p1) << 8 | Int(command.p2)
        }
        if session.applet == nil, fid == Self.masterFileEF {
            return ResponseAPDU(statusWord: .incompatibleFileStructure)
        }
        guard let file = applet?.files[fid] else { return ResponseAPDU(statusWord: .noCurrentEF) }
        guard case .transparent(let stored) = file.content else {
            return ResponseAPDU(statusWord: .incompatibleFileStructure)
        }
        guard allows(file.access) else { return ResponseAPDU(statusWord: .securityStatusNotSatisfied) }
        let bytes = transparentBytes(fid, stored)
        guard offset < bytes.count else { return ResponseAPDU(statusWord: .wrongParameters) }
        let end = min(bytes.count, offset + ne)
        let endsEarly = end - offset < ne && faults.warnsAtEndOfFile
        return ResponseAPDU(data: Array(bytes[offset..<end]), statusWord: endsEarly ? .warningEndOfFile : .success)
    }

    /// READ RECORD: P1 = record number, P2 = `SFI << 3 | 4` (SFI 0: the current EF).
    mutating func readRecord(_ command: CommandAPDU) -> ResponseAPDU {
        guard let ne = command.ne else { return ResponseAPDU(statusWord: .wrongLength) }
        guard command.p2 & 0x07 == 0x04, command.p1 != 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        let sfi = command.p2 >> 3
        let fid: UInt16
        if sfi == 0 {
            guard let current = session.currentFile else { return ResponseAPDU(statusWord: .noCurrentEF) }
            fid = current
        } else {
            guard !faults.refusesShortFileIdentifiers else { return ResponseAPDU(statusWord: .incorrectP1P2) }
            guard let found = file(shortIdentifier: sfi) else { return ResponseAPDU(statusWord: .fileNotFound) }
            fid = found.fid
            session.currentFile = fid
        }
        guard let file = applet?.files[fid] else { return ResponseAPDU(statusWord: .noCurrentEF) }
        guard case .records(let records) = file.content else {
            return ResponseAPDU(statusWord: .incompatibleFileStructure)
        }
        guard allows(file.access) else { return ResponseAPDU(statusWord: .securityStatusNotSatisfied) }
        let index = Int(command.p1) - 1
        guard records.indices.contains(index) else { return ResponseAPDU(statusWord: .recordNotFound) }
        return ResponseAPDU(data: Array(records[index].prefix(ne)), statusWord: .success)
    }

    /// GET CHALLENGE: exactly Ne random bytes, 1…256; an extended Le answers `6985`.
    func getChallenge(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        guard !command.isExtended else { return ResponseAPDU(statusWord: .conditionsNotSatisfied) }
        guard let ne = command.ne, command.data.isEmpty, ne <= 256 else {
            return ResponseAPDU(statusWord: .wrongLength)
        }
        var generator = SystemRandomNumberGenerator()
        return ResponseAPDU(data: (0..<ne).map { _ in UInt8.random(in: 0...255, using: &generator) }, statusWord: .success)
    }

    /// GET DATA `00 CA <tag> Le`: the master-file data objects, answered only while no applet is current
    /// (`6A88` inside an applet and for an object the card lacks). A value longer than 256 bytes asked for
    /// with a short Le answers `6700`: the reader repeats with an extended Le.
    func getData(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.data.isEmpty, let ne = command.ne else { return ResponseAPDU(statusWord: .wrongLength) }
        let tag = UInt16(command.p1) << 8 | UInt16(command.p2)
        let atrWithoutTS = image.masterFileObjects.isEmpty ? nil : Array(profile.atr.dropFirst())
        guard session.applet == nil,
            let value = tag == MasterFileDataObject.answerToReset.tag ? atrWithoutTS : image.masterFileObjects[tag]
        else {
            return ResponseAPDU(statusWord: .referencedDataNotFound)
        }
        if value.count > 256 && !command.isExtended { return ResponseAPDU(statusWord: .wrongLength) }
        return ResponseAPDU(data: Array(value.prefix(ne)), statusWord: .success)
    }

    /// `80 FC 00 00`: the iPhone token's last-command indicator; a card answers `6700`.
    func lastCommandIndicator(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.cla == 0x80, profile.acceptsLastCommandIndicator else {
            return ResponseAPDU(statusWord: .wrongLength)
        }
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        return ResponseAPDU(statusWord: .success)
    }

    /// The INS of the iPhone token's last-command indicator.
    static let lastCommandIndicatorINS: UInt8 = 0xFC
}
