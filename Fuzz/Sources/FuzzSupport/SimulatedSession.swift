import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport

/// A scripted session with the standard persona's simulated card, byte for byte: the command, response and
/// transcript seeds.
public enum SimulatedSession {
    /// The commands of the session: selections, reads (short, extended, by SFI, past the end), empty and real
    /// VERIFYs, a signature, an unknown applet, malformed lengths.
    public static var commands: [[UInt8]] {
        let persona = SimulatedFiles.standard.persona
        let pin = Array((persona.credentials?.authenticationPIN ?? "1234").utf8)
        let pinB = Array(persona.pinB.utf8)
        var list: [CommandAPDU?] = []
        func select(_ aid: ApplicationIdentifier) -> CommandAPDU? {
            try? CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: aid.bytes)
        }
        func selectFile(_ fid: FileIdentifier) -> CommandAPDU? {
            try? CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: fid.bytes)
        }
        list += [
            select(.jpki),
            try? CommandAPDU(ins: 0xB0, p1: 0x86, p2: 0x00, ne: 160),
            try? CommandAPDU(ins: 0xB0, p1: 0x8A, p2: 0x00, ne: 65536),
            try? CommandAPDU(ins: 0xB0, p1: 0x8B, p2: 0x00, ne: 256),
            try? CommandAPDU(ins: 0xB0, p1: 0x01, p2: 0x00, ne: 256),
            try? CommandAPDU(ins: 0xB0, p1: 0x7F, p2: 0x00, ne: 256),
            selectFile(JPKIFile.authenticationPIN),
            try? CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80),
            try? CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: pin),
            selectFile(JPKIFile.authenticationKey),
            try? CommandAPDU(
                cla: 0x80, ins: 0x2A, p1: 0x00, p2: 0x80, data: DigestAlgorithm.sha256.digestInfo(hashing: [1, 2, 3]),
                ne: 256),
            select(.cardFaceConfirmation),
            selectFile(CardFaceConfirmationFile.pinB),
            try? CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x80, data: pinB),
            try? CommandAPDU(ins: 0xB0, p1: 0x82, p2: 0x00, ne: 65536, extended: true),
            try? CommandAPDU(ins: 0xB0, p1: 0x84, p2: 0x00, ne: 256),
            try? CommandAPDU(ins: 0xB0, p1: 0x00, p2: 0x04, ne: 7),
            select(.cardInfoInputSupport),
            try? CommandAPDU(ins: 0xB0, p1: 0x85, p2: 0x00, ne: 256),
            select(.commonCard),
            try? CommandAPDU(ins: 0xB2, p1: 0x01, p2: 0x0C, ne: 256),
            (try? ApplicationIdentifier([0xA0, 0x00, 0x00, 0x00, 0x63, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35])).flatMap(select),
            try? CommandAPDU(ins: 0x84, p1: 0x00, p2: 0x00, ne: 8),
            try? CommandAPDU(cla: 0x00, ins: 0xA4, p1: 0x04, p2: 0x0C, data: Array(repeating: 0x41, count: 300), ne: 300),
        ]
        var bytes = list.compactMap { $0?.encoded() }
        bytes.append([0x00, 0xB0, 0x00])  // truncated header
        bytes.append([0x00, 0xB0, 0x00, 0x00, 0x05, 0x01])  // Lc larger than the data
        return bytes
    }

    /// The exchanges of ``commands`` with a fresh simulated standard card.
    public static var exchanges: [(command: [UInt8], response: [UInt8])] {
        let card = SimulatedCard(image: SimulatedFiles.standard)
        return commands.compactMap { command in
            guard let response = try? card.respond(to: command) else { return nil }
            return (command, response)
        }
    }

    /// The session as transcripts (the exchanges with responses up to 300 bytes) with a reset, a transaction
    /// and a transport error, and shorter pieces of it.
    public static var transcripts: [String] {
        let exchanges = self.exchanges
        var entries: [Transcript.Entry] = [.reset(atr: SimulatedCard.defaultATR), .beginTransaction]
        // Short responses only: long hex lines make every mutation slow and add no grammar.
        for (command, response) in exchanges where response.count <= 300 {
            let recorded = (try? CommandAPDU(decoding: command)).map(Transcript.recordedCommand)
                ?? Transcript.MaskedBytes(command)
            entries.append(.exchange(command: recorded, response: Transcript.MaskedBytes(response)))
        }
        entries.append(.endTransaction)
        if let last = exchanges.last {
            entries.append(.failedExchange(command: Transcript.MaskedBytes(last.command), error: "cardRemoved"))
        }
        entries.append(.failedReset(error: "unresponsiveCard"))
        var texts = [Transcript(entries: entries).rendered()]
        for size in [3, 6] {
            texts.append(Transcript(entries: Array(entries.prefix(size))).rendered())
        }
        texts.append(Transcript(entries: Array(entries.prefix(4))).rendered().replacingCRLF())
        return texts
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }
}
