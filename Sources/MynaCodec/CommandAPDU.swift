/// A command APDU (ISO/IEC 7816-4 §5.1) in any of the seven cases.
///
/// Nc (the data length) is 0…65535 and Ne (the expected response length) is `nil` (no Le field) or
/// 1…65536. Short encoding is used when Nc ≤ 255 and Ne ≤ 256 unless extended encoding is requested;
/// otherwise extended encoding is used. Ne of 256 is written `00` in short form and 65536 is written
/// `00 00` in extended form.
///
/// The data of commands that carry verification data (VERIFY, CHANGE REFERENCE DATA, ENABLE and DISABLE
/// VERIFICATION REQUIREMENT, RESET RETRY COUNTER, in both their even and odd INS forms) is never shown by
/// ``description``: it holds a PIN. See ``carriesSecret``.
public struct CommandAPDU: Hashable, Sendable {
    /// The seven cases of ISO/IEC 7816-3 §12.1.3.
    @usableFromInline package enum Case: String, Hashable, Sendable, CaseIterable {
        /// No data, no Le.
        case case1 = "1"
        /// Short Le, no data.
        case case2Short = "2S"
        /// Short Lc and data, no Le.
        case case3Short = "3S"
        /// Short Lc, data and short Le.
        case case4Short = "4S"
        /// Extended Le, no data.
        case case2Extended = "2E"
        /// Extended Lc and data, no Le.
        case case3Extended = "3E"
        /// Extended Lc, data and extended Le.
        case case4Extended = "4E"
    }

    /// The largest Nc a command can carry.
    public static let maximumDataCount = 65535
    /// The largest Ne a command can ask for.
    public static let maximumExpectedLength = 65536
    /// The largest Ne a short command can ask for.
    @usableFromInline package static let maximumShortExpectedLength = 256

    /// The class byte.
    public var cla: UInt8
    /// The instruction byte.
    public var ins: UInt8
    /// Parameter 1.
    public var p1: UInt8
    /// Parameter 2.
    public var p2: UInt8
    /// The command data (Nc = `data.count`).
    public let data: [UInt8]
    /// Ne, the maximum number of response bytes expected, or `nil` when the command has no Le field.
    public let ne: Int?
    /// Whether Lc / Le are encoded in extended form.
    public let isExtended: Bool

    /// Creates a command, validating Nc and Ne.
    ///
    /// - Parameters:
    ///   - cla: the class byte: `00` for interindustry commands, `80` for the card's proprietary ones.
    ///   - ins: the instruction byte.
    ///   - p1: parameter 1.
    ///   - p2: parameter 2.
    ///   - data: the command data, at most 65535 bytes (none for cases 1 and 2).
    ///   - ne: the most response bytes expected, 1…65536, or `nil` for no Le field.
    ///   - extended: use extended length fields even when short ones would do. Ignored for case 1.
    /// - Throws: ``CodecError/Code/invalidLength`` when Nc > 65535 or Ne is outside 1…65536.
    @inlinable
    public init(
        cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8,
        data: [UInt8] = [], ne: Int? = nil, extended: Bool = false
    ) throws(CodecError) {
        guard data.count <= Self.maximumDataCount else {
            throw .invalidLength("Nc \(data.count) exceeds 65535")
        }
        if let ne, ne < 1 || ne > Self.maximumExpectedLength {
            throw .invalidLength("Ne \(ne) outside 1…65536")
        }
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.ne = ne
        let needsExtended = data.count > 255 || (ne ?? 0) > Self.maximumShortExpectedLength
        self.isExtended = (needsExtended || extended) && (!data.isEmpty || ne != nil)
    }

    /// The ISO case this command encodes as.
    @inlinable
    package var apduCase: Case {
        switch (data.isEmpty, ne == nil, isExtended) {
        case (true, true, _): .case1
        case (true, false, false): .case2Short
        case (false, true, false): .case3Short
        case (false, false, false): .case4Short
        case (true, false, true): .case2Extended
        case (false, true, true): .case3Extended
        case (false, false, true): .case4Extended
        }
    }

    /// The number of bytes ``encoded()`` produces.
    @inlinable
    public var encodedCount: Int {
        switch apduCase {
        case .case1: 4
        case .case2Short: 5
        case .case3Short: 5 + data.count
        case .case4Short: 6 + data.count
        case .case2Extended: 7
        case .case3Extended: 7 + data.count
        case .case4Extended: 9 + data.count
        }
    }

