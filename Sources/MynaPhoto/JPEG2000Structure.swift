/// What a structural walk of a JPEG 2000 input established before OpenJPEG is given the bytes.
///
/// The walk checks, with bounds-checked reads only, what OpenJPEG would otherwise discover late or not
/// at all: the JP2 boxes are complete, the codestream's SIZ stays within the decoder's limits (so no
/// huge allocation is attempted), and every tile-part is present up to a final EOC marker (so a cut-off
/// file is an error, never a partially decoded picture).
struct JPEG2000Structure: Sendable {
    /// The container around the codestream.
    enum Format: Sendable {
        /// A JP2 file (ISO/IEC 15444-1 Annex I): signature, file type and header boxes, then `jp2c`.
        case jp2
        /// A bare codestream starting with SOC, SIZ.
        case codestream
    }

    /// One image component as declared in SIZ.
    struct Component: Sendable, Hashable {
        /// Bits per sample, 1...38 by the standard.
        var precision: Int
        /// Whether samples are signed.
        var isSigned: Bool
        /// Horizontal subsampling factor, at least 1.
        var dx: Int
        /// Vertical subsampling factor, at least 1.
        var dy: Int
    }

    var format: Format
    /// The image width on the reference grid (Xsiz − XOsiz).
    var width: Int
    /// The image height on the reference grid (Ysiz − YOsiz).
    var height: Int
    var components: [Component]
    var tileCount: Int
    /// Where the codestream lies in the input.
    var codestream: Range<Int>

