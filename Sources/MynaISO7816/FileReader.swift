import MynaCodec
import MynaTransport

/// Reads one EF in the least link time the card allows; see ``ISO7816Card/readFile(_:layout:)``.
///
/// The physical minimum for a file is one READ BINARY returning exactly its content (on a short-only card,
/// one per 256 bytes). The reader gets there without knowing the length up front:
/// - a fixed-length file is asked for exactly;
/// - a BER-TLV file is first asked for what ``ReadSizeHints`` expects of it (a length fixed by the format,
///   or the length last read plus a small margin) or, with no hint, for one APDU's worth of bytes on this
///   link (``/MynaTransport/LinkProfile/apduCostInBytes``): a smaller file then costs at most that much
///   filler, a larger one exactly one more APDU. The header in the first answer gives the length; the rest,
///   if any, is asked for exactly — never a byte past the announced end;
/// - a whole file (``ISO7816Card/FileLayout/wholeFile``) is read until the card answers short.
struct FileReader {
    let card: ISO7816Card
    let file: FileIdentifier
    let layout: ISO7816Card.FileLayout
    let application: ApplicationIdentifier?
    var selected = false
    var data: [UInt8] = []

    /// The longest BER-TLV header read when the first answer did not hold it all.
    static let headerProbe = 8

    init(card: ISO7816Card, file: FileIdentifier, layout: ISO7816Card.FileLayout) {
        self.card = card
        self.file = file
        self.layout = layout
        self.application = card.selectedApplication
    }

    /// The largest Ne to ask for now.
    private var chunkLimit: Int {
        card.capabilities.extendedLength == .unsupported ? 256 : 65536
    }

    /// The Ne of the first READ BINARY of a BER-TLV file.
    static func firstRequest(hint: ReadSizeHints.Hint?, link: LinkProfile) -> Int {
        let apdu = link.apduCostInBytes
        switch hint {
        case .exact(let length):
            return max(1, length)
        case .learned(let length):
            // A little more than last time: a slightly longer file still comes in one command, for at most
            // an eighth of an APDU's worth of filler.
            return length + max(1, apdu / 8)
        case nil:
            return max(Self.headerProbe, apdu)
        }
    }

    mutating func read() async throws -> [UInt8] {
        var total: Int? = nil
        if case .fixedLength(let n) = layout { total = n }
        if total == 0 { return [] }
        while true {
            let wanted: Int
            if let total {
                wanted = total - data.count  // never past the announced end
            } else if case .berTLV = layout {
                wanted = data.isEmpty
                    ? Self.firstRequest(
                        hint: card.sizeHints.hint(for: file, in: application), link: card.capabilities.plannedLink)
                    : Self.headerProbe
            } else {
                wanted = chunkLimit
            }
            guard let (chunk, asked) = try await readChunk(offset: data.count, count: min(chunkLimit, wanted)) else {
                break  // end of file
            }
            data.append(contentsOf: chunk.prefix(max(asked, 0)))
            if case .berTLV = layout, total == nil {
                if let header = try BERTLV.header(of: data[...]) {
                    total = header.headerLength + header.valueLength
                } else if chunk.count < asked {
                    throw CardCommandError.malformedResponse(.readBinary, "file \(file) ends inside its TLV header")
                }
            }
            if let total, data.count >= total { break }
            if chunk.isEmpty { break }
            // A short answer is the end of the file: for a whole file that is the result; for a file whose
            // length is known, the check below reports it as cut short.
            if chunk.count < asked { break }
            if data.count > 0x7FFF { break }
        }
        if case .berTLV = layout {
            guard let total else {
                throw CardCommandError.malformedResponse(.readBinary, "file \(file) holds no BER-TLV data object")
            }
            if data.count >= total { card.sizeHints.learn(total, for: file, in: application) }
        }
        if let total {
            guard data.count >= total else {
                throw CardCommandError.malformedResponse(
                    .readBinary, "file \(file) ended after \(data.count) of \(total) bytes")
            }
            return Array(data.prefix(total))
        }
        return data
    }

    /// Records what a READ BINARY the card executed (`9000` or `6282`) shows about the card.
    private mutating func accepted(usingSFI: Bool, count: Int) {
        if usingSFI {
            selected = true  // READ BINARY by SFI made the EF current
            if card.capabilities.shortFileIdentifiers != .supported {
                card.updateCapabilities { $0.shortFileIdentifiers = .supported }
            }
        }
        if count > 256 && card.capabilities.extendedLength != .supported {
            card.updateCapabilities { $0.extendedLength = .supported }
        }
    }

    /// One READ BINARY, with the fallbacks; `nil` at the end of the file (`6B00`, or `6282` with no data).
    ///
    /// Returns the data and the Ne it answers: after `6700` the card was asked for 256 bytes, so a full
    /// answer is 256; after `6Cxx` (the card's exact count of the bytes left) the answer is the rest of the
    /// file, so it counts against the Ne asked before — shorter, hence the end.
    private mutating func readChunk(offset: Int, count: Int) async throws -> ([UInt8], asked: Int)? {
        var count = count
        var asked = count
        var attempts = 0
        while true {
            attempts += 1
            guard attempts <= 4 else {
                throw CardCommandError.malformedResponse(.readBinary, "the card keeps refusing READ BINARY lengths")
            }
            let response: ResponseAPDU
            // Only a FID that has a short identifier is read by SFI; any other is selected first.
            let sfi = !selected && offset <= 0xFF && card.capabilities.shortFileIdentifiers != .unsupported
                ? file.shortIdentifier : nil
            let useSFI = sfi != nil
            if let sfi {
                response = try await card.transmit(
                    CommandAPDU(ins: Instruction.readBinary.rawValue, p1: 0x80 | sfi, p2: UInt8(offset), ne: count))
            } else {
                if !selected {
                    try await card.select(file: file)
                    selected = true
                }
                guard offset <= 0x7FFF else {
                    throw CardCommandError.malformedResponse(.readBinary, "file \(file) is larger than 32767 bytes")
                }
                response = try await card.transmit(
                    CommandAPDU(
                        ins: Instruction.readBinary.rawValue, p1: UInt8(offset >> 8), p2: UInt8(offset & 0xFF),
                        ne: count))
            }
            let sw = response.statusWord
            switch sw.category {
            case .success where sw.isSuccess:
                accepted(usingSFI: useSFI, count: count)
                return (response.data, asked)
            case .warningUnchanged where sw.rawValue == 0x6282:
                accepted(usingSFI: useSFI, count: count)
                return response.data.isEmpty ? nil : (response.data, asked)
            case .wrongLe(let exact):
                count = exact
                continue
            default:
                break
            }
            switch sw.rawValue {
            case 0x6B00:
                return nil
            case 0x6700 where count > 256:
                card.updateCapabilities { $0.extendedLength = .unsupported }
                count = 256
                asked = 256
            case 0x6A86 where useSFI, 0x6981 where useSFI:
                card.updateCapabilities { $0.shortFileIdentifiers = .unsupported }
            default:
                throw CardCommandError(statusWord: sw, instruction: .readBinary)
            }
        }
    }
}