    /// The command on the wire.
    @inlinable
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedCount)
        out.append(contentsOf: [cla, ins, p1, p2])
        let nc = data.count
        if isExtended {
            out.append(0x00)
            if nc > 0 {
                out.append(UInt8(truncatingIfNeeded: nc >> 8))
                out.append(UInt8(truncatingIfNeeded: nc))
                out.append(contentsOf: data)
            }
            if let ne {
                let le = ne == 65536 ? 0 : ne
                out.append(UInt8(truncatingIfNeeded: le >> 8))
                out.append(UInt8(truncatingIfNeeded: le))
            }
        } else {
            if nc > 0 {
                out.append(UInt8(truncatingIfNeeded: nc))
                out.append(contentsOf: data)
            }
            if let ne {
                out.append(ne == 256 ? 0 : UInt8(truncatingIfNeeded: ne))
            }
        }
        return out
    }

    /// Decodes a command APDU, validating its length fields per ISO/IEC 7816-3 §12.1.3.
    ///
    /// - Throws: ``CodecError/Code/truncated`` for fewer than 4 bytes, ``CodecError/Code/invalidLength`` when the
    ///   body matches no case.
    public init(decoding bytes: some Collection<UInt8>) throws(CodecError) {
        let b = Array(bytes)
        guard b.count >= 4 else { throw .truncated("a command APDU needs 4 header bytes, got \(b.count)") }
        let cla = b[0], ins = b[1], p1 = b[2], p2 = b[3]
        let body = b.count - 4
        if body == 0 {
            try self.init(cla: cla, ins: ins, p1: p1, p2: p2)
            return
        }
        let b1 = Int(b[4])
        if body == 1 {
            try self.init(cla: cla, ins: ins, p1: p1, p2: p2, ne: b1 == 0 ? 256 : b1)
            return
        }
        if b1 != 0 {
            if body == 1 + b1 {
                try self.init(cla: cla, ins: ins, p1: p1, p2: p2, data: Array(b[5..<(5 + b1)]))
                return
            }
            if body == 2 + b1 {
                let le = Int(b[5 + b1])
                try self.init(
                    cla: cla, ins: ins, p1: p1, p2: p2, data: Array(b[5..<(5 + b1)]), ne: le == 0 ? 256 : le)
                return
            }
            throw .invalidLength("short Lc \(b1) does not match a body of \(body) bytes")
        }
        // Extended: B1 = 00 followed by two length bytes.
        guard body >= 3 else { throw .invalidLength("extended length field truncated (\(body) body bytes)") }
        let b23 = Int(b[5]) << 8 | Int(b[6])
        if body == 3 {
            try self.init(cla: cla, ins: ins, p1: p1, p2: p2, ne: b23 == 0 ? 65536 : b23, extended: true)
            return
        }
        guard b23 != 0 else { throw .invalidLength("extended Lc of 0 with a data field") }
        if body == 3 + b23 {
            try self.init(cla: cla, ins: ins, p1: p1, p2: p2, data: Array(b[7..<(7 + b23)]), extended: true)
            return
        }
        if body == 5 + b23 {
            let le = Int(b[7 + b23]) << 8 | Int(b[8 + b23])
            try self.init(
                cla: cla, ins: ins, p1: p1, p2: p2, data: Array(b[7..<(7 + b23)]),
                ne: le == 0 ? 65536 : le, extended: true)
            return
        }
        throw .invalidLength("extended Lc \(b23) does not match a body of \(body) bytes")
    }

    /// A copy with another Ne (used to resend after `6Cxx`). Keeps extended encoding if it was requested.
    public func withExpectedLength(_ ne: Int?) throws(CodecError) -> CommandAPDU {
        try CommandAPDU(cla: cla, ins: ins, p1: p1, p2: p2, data: data, ne: ne, extended: isExtended)
    }

    /// Whether the data field holds a secret: VERIFY (20/21), CHANGE REFERENCE DATA (24/25),
    /// DISABLE VERIFICATION REQUIREMENT (26/27), ENABLE VERIFICATION REQUIREMENT (28/29) and
    /// RESET RETRY COUNTER (2C/2D) carry PINs or other verification data.
    ///
    /// The odd INS of each pair carries the same secret wrapped in a BER-TLV data object
    /// (ISO/IEC 7816-4 §5.1.2), so both are redacted.
    @inlinable
    public var carriesSecret: Bool {
        switch ins & 0xFE {
        case 0x20, 0x24, 0x26, 0x28, 0x2C: true
        default: false
        }
    }
}

extension CommandAPDU: CustomStringConvertible {
    /// The command in hex, with PIN-carrying data replaced by `**` per byte count.
    public var description: String {
        var text = Hex.encode([cla, ins, p1, p2], separator: " ")
        if !data.isEmpty {
            text += " Lc=\(data.count) "
            text += carriesSecret ? "<\(data.count) bytes redacted>" : Hex.encode(data)
        }
        if let ne { text += " Ne=\(ne)" }
        return text
    }
}
