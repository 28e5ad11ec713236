import MynaCodec

extension CardEngine {
    /// SELECT: by DF name (the applets), by FID (EFs of the selected applet). No usable MF.
    mutating func select(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p2 == 0x0C || command.p2 == 0x00 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        switch command.p1 {
        case 0x04:
            guard !command.data.isEmpty else { return ResponseAPDU(statusWord: .incorrectP1P2) }
            guard let aid = image.applets.keys.first(where: { $0.bytes == command.data }) else {
                return ResponseAPDU(statusWord: .fileNotFound)
            }
            // Selecting (or re-selecting) an applet drops every verified state.
            session = Session(applet: aid)
            return ResponseAPDU(statusWord: .success)
        case 0x00:
            // "Select MF": there is none to select.
            return ResponseAPDU(statusWord: command.data.isEmpty ? .incorrectP1P2 : .fileNotFound)
        case 0x02:
            guard command.data.count == 2 else { return ResponseAPDU(statusWord: .wrongLength) }
            let fid = UInt16(command.data[0]) << 8 | UInt16(command.data[1])
            guard applet?.files[fid] != nil else { return ResponseAPDU(statusWord: .fileNotFound) }
            session.currentFile = fid
            return ResponseAPDU(statusWord: .success)
        default:
            return ResponseAPDU(statusWord: .incorrectP1P2)
        }
    }

    /// READ BINARY by 15-bit offset into the current EF, or by SFI (P1 = `80|SFI`) with an 8-bit offset.
    mutating func readBinary(_ command: CommandAPDU) -> ResponseAPDU {
        guard let ne = command.ne else { return ResponseAPDU(statusWord: .wrongLength) }
        let fid: UInt16
        let offset: Int
        if command.p1 & 0x80 != 0 {
            let sfi = command.p1 & 0x1F
            guard command.p1 & 0x60 == 0, sfi != 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
            guard let found = file(shortIdentifier: sfi) else { return ResponseAPDU(statusWord: .fileNotFound) }
            fid = found.fid
            session.currentFile = fid
            offset = Int(command.p2)
        } else {
            guard let current = session.currentFile else { return ResponseAPDU(statusWord: .noCurrentEF) }
            fid = current
            offset = Int(command.p1) << 8 | Int(command.p2)
        }
        guard let file = applet?.files[fid] else { return ResponseAPDU(statusWord: .noCurrentEF) }
        guard case .transparent(let stored) = file.content else {
            return ResponseAPDU(statusWord: .incompatibleFileStructure)
        }
        guard allows(file.access) else { return ResponseAPDU(statusWord: .securityStatusNotSatisfied) }
        let bytes = transparentBytes(fid, stored)
        guard offset < bytes.count else { return ResponseAPDU(statusWord: .wrongParameters) }
        let end = min(bytes.count, offset + ne)
        return ResponseAPDU(data: Array(bytes[offset..<end]), statusWord: .success)
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

    /// GET CHALLENGE: Ne random bytes (1…256).
    func getChallenge(_ command: CommandAPDU) -> ResponseAPDU {
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        guard let ne = command.ne, command.data.isEmpty, ne <= 256 else {
            return ResponseAPDU(statusWord: .wrongLength)
        }
        var generator = SystemRandomNumberGenerator()
        return ResponseAPDU(data: (0..<ne).map { _ in UInt8.random(in: 0...255, using: &generator) }, statusWord: .success)
    }
}
