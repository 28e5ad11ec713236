/// The header of a PNG file, read after checking the file's chunk structure.
///
/// Used to validate PNG images from the card — the name and address images (1-bit greyscale) and the
/// security-code image (24×12) — before they are shown, and by tests. ``read(_:)`` checks the signature,
/// that every chunk lies inside the data with a correct CRC-32, that IHDR comes first with a legal
/// combination of fields, that PLTE and IDAT appear where the specification requires, and that IEND ends
/// the file. It does not inflate the image data.
public struct PNGInfo: Hashable, Sendable {
    /// A PNG colour type. An open set: compare against the static members.
    public struct ColourType: Hashable, Sendable, CustomStringConvertible {
        /// The value in the IHDR chunk.
        public let rawValue: UInt8

        /// Creates a colour type from its IHDR value.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Greyscale (0): 1, 2, 4, 8 or 16 bits.
        public static let greyscale = ColourType(rawValue: 0)
        /// RGB (2): 8 or 16 bits per channel.
        public static let truecolour = ColourType(rawValue: 2)
        /// Palette indices (3): 1, 2, 4 or 8 bits.
        public static let indexed = ColourType(rawValue: 3)
        /// Greyscale with alpha (4): 8 or 16 bits per channel.
        public static let greyscaleAlpha = ColourType(rawValue: 4)
        /// RGB with alpha (6): 8 or 16 bits per channel.
        public static let truecolourAlpha = ColourType(rawValue: 6)

        /// The bit depths the PNG specification allows with this colour type; empty for an unknown type.
        public var allowedBitDepths: [Int] {
            switch self {
            case .greyscale: [1, 2, 4, 8, 16]
            case .indexed: [1, 2, 4, 8]
            case .truecolour, .greyscaleAlpha, .truecolourAlpha: [8, 16]
            default: []
            }
        }

        /// The colour type's name.
        public var description: String {
            switch self {
            case .greyscale: "greyscale"
            case .truecolour: "truecolour"
            case .indexed: "indexed"
            case .greyscaleAlpha: "greyscaleAlpha"
            case .truecolourAlpha: "truecolourAlpha"
            default: "colourType(\(rawValue))"
            }
        }
    }

    /// The width in pixels, 1...2³¹ − 1.
    public let width: Int
    /// The height in pixels, 1...2³¹ − 1.
    public let height: Int
    /// Bits per sample (per palette index for ``ColourType/indexed``).
    public let bitDepth: Int
    /// How samples make up a pixel.
    public let colourType: ColourType
    /// Whether the image data uses Adam7 interlacing.
    public let isInterlaced: Bool

