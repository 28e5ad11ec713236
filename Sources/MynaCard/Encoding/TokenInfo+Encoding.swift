extension TokenInfo {
    /// The 160 bytes of EF `0006` (card facts §2): text fields space-padded, CK_ULONGs 4 bytes big-endian,
    /// session counts and memory sizes "unavailable" (`FFFFFFFF` maximum, 0 current), versions as two ASCII
    /// digits each (`"03"`, `"01"` on real cards, not CK_VERSION), `utcTime` 16 ASCII digits.
    package static func encode(
        label: String, manufacturerID: String, model: String, serialNumber: String, flags: UInt32,
        maximumPINLength: UInt32, minimumPINLength: UInt32, hardwareVersion: String = "03",
        firmwareVersion: String = "01", utcTime: String = String(repeating: "0", count: 16)
    ) -> [UInt8] {
        func padded(_ text: String, _ count: Int) -> [UInt8] {
            let bytes = Array(text.utf8.prefix(count))
            return bytes + [UInt8](repeating: 0x20, count: count - bytes.count)
        }
        func word(_ value: UInt32) -> [UInt8] {
            [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
             UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
        }
        var info = padded(label, 32) + padded(manufacturerID, 32) + padded(model, 16) + padded(serialNumber, 16)
        info += word(flags)
        info += word(0) + word(.max) + word(0) + word(.max)  // max/current session, max/current RW session
        info += word(maximumPINLength) + word(minimumPINLength)
        info += word(.max) + word(.max) + word(.max) + word(.max)  // public and private memory
        info += padded(hardwareVersion, 2) + padded(firmwareVersion, 2)
        info += padded(utcTime, 16)
        return info
    }
}
