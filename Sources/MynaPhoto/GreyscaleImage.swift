/// An 8-bit greyscale image: the face photo as the card stores it (monochrome).
///
/// Pixels are row-major, top row first, one byte each, 0 = black and 255 = white.
///
/// A face photo is personal data. ``description`` and the reflection mirror show only the dimensions,
/// so printing, `dump`ing or logging an image never leaks its pixels.
public struct GreyscaleImage: Hashable, Sendable {
    /// The width in pixels, at least 1.
    public let width: Int
    /// The height in pixels, at least 1.
    public let height: Int
    /// `width × height` samples, row-major, top row first.
    public let pixels: [UInt8]

    /// The largest width or height: 2³¹ − 1, the most a PNG header can state.
    public static let maximumDimension = Int(Int32.max)

    /// Creates an image from row-major pixels.
    ///
    /// - Throws: ``PhotoError/Code/invalidImage`` when a dimension is outside 1...``maximumDimension`` or
    ///   `pixels.count` is not `width × height`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(PhotoError) {
        guard width >= 1, height >= 1, width <= Self.maximumDimension, height <= Self.maximumDimension else {
            throw .invalidImage("dimensions must be 1...\(Self.maximumDimension), got \(width)×\(height)")
        }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels.count == count else {
            throw .invalidImage("\(width)×\(height) needs \(width)×\(height) pixels, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// For callers that have already established `pixels.count == width * height`, both ≥ 1.
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        assert(width >= 1 && height >= 1 && width <= Self.maximumDimension && height <= Self.maximumDimension)
        assert(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The sample at column `x`, row `y`, or `nil` outside the image.
    @inlinable
    public func pixel(x: Int, y: Int) -> UInt8? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        return pixels[y * width + x]
    }
}

extension GreyscaleImage: CustomStringConvertible, CustomReflectable {
    /// The dimensions only; pixels are personal data.
    public var description: String { "GreyscaleImage(\(width)×\(height))" }

    /// A mirror with the dimensions only, so `dump` does not print the photo.
    public var customMirror: Mirror {
        Mirror(self, children: ["width": width, "height": height], displayStyle: .struct)
    }
}
