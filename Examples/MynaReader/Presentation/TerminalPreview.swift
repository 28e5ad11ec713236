import MynaPhoto

/// A greyscale image drawn with text, for visual confirmation on a terminal.
///
/// Each character cell shows two pixels with the upper half block "▀": the foreground colour is the
/// upper pixel, the background colour the lower one, so one text line holds two image rows. Terminal
/// cells are about twice as tall as wide, which makes one cell one pixel wide and two tall — square
/// pixels. The image is first resized by area averaging to exactly `columns` pixels wide, keeping its
/// aspect ratio.
///
/// Every line has exactly `columns` cells and ends with a newline; in the colour modes it also ends with
/// an SGR reset (`ESC [0m`), so no colour leaks into later output. The output is deterministic.
///
/// The preview shows the face photo: personal data, for the screen only, never for logs.
///
/// ```swift
/// print(try TerminalPreview.render(photo, columns: 40), terminator: "")
/// ```
enum TerminalPreview {
    /// How grey levels are written. An open set: compare against the static members.
    struct ColourMode: Hashable, Sendable, CustomStringConvertible {
        let rawValue: UInt8
        init(_ rawValue: UInt8) { self.rawValue = rawValue }

        /// The 256-colour palette's greys (the 24-step ramp 232–255 plus black, white and the colour
        /// cube's four greys): works on nearly every terminal.
        static let ansi256Grey = ColourMode(1)
        /// 24-bit colour (`ESC [38;2;v;v;vm`): exact levels on terminals that support it.
        static let trueColour = ColourMode(2)
        /// Plain ASCII, no escape sequences: one character per cell for the mean of its two pixels,
        /// denser for darker (ink on a light background). For pipes and terminals without colour.
        static let ascii = ColourMode(3)

        /// The mode's name.
        var description: String {
            switch self {
            case .ansi256Grey: "ansi256Grey"
            case .trueColour: "trueColour"
            case .ascii: "ascii"
            default: "colourMode(\(rawValue))"
            }
        }
    }

    /// The widest preview accepted, in columns.
    static let maximumColumns = 1000
    /// The upper half block, U+2580.
    static let upperHalfBlock: Character = "\u{2580}"
    /// The ASCII ramp from darkest to lightest.
    static let asciiRamp: [Character] = Array("@%#*+=-:. ")

    static let escape = "\u{1B}["
    static let reset = "\u{1B}[0m"

    /// The image as text, `columns` cells wide.
    ///
    /// - Returns: `⌈h / 2⌉` lines, each ending with `"\n"`, where `h` is the resized height
    ///   `round(height × columns / width)` (at least 1). With an odd `h` the last line's lower halves use
    ///   the terminal's default background.
    /// - Throws: ``PhotoError/Code/invalidArgument`` when `columns` is outside 1...``maximumColumns``.
    static func render(
        _ image: GreyscaleImage, columns: Int, colour: ColourMode = .ansi256Grey
    ) throws(PhotoError) -> String {
        guard (1...maximumColumns).contains(columns) else {
            throw .invalidArgument("\(columns) columns; a preview is 1...\(maximumColumns) columns wide")
        }
        let rows = max(1, min((image.height * columns + image.width / 2) / image.width, GreyscaleImage.maximumResizedDimension))
        let small = try image.resized(width: columns, height: rows)

        var output = ""
        for top in stride(from: 0, to: rows, by: 2) {
            var current: String?
            for x in 0..<columns {
                let upper = small.pixels[top * columns + x]
                let lower: UInt8? = top + 1 < rows ? small.pixels[(top + 1) * columns + x] : nil
                if colour == .ascii {
                    let mean = lower.map { (Int(upper) + Int($0) + 1) / 2 } ?? Int(upper)
                    output.append(asciiRamp[mean * asciiRamp.count / 256])
                    continue
                }
                let parameters = colour == .trueColour
                    ? trueColourParameters(upper, lower) : ansi256Parameters(upper, lower)
                if parameters != current {
                    output += escape + parameters + "m"
                    current = parameters
                }
                output.append(upperHalfBlock)
            }
            if colour != .ascii { output += reset }
            output += "\n"
        }
        return output
    }

    private static func ansi256Parameters(_ upper: UInt8, _ lower: UInt8?) -> String {
        let foreground = "38;5;\(ansi256Index[Int(upper)])"
        guard let lower else { return foreground + ";49" }
        return foreground + ";48;5;\(ansi256Index[Int(lower)])"
    }

    private static func trueColourParameters(_ upper: UInt8, _ lower: UInt8?) -> String {
        let foreground = "38;2;\(upper);\(upper);\(upper)"
        guard let lower else { return foreground + ";49" }
        return foreground + ";48;2;\(lower);\(lower);\(lower)"
    }

    /// For each grey level, the nearest grey in the xterm 256-colour palette.
    static let ansi256Index: [Int] = {
        // (level, palette index): black and white, the cube's greys, and the 24-step ramp.
        var greys: [(level: Int, index: Int)] = [(0, 16), (95, 59), (135, 102), (175, 145), (215, 188), (255, 231)]
        greys += (0..<24).map { (8 + 10 * $0, 232 + $0) }
        greys.sort { $0.level < $1.level }
        return (0...255).map { level in
            var best = greys[0]
            for grey in greys where abs(grey.level - level) < abs(best.level - level) { best = grey }
            return best.index
        }
    }()
}
