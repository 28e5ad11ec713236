/// The card-face images of a persona as 1-bit PNGs: digits drawn with a 5×7 font, other text as a
/// glyph-like pattern derived from each character (no font is needed; it only has to be a valid,
/// plausible 1-bit PNG).
enum CardFaceImages {
    /// 5×7 digit glyphs, one row per byte, bit 4 = leftmost column.
    static let digitFont: [[UInt8]] = [
        [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E], [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F], [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02], [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E], [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E], [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
    ]

    /// Digits in 6×12 cells: `count` digits make a `6·count` × 12 image (72×12 for the individual number,
    /// 24×12 for the security code).
    static func digits(_ text: String) -> [UInt8] {
        let values = text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        return PNGWriter.oneBit(width: 6 * max(values.count, 1), height: 12) { x, y in
            let cell = x / 6, column = x % 6, row = y - 2
            guard cell < values.count, column < 5, (0..<7).contains(row) else { return false }
            return digitFont[values[cell]][row] & (0x10 >> UInt8(column)) != 0
        }
    }

    /// A line of text, 16 px per character, clamped to `minimumWidth…maximumWidth`, 32 px high.
    static func text(_ text: String, minimumWidth: Int = 64, maximumWidth: Int) -> [UInt8] {
        let scalars = Array(text.unicodeScalars)
        let width = min(maximumWidth, max(minimumWidth, 16 * scalars.count))
        return PNGWriter.oneBit(width: width, height: 32) { x, y in
            let index = x / 16
            guard index < scalars.count else { return false }
            let scalar = scalars[index].value
            if scalar == 0x3000 || scalar == 0x20 { return false }
            // A 6×6 grid of 2-px cells inside the 16×16 glyph box at rows 8…23, mirrored left-right like
            // a character; which cells are inked comes from a hash of the scalar.
            let gx = (x % 16 - 2) / 2, gy = (y - 10) / 2
            guard (0..<6).contains(gx), (0..<6).contains(gy), x % 16 >= 2, y >= 10 else { return false }
            let column = gx < 3 ? gx : 5 - gx
            var hash = scalar &* 2_654_435_761
            hash ^= hash >> 15
            return (hash >> UInt32(gy * 3 + column)) & 1 == 1
        }
    }
}
