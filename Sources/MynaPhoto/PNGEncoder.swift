/// Writes a ``GreyscaleImage`` as a PNG file: 8-bit greyscale, not interlaced, zlib-compressed.
///
/// Each row gets the PNG filter (None, Sub, Up, Average or Paeth) whose output has the smallest sum of
/// absolute values — the usual heuristic, which suits photographs. The file holds only the signature,
/// IHDR, IDAT and IEND chunks: no text, time or other metadata.
///
/// The result is the face photo in another format: personal data, not to be logged.
public enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The largest IDAT chunk written; bigger data is split over several.
    static let maximumIDATLength = 64 * 1024

    /// The PNG encoding of `image`.
    public static func encode(_ image: GreyscaleImage) -> [UInt8] {
        var header: [UInt8] = []
        header += bigEndian(UInt32(image.width))
        header += bigEndian(UInt32(image.height))
        header += [8, PNGInfo.ColourType.greyscale.rawValue, 0, 0, 0]  // depth, colour, deflate, filters, no interlace

        let compressed = Zlib.compress(filteredRows(image))
        var output = signature
        appendChunk(PNGInfo.ChunkType.header, header, to: &output)
        var start = 0
        repeat {
            let end = min(start + maximumIDATLength, compressed.count)
            appendChunk(PNGInfo.ChunkType.data, Array(compressed[start..<end]), to: &output)
            start = end
        } while start < compressed.count
        appendChunk(PNGInfo.ChunkType.end, [], to: &output)
        return output
    }

    /// The rows, each prefixed by its filter type byte and filtered (PNG specification §7.3, §9).
    static func filteredRows(_ image: GreyscaleImage) -> [UInt8] {
        let width = image.width
        var output: [UInt8] = []
        output.reserveCapacity((width + 1) * image.height)
        var candidates = [[UInt8]](repeating: [UInt8](repeating: 0, count: width), count: 5)
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<image.height {
                let row = y * width
                let previous = row - width  // only read when y > 0
                for x in 0..<width {
                    let value = pixels[row + x]
                    let left = x == 0 ? 0 : pixels[row + x - 1]
                    let above = y == 0 ? 0 : pixels[previous + x]
                    let upperLeft = x == 0 || y == 0 ? 0 : pixels[previous + x - 1]
                    candidates[0][x] = value
                    candidates[1][x] = value &- left
                    candidates[2][x] = value &- above
                    candidates[3][x] = value &- UInt8((Int(left) + Int(above)) / 2)
                    candidates[4][x] = value &- paeth(left, above, upperLeft)
                }
                var best = 0
                var bestCost = Int.max
                for (filter, candidate) in candidates.enumerated() {
                    // Bytes read as signed: small magnitudes compress best.
                    let cost = candidate.reduce(0) { $0 + abs(Int(Int8(bitPattern: $1))) }
                    if cost < bestCost {
                        best = filter
                        bestCost = cost
                    }
                }
                output.append(UInt8(best))
                output += candidates[best]
            }
        }
        return output
    }

    /// The Paeth predictor: whichever of left, above and upper-left is closest to left + above − upper-left.
    @inline(__always)
    static func paeth(_ left: UInt8, _ above: UInt8, _ upperLeft: UInt8) -> UInt8 {
        let estimate = Int(left) + Int(above) - Int(upperLeft)
        let toLeft = abs(estimate - Int(left))
        let toAbove = abs(estimate - Int(above))
        let toUpperLeft = abs(estimate - Int(upperLeft))
        if toLeft <= toAbove, toLeft <= toUpperLeft { return left }
        if toAbove <= toUpperLeft { return above }
        return upperLeft
    }

    private static func appendChunk(_ type: [UInt8], _ data: [UInt8], to output: inout [UInt8]) {
        output += bigEndian(UInt32(data.count))
        output += type
        output += data
        output += bigEndian(Zlib.crc32(type, data))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