    static let jp2Signature: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]
    static let codestreamStart: [UInt8] = [0xFF, 0x4F, 0xFF, 0x51]

    // Box types (four ASCII characters as a big-endian integer).
    static let boxHeader: UInt32 = 0x6A70_3268  // 'jp2h'
    static let boxImageHeader: UInt32 = 0x6968_6472  // 'ihdr'
    static let boxCodestream: UInt32 = 0x6A70_3263  // 'jp2c'

    // Codestream markers.
    static let markerSOC: UInt16 = 0xFF4F
    static let markerSIZ: UInt16 = 0xFF51
    static let markerSOT: UInt16 = 0xFF90
    static let markerSOD: UInt16 = 0xFF93
    static let markerEOC: UInt16 = 0xFFD9

    /// The largest component count accepted: grey, grey + alpha, RGB, RGB + alpha.
    static let maximumComponents = 4
    /// The deepest samples accepted, in bits.
    static let maximumPrecision = 16

    /// Identifies the container from the first bytes.
    ///
    /// - Throws: ``PhotoError/Code/empty``, ``PhotoError/Code/truncated`` when the input is a proper prefix
    ///   of a signature, ``PhotoError/Code/unrecognizedFormat`` otherwise.
    static func format(of bytes: [UInt8]) throws(PhotoError) -> Format {
        guard !bytes.isEmpty else { throw .empty() }
        if bytes.starts(with: jp2Signature) { return .jp2 }
        if bytes.starts(with: codestreamStart) { return .codestream }
        if bytes.count < jp2Signature.count, jp2Signature.starts(with: bytes) {
            throw .truncated("the data ends inside the JP2 signature box")
        }
        if bytes.count < codestreamStart.count, codestreamStart.starts(with: bytes) {
            throw .truncated("the data ends inside the SOC and SIZ markers")
        }
        throw .unrecognizedFormat("neither a JP2 signature box nor a JPEG 2000 codestream (SOC, SIZ)")
    }

    /// Walks `bytes` and checks them against `limits`.
    static func parse(_ bytes: [UInt8], limits: JPEG2000Decoder.Limits) throws(PhotoError) -> JPEG2000Structure {
        switch try format(of: bytes) {
        case .codestream:
            return try parseCodestream(bytes, in: 0..<bytes.count, format: .codestream, limits: limits)
        case .jp2:
            let boxes = try JP2Boxes.parse(bytes, limits: limits)
            let structure = try parseCodestream(bytes, in: boxes.codestream, format: .jp2, limits: limits)
            if let header = boxes.imageHeader {
                guard header.width == structure.width, header.height == structure.height,
                    header.componentCount == structure.components.count
                else {
                    throw .malformed("the JP2 image header box disagrees with the codestream's SIZ marker")
                }
            }
            return structure
        }
    }

    private static func parseCodestream(
        _ bytes: [UInt8], in range: Range<Int>, format: Format, limits: JPEG2000Decoder.Limits
    ) throws(PhotoError) -> JPEG2000Structure {
        var cursor = BigEndianCursor(bytes, from: range.lowerBound, to: range.upperBound)
        guard try cursor.uint16("SOC marker") == markerSOC else {
            throw .malformed("the codestream does not start with SOC (FF4F)")
        }
        guard try cursor.uint16("SIZ marker") == markerSIZ else {
            throw .malformed("SIZ (FF51) does not follow SOC")
        }
        let sizLength = Int(try cursor.uint16("SIZ length"))
        try cursor.skip(2, "SIZ Rsiz")
        let xsiz = Int(try cursor.uint32("SIZ Xsiz"))
        let ysiz = Int(try cursor.uint32("SIZ Ysiz"))
        let xosiz = Int(try cursor.uint32("SIZ XOsiz"))
        let yosiz = Int(try cursor.uint32("SIZ YOsiz"))
        let xtsiz = Int(try cursor.uint32("SIZ XTsiz"))
        let ytsiz = Int(try cursor.uint32("SIZ YTsiz"))
        let xtosiz = Int(try cursor.uint32("SIZ XTOsiz"))
        let ytosiz = Int(try cursor.uint32("SIZ YTOsiz"))
        let componentCount = Int(try cursor.uint16("SIZ Csiz"))

        guard componentCount >= 1 else { throw .malformed("SIZ declares no components") }
        guard sizLength == 38 + 3 * componentCount else {
            throw .malformed("SIZ length \(sizLength) does not match \(componentCount) components")
        }
        guard xsiz > xosiz, ysiz > yosiz else { throw .malformed("SIZ declares an empty image area") }
        let width = xsiz - xosiz
        let height = ysiz - yosiz
        guard width <= limits.maximumWidth, height <= limits.maximumHeight else {
            throw .dimensionsTooLarge(
                "SIZ declares \(width)×\(height), the limit is \(limits.maximumWidth)×\(limits.maximumHeight)")
        }
        guard xtsiz >= 1, ytsiz >= 1 else { throw .malformed("SIZ declares a zero tile size") }
        guard xtosiz <= xosiz, ytosiz <= yosiz, xtosiz + xtsiz > xosiz, ytosiz + ytsiz > yosiz else {
            throw .malformed("SIZ tile grid offset does not cover the image origin")
        }
        let tilesAcross = (xsiz - xtosiz + xtsiz - 1) / xtsiz
        let tilesDown = (ysiz - ytosiz + ytsiz - 1) / ytsiz
        // Each factor is at most 2^33, so the product can exceed Int.max when the limits are widened.
        let (tileCount, tileOverflow) = tilesAcross.multipliedReportingOverflow(by: tilesDown)
        guard !tileOverflow, tileCount <= limits.maximumTileCount else {
            throw .tooManyTiles(
                "SIZ declares \(tilesAcross) × \(tilesDown) tiles, the limit is \(limits.maximumTileCount)")
        }
        guard componentCount <= maximumComponents else {
            throw .unsupported("\(componentCount) components; at most \(maximumComponents) are supported")
        }
        var components: [Component] = []
        for index in 0..<componentCount {
            let ssiz = try cursor.uint8("SIZ Ssiz of component \(index)")
            let dx = Int(try cursor.uint8("SIZ XRsiz of component \(index)"))
            let dy = Int(try cursor.uint8("SIZ YRsiz of component \(index)"))
            let precision = Int(ssiz & 0x7F) + 1
            guard precision <= 38 else { throw .malformed("component \(index) declares \(precision)-bit samples") }
            guard precision <= maximumPrecision else {
                throw .unsupported("component \(index) has \(precision)-bit samples; at most \(maximumPrecision)")
            }
            guard dx >= 1, dy >= 1 else { throw .malformed("component \(index) has a zero subsampling factor") }
            components.append(Component(precision: precision, isSigned: ssiz & 0x80 != 0, dx: dx, dy: dy))
        }
        // Every component is decoded at its own resolution: ceil(width / dx) × ceil(height / dy) samples.
        var sampleCount = 0
        for component in components {
            let across = (width + component.dx - 1) / component.dx
            let down = (height + component.dy - 1) / component.dy
            let (samples, overflow) = across.multipliedReportingOverflow(by: down)
            let (total, totalOverflow) = sampleCount.addingReportingOverflow(samples)
            guard !overflow, !totalOverflow, total <= limits.maximumSampleCount else {
                throw .dimensionsTooLarge(
                    "SIZ declares more than \(limits.maximumSampleCount) samples (\(width)×\(height), "
                        + "\(componentCount) components)")
            }
            sampleCount = total
        }

        try walkMainHeader(&cursor)
        try walkTileParts(&cursor, tileCount: tileCount)
        return JPEG2000Structure(
            format: format, width: width, height: height, components: components, tileCount: tileCount,
            codestream: range)
    }

    /// Skips the main header's marker segments up to the first SOT.
    private static func walkMainHeader(_ cursor: inout BigEndianCursor) throws(PhotoError) {
        while true {
            guard let marker = cursor.peekUInt16() else {
                throw .truncated("the main header ends before the first tile-part")
            }
            guard marker & 0xFF00 == 0xFF00, marker != 0xFFFF else {
                throw .malformed("the main header holds a byte sequence that is not a marker")
            }
            switch marker {
            case markerSOT:
                return
            case markerEOC:
                throw .malformed("the codestream ends (EOC) before any tile-part")
            case markerSOD, markerSOC, markerSIZ:
                throw .malformed(String(marker, radix: 16, uppercase: true) + " is not allowed in the main header")
            default:
                try cursor.skip(2, "marker")
                let length = Int(try cursor.uint16("marker segment length"))
                guard length >= 2 else { throw .malformed("a marker segment declares length \(length)") }
                try cursor.skip(length - 2, "marker segment")
            }
        }
    }

    /// Follows the tile-parts by their declared lengths (Psot) to EOC, which must be the last two bytes.
    private static func walkTileParts(_ cursor: inout BigEndianCursor, tileCount: Int) throws(PhotoError) {
        // Keyed by tile: what is kept grows with the data, never with the declared tile count (which the
        // caller's limits may allow to be huge).
        var partsSeen: [Int: Int] = [:]
        var partsDeclared: [Int: Int] = [:]
        let eocOffset = cursor.end - 2
        while true {
            let start = cursor.offset
            let marker = try cursor.uint16("SOT or EOC marker")
            if marker == markerEOC {
                guard cursor.isAtEnd else { throw .malformed("\(cursor.remaining) bytes follow the EOC marker") }
                break
            }
            guard marker == markerSOT else { throw .malformed("a tile-part does not start with SOT (FF90)") }
            guard try cursor.uint16("SOT length") == 10 else { throw .malformed("SOT length is not 10") }
            let tile = Int(try cursor.uint16("SOT Isot"))
            let length = Int(try cursor.uint32("SOT Psot"))
            _ = try cursor.uint8("SOT TPsot")
            let declaredParts = Int(try cursor.uint8("SOT TNsot"))
            guard tile < tileCount else { throw .malformed("tile-part for tile \(tile) of \(tileCount)") }
            partsSeen[tile, default: 0] += 1
            if declaredParts != 0 { partsDeclared[tile] = declaredParts }

            let next: Int
            if length == 0 {
                // Psot 0: the last tile-part, running to EOC.
                next = eocOffset
            } else {
                guard length >= 14 else { throw .malformed("a tile-part declares \(length) bytes") }
                next = start + length
            }
            guard eocOffset >= start + 14, next <= eocOffset else {
                throw .truncated("a tile-part of tile \(tile) runs past the end of the data")
            }
            cursor = BigEndianCursor(cursor.bytes, from: next, to: cursor.end)
            if length == 0 {
                guard cursor.peekUInt16() == markerEOC else {
                    throw .truncated("the codestream does not end with EOC (FFD9)")
                }
            }
        }
        // Every key is below tileCount, so as many keys as tiles means every tile has a tile-part.
        guard partsSeen.count == tileCount else {
            throw .truncated("only \(partsSeen.count) of \(tileCount) tiles have tile-parts")
        }
        for (tile, declared) in partsDeclared.sorted(by: { $0.key < $1.key }) {
            let seen = partsSeen[tile, default: 0]
            guard seen == declared else { throw .truncated("tile \(tile) has \(seen) of \(declared) tile-parts") }
        }
    }
}