    /// Creates a header value.
    public init(width: Int, height: Int, bitDepth: Int, colourType: ColourType, isInterlaced: Bool) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colourType = colourType
        self.isInterlaced = isInterlaced
    }

    /// Chunk types, as their four ASCII bytes.
    enum ChunkType {
        static let header = Array("IHDR".utf8)
        static let palette = Array("PLTE".utf8)
        static let data = Array("IDAT".utf8)
        static let end = Array("IEND".utf8)
    }

    /// Reads and checks a complete PNG file.
    ///
    /// - Throws: ``PhotoError/Code/invalidPNG``, or ``PhotoError/Code/empty`` for no bytes.
    public static func read(_ bytes: some Collection<UInt8>) throws(PhotoError) -> PNGInfo {
        let data = Array(bytes)
        guard !data.isEmpty else { throw .empty() }
        guard data.starts(with: PNGEncoder.signature) else { throw .invalidPNG("no PNG signature") }

        var cursor = BigEndianCursor(data, from: PNGEncoder.signature.count)
        var info: PNGInfo?
        var sawPalette = false
        var dataState = 0  // 0 before IDAT, 1 inside the IDAT run, 2 after it
        while true {
            let chunk: (type: [UInt8], body: Range<Int>)
            do {
                chunk = try readChunk(&cursor)
            } catch {
                throw .invalidPNG(error.reason)
            }
            let type = chunk.type
            let body = data[chunk.body]

            if info == nil {
                guard type == ChunkType.header else { throw .invalidPNG("the first chunk is not IHDR") }
                info = try header(body)
                continue
            }
            guard let header = info else { throw .invalidPNG("no IHDR") }
            if dataState == 1, type != ChunkType.data { dataState = 2 }
            switch type {
            case ChunkType.header:
                throw .invalidPNG("a second IHDR chunk")
            case ChunkType.palette:
                guard !sawPalette, dataState == 0 else { throw .invalidPNG("PLTE repeated or after IDAT") }
                guard header.colourType != .greyscale, header.colourType != .greyscaleAlpha else {
                    throw .invalidPNG("PLTE in a greyscale image")
                }
                guard !body.isEmpty, body.count % 3 == 0, body.count / 3 <= 256 else {
                    throw .invalidPNG("PLTE holds \(body.count) bytes")
                }
                sawPalette = true
            case ChunkType.data:
                guard dataState != 2 else { throw .invalidPNG("IDAT chunks are not consecutive") }
                guard header.colourType != .indexed || sawPalette else {
                    throw .invalidPNG("an indexed image without PLTE")
                }
                dataState = 1
            case ChunkType.end:
                guard body.isEmpty else { throw .invalidPNG("IEND holds data") }
                guard dataState != 0 else { throw .invalidPNG("no IDAT chunk") }
                guard cursor.isAtEnd else { throw .invalidPNG("\(cursor.remaining) bytes follow IEND") }
                return header
            default:
                // Bit 5 of the first byte clear: critical, so a decoder that does not know it must stop.
                guard type[0] & 0x20 != 0 else {
                    throw .invalidPNG("unknown critical chunk \(String(decoding: type, as: UTF8.self))")
                }
            }
        }
    }

    /// Reads one chunk: length, type, data and CRC, checking the CRC.
    private static func readChunk(_ cursor: inout BigEndianCursor) throws(PhotoError) -> (type: [UInt8], body: Range<Int>) {
        let length = try cursor.uint32("chunk length")
        guard length <= UInt32(Int32.max) else { throw .invalidPNG("a chunk length above 2³¹ − 1") }
        let typeStart = cursor.offset
        try cursor.skip(4, "chunk type")
        let type = Array(cursor.bytes[typeStart..<cursor.offset])
        guard type.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
            throw .invalidPNG("a chunk type is not four ASCII letters")
        }
        let bodyStart = cursor.offset
        try cursor.skip(Int(length), "chunk data")
        let body = bodyStart..<cursor.offset
        let stored = try cursor.uint32("chunk CRC")
        guard stored == Zlib.crc32(type, Array(cursor.bytes[body])) else {
            throw .invalidPNG("CRC mismatch in chunk \(String(decoding: type, as: UTF8.self))")
        }
        return (type, body)
    }

    /// Parses and checks the 13 bytes of IHDR.
    private static func header(_ body: ArraySlice<UInt8>) throws(PhotoError) -> PNGInfo {
        guard body.count == 13 else { throw .invalidPNG("IHDR holds \(body.count) bytes, not 13") }
        let fields = Array(body)
        let width = fields[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = fields[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let bitDepth = Int(fields[8])
        let colourType = ColourType(rawValue: fields[9])
        guard (1...Int(Int32.max)).contains(width), (1...Int(Int32.max)).contains(height) else {
            throw .invalidPNG("IHDR declares \(width)×\(height)")
        }
        guard colourType.allowedBitDepths.contains(bitDepth) else {
            throw .invalidPNG("bit depth \(bitDepth) is not allowed with \(colourType)")
        }
        guard fields[10] == 0, fields[11] == 0 else { throw .invalidPNG("unknown compression or filter method") }
        guard fields[12] <= 1 else { throw .invalidPNG("unknown interlace method \(fields[12])") }
        return PNGInfo(width: width, height: height, bitDepth: bitDepth, colourType: colourType, isInterlaced: fields[12] == 1)
    }
}
