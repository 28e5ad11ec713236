import Testing
@testable import MynaPhoto

/// Area-average resizing, which the example's terminal preview draws with.
@Suite("Greyscale image resizing")
struct GreyscaleImageResizingTests {
    let tiny: GreyscaleImage

    init() throws {
        tiny = try GreyscaleImage(width: 2, height: 2, pixels: [0, 255, 128, 64])
    }

    @Test("Resizing averages areas exactly")
    func resizing() throws {
        let image = try GreyscaleImage(width: 4, height: 2, pixels: [0, 100, 200, 255, 10, 20, 30, 40])
        #expect(try image.resized(width: 2, height: 1).pixels == [33, 131])  // (0+100+10+20)/4, (200+255+30+40)/4
        #expect(try image.resized(width: 1, height: 1).pixels == [82])  // 655 / 8 = 81.9
        #expect(try image.resized(width: 8, height: 2).pixels == [0, 0, 100, 100, 200, 200, 255, 255,
                                                                   10, 10, 20, 20, 30, 30, 40, 40])
        #expect(try image.resized(width: 4, height: 2) == image)
        // Three into two: the middle pixel is split evenly.
        let three = try GreyscaleImage(width: 3, height: 1, pixels: [0, 90, 180])
        #expect(try three.resized(width: 2, height: 1).pixels == [30, 150])
        let weights = GreyscaleImage.areaWeights(from: 3, to: 2)
        #expect(weights.map { $0.map(\.index) } == [[0, 1], [1, 2]])
        #expect(weights.map { $0.map(\.weight) } == [[2, 1], [1, 2]])
    }

    @Test("Bad resize dimensions are typed errors", arguments: [(0, 1), (1, 0), (-1, 5), (16385, 1), (1, 16385)])
    func badResize(width: Int, height: Int) throws {
        #expect(throws: PhotoError.invalidArgument("")) { try tiny.resized(width: width, height: height) }
    }
}
