import MynaCodec
import MynaTransport

/// Reads one EF in as few READ BINARY commands as the card allows; see ``ISO7816Card/readFile(_:layout:)``.
struct FileReader {
    let card: ISO7816Card
    let file: FileIdentifier
    let layout: ISO7816Card.FileLayout
    var selected = false
    var data: [UInt8] = []

    init(card: ISO7816Card, file: FileIdentifier, layout: ISO7816Card.FileLayout) {
        self.card = card
        self.file = file
        self.layout = layout
    }

    /// The largest Ne to ask for now.
    private var chunkLimit: Int {
        card.capabilities.extendedLength == .unsupported ? 256 : 65536
    }

    mutating func read() async throws -> [UInt8] {
        var total: Int? = nil
        if case .fixedLength(let n) = layout { total = n }
        if total == 0 { return [] }
        while true {
            let wanted = min(chunkLimit, total.map { $0 - data.count } ?? chunkLimit)
            guard let chunk = try await readChunk(offset: data.count, count: wanted) else {
                break  // end of file
            }
            data.append(contentsOf: chunk)
            if case .berTLV = layout, total == nil {
                if let header = try BERTLV.header(of: data[...]) {
                    total = header.headerLength + header.valueLength
                } else if chunk.count < wanted {
                    throw CardCommandError.malformedResponse(.readBinary, "file \(file) ends inside its TLV header")
                }
            }
            if let total, data.count >= total { break }
            if chunk.isEmpty { break }
            if total == nil && chunk.count < wanted { break }  // whole file: a short chunk is the last one
            if data.count > 0x7FFF { break }
        }
        if case .berTLV = layout, total == nil {
            throw CardCommandError.malformedResponse(.readBinary, "file \(file) holds no BER-TLV data object")
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
            card.updateCapabilities { $0.shortFileIdentifiers = .supported }
        }
        if count > 256 { card.updateCapabilities { $0.extendedLength = .supported } }
    }

    /// One READ BINARY, with the fallbacks; `nil` at the end of the file (`6B00`, or `6282` with no data).
    private mutating func readChunk(offset: Int, count: Int) async throws -> [UInt8]? {
        var count = count
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
                return response.data
            case .warningUnchanged where sw.rawValue == 0x6282:
                accepted(usingSFI: useSFI, count: count)
                return response.data.isEmpty ? nil : response.data
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
            case 0x6A86 where useSFI, 0x6981 where useSFI:
                card.updateCapabilities { $0.shortFileIdentifiers = .unsupported }
            default:
                throw CardCommandError(statusWord: sw, instruction: .readBinary)
            }
        }
    }
}
