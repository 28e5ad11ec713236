import MynaPhoto
import MynaPhotoTestSupport
import Testing
@testable import MynaReaderExample

@Suite("Terminal preview")
struct TerminalPreviewTests {
    let tiny: GreyscaleImage

    init() throws {
        tiny = try GreyscaleImage(width: 2, height: 2, pixels: [0, 255, 128, 64])
    }

    @Test("A 2×2 image in true colour, byte for byte")
    func trueColourExact() throws {
        let text = try TerminalPreview.render(tiny, columns: 2, colour: .trueColour)
        #expect(text == "\u{1B}[38;2;0;0;0;48;2;128;128;128m▀\u{1B}[38;2;255;255;255;48;2;64;64;64m▀\u{1B}[0m\n")
    }

    @Test("A 2×2 image in the 256-colour greys, byte for byte")
    func ansi256Exact() throws {
        let text = try TerminalPreview.render(tiny, columns: 2, colour: .ansi256Grey)
        // 0 → 16 (black), 128 → 244 (ramp 128), 255 → 231 (white), 64 → 237 (ramp 58) or 238 (ramp 68)?
        // 64 is 6 from 58 and 4 from 68, so 238.
        #expect(text == "\u{1B}[38;5;16;48;5;244m▀\u{1B}[38;5;231;48;5;238m▀\u{1B}[0m\n")
    }

    @Test("A 2×2 image in ASCII, byte for byte")
    func asciiExact() throws {
        // Cell means: (0 + 128 + 1) / 2 = 64 → ramp index 2 "#"; (255 + 64 + 1) / 2 = 160 → index 6 "-".
        #expect(try TerminalPreview.render(tiny, columns: 2, colour: .ascii) == "#-\n")
    }

    @Test("Runs of one colour pair share one escape sequence")
    func runs() throws {
        let flat = try GreyscaleImage(width: 4, height: 2, pixels: [100, 100, 100, 100, 100, 100, 100, 100])
        let text = try TerminalPreview.render(flat, columns: 4, colour: .ansi256Grey)
        #expect(text == "\u{1B}[38;5;241;48;5;241m▀▀▀▀\u{1B}[0m\n")
    }

    @Test("An odd number of rows leaves the last lower halves on the default background")
    func oddRows() throws {
        let image = try GreyscaleImage(width: 1, height: 3, pixels: [0, 0, 255])
        let text = try TerminalPreview.render(image, columns: 1, colour: .trueColour)
        #expect(text == "\u{1B}[38;2;0;0;0;48;2;0;0;0m▀\u{1B}[0m\n\u{1B}[38;2;255;255;255;49m▀\u{1B}[0m\n")
    }

    @Test("Line count and width follow the aspect ratio", arguments: [
        (ColourMode.ansi256Grey, 40), (.trueColour, 40), (.ascii, 40), (.ansi256Grey, 1), (.trueColour, 90),
        (.ascii, 200),
    ])
    func dimensions(mode: TerminalPreview.ColourMode, columns: Int) throws {
        let photo = try JPEG2000Decoder.decode(Fixture.bytes("card-photo.jp2"))
        let text = try TerminalPreview.render(photo, columns: columns, colour: mode)
        let pixelRows = max(1, (110 * columns + 45) / 90)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(text.hasSuffix("\n"))
        #expect(lines.count - 1 == (pixelRows + 1) / 2)
        for line in lines.dropLast() {
            if mode == .ascii {
                #expect(line.count == columns)
                #expect(line.allSatisfy { TerminalPreview.asciiRamp.contains($0) })
            } else {
                #expect(line.filter { $0 == "▀" }.count == columns)
                #expect(line.hasPrefix("\u{1B}[38;"))
                #expect(line.hasSuffix("\u{1B}[0m"))
                // Apart from the half blocks, only SGR sequences.
                let stripped = line.replacing(#/\x1B\[[0-9;]*m/#, with: "")
                #expect(stripped == String(repeating: "▀", count: columns))
            }
        }
        #expect(try TerminalPreview.render(photo, columns: columns, colour: mode) == text)
    }

    @Test("The photo's flat block and dark dots show through")
    func content() throws {
        let photo = try JPEG2000Decoder.decode(Fixture.bytes("card-photo-lossless.j2k"))
        // 90 columns: no resampling horizontally or vertically, so cells map to pixels exactly.
        let text = try TerminalPreview.render(photo, columns: 90, colour: .trueColour)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 55)
        // Rows 100 and 101 are in the flat 77 block from x = 10 to 79.
        #expect(lines[50].contains("\u{1B}[38;2;77;77;77;48;2;77;77;77m" + String(repeating: "▀", count: 70)))
        let ascii = try TerminalPreview.render(photo, columns: 90, colour: .ascii).split(separator: "\n")
        let row = Array(ascii[20])  // image rows 40 and 41 cross both dots (value 30) at x = 37 and 53
        #expect(row[37] == "%" && row[53] == "%")  // 30 × 10 / 256 → ramp index 1
        #expect(row[45] == "-")  // the face between them, 169 → ramp index 6
    }

    @Test("Bad arguments are typed errors", arguments: [0, -3, 1001])
    func badColumns(columns: Int) throws {
        #expect(throws: PhotoError.invalidArgument("")) { try TerminalPreview.render(tiny, columns: columns) }
    }

    @Test("The palette table maps black, white and the ramp as expected")
    func paletteTable() {
        #expect(TerminalPreview.ansi256Index[0] == 16)
        #expect(TerminalPreview.ansi256Index[255] == 231)
        #expect(TerminalPreview.ansi256Index[8] == 232)
        #expect(TerminalPreview.ansi256Index[238] == 255)
        #expect(TerminalPreview.ansi256Index[95] == 59)
        #expect(TerminalPreview.ansi256Index.allSatisfy { (16...255).contains($0) })
    }
}

typealias ColourMode = TerminalPreview.ColourMode
