extension GreyscaleImage {
    /// The largest width or height ``resized(width:height:)`` produces.
    public static let maximumResizedDimension = 16384

    /// The image scaled to `width × height` by area averaging.
    ///
    /// Each output pixel is the mean of the source area it covers, weighted by exact overlap, so
    /// shrinking keeps the overall tone and enlarging repeats pixels (a box filter). Integer arithmetic
    /// only: the result is the same on every platform.
    ///
    /// - Throws: ``PhotoError/Code/invalidArgument`` when a dimension is outside
    ///   1...``maximumResizedDimension``.
    public func resized(width newWidth: Int, height newHeight: Int) throws(PhotoError) -> GreyscaleImage {
        let range = 1...Self.maximumResizedDimension
        guard range.contains(newWidth), range.contains(newHeight) else {
            throw .invalidArgument("cannot resize to \(newWidth)×\(newHeight); each side must be in \(range)")
        }
        if newWidth == width, newHeight == height { return self }
        let columns = Self.areaWeights(from: width, to: newWidth)
        let rows = Self.areaWeights(from: height, to: newHeight)

        // Horizontal pass: each sum carries a total weight of `width`.
        var horizontal = [Int](repeating: 0, count: height * newWidth)
        for y in 0..<height {
            let source = y * width
            for (x, taps) in columns.enumerated() {
                var sum = 0
                for tap in taps { sum += tap.weight * Int(pixels[source + tap.index]) }
                horizontal[y * newWidth + x] = sum
            }
        }
        // Vertical pass: total weight `width × height`, the pixel count, so the sums cannot overflow.
        let divisor = width * height
        var output = [UInt8](repeating: 0, count: newWidth * newHeight)
        for (y, taps) in rows.enumerated() {
            for x in 0..<newWidth {
                var sum = 0
                for tap in taps { sum += tap.weight * horizontal[tap.index * newWidth + x] }
                output[y * newWidth + x] = UInt8((sum + divisor / 2) / divisor)
            }
        }
        return GreyscaleImage(uncheckedWidth: newWidth, height: newHeight, pixels: output)
    }

    /// For each of `destination` output samples, the source samples it overlaps and by how much.
    ///
    /// On a common grid where a source sample is `destination` units long and an output sample `source`
    /// units, output `o` covers `[o·source, (o+1)·source)`; the weights of one output sum to `source`.
    static func areaWeights(from source: Int, to destination: Int) -> [[(index: Int, weight: Int)]] {
        (0..<destination).map { output in
            let start = output * source
            let end = start + source
            return (start / destination...((end - 1) / destination)).map { index in
                let overlap = min(end, (index + 1) * destination) - max(start, index * destination)
                return (index, overlap)
            }
        }
    }
}
