import Crypto
import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import Testing

@testable import MynaSimulator

@Suite("File layouts (Documentation/card-formats.md)")
struct FileLayoutTests {
    let card: SimulatedCard
    let persona = Persona.standard

    init() throws {
        card = try SimulatedCard(persona: .standard)
    }

    @Test("Text 0001 is exactly 17 bytes: FF 10 0C + 12 digits + FF FF")
    func individualNumberFile() throws {
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(APDU.verify("1234", p2: 0x91)).sw == 0x9000)
        let answer = try card.readWhole(CardInfoInputSupportFile.individualNumber)
        #expect(answer.sw == 0x9000)
        #expect(answer.data == [0xFF, 0x10, 0x0C] + Array("901234567893".utf8) + [0xFF, 0xFF])
    }

    @Test("Text 0002: FF20, DF21 with one u16 offset per object (from file start), FF filler to 1024")
    func basicAttributes() throws {
        try card.open(.cardInfoInputSupport)
        #expect(try card.send(APDU.verify(persona.pinB, p2: 0x95)).sw == 0x9000)
        let answer = try card.readWhole(CardInfoInputSupportFile.basicAttributes)
        #expect(answer.data.count == 1024)
        let (outer, children) = try FlatTLV.file(answer.data)
        #expect(outer.tag == 0xFF20)
        #expect(answer.data[outer.encoded.endIndex...].allSatisfy { $0 == 0xFF })
        #expect(children.map(\.tag) == [0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25])
        let table = Array(children[0].value)
        #expect(table.count == 8)
        for (index, object) in children.dropFirst().enumerated() {
            let offset = Int(table[2 * index]) << 8 | Int(table[2 * index + 1])
            #expect(offset == object.offset)
        }
        #expect(String(decoding: children[1].value, as: UTF8.self) == "見本\u{3000}花子")
        #expect(String(decoding: children[2].value, as: UTF8.self) == "東京都千代田区見本町１２－３４－５６")
        #expect(Array(children[3].value) == Array("19850723".utf8))
        #expect(Array(children[4].value) == Array("2".utf8))
    }

    @Test("Surface 0002: nine offsets, DF22…DF2A in order, 82-form outer length, 8192 bytes")
    func cardFace() throws {
        try card.open(.cardFaceConfirmation)
        #expect(try card.send(APDU.verify(persona.pinA, p2: 0x93)).sw == 0x9000)
        let answer = try card.readWhole(CardFaceConfirmationFile.cardFace)
        #expect(answer.data.count == 8192)
        #expect(Array(answer.data.prefix(3)) == [0xFF, 0x20, 0x82])
        let (outer, children) = try FlatTLV.file(answer.data)
        #expect(answer.data[outer.encoded.endIndex...].allSatisfy { $0 == 0xFF })
        #expect(children.map(\.tag) == [0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF28, 0xDF29, 0xDF2A])
        let table = Array(children[0].value)
        #expect(table.count == 18)
        for (index, object) in children.dropFirst().enumerated() {
            #expect(Int(table[2 * index]) << 8 | Int(table[2 * index + 1]) == object.offset)
        }
        #expect(Array(children[1].value) == Array("19850723".utf8))
        #expect(Array(children[8].value) == Array("20340723".utf8))
        let photo = Array(children[6].value)
        #expect(Array(photo[4..<8]) == Array("jP  ".utf8))
        for tag: UInt32 in [0xDF25, 0xDF26, 0xDF2A] {
            let png = Array(try children.first(tag).value)
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
        let code = Array(try children.first(0xDF2A).value)
        #expect(try PNGCheck.dimensions(code) == (24, 12, 1, 0))
    }

    @Test("Surface 0005: FF40 {DF41 72×12 PNG, DF42 key, DF43}, no offset table")
    func individualNumberImage() throws {
        try card.open(.cardFaceConfirmation)
        #expect(try card.send(APDU.verify(persona.pinA, p2: 0x93)).sw == 0x9000)
        let answer = try card.readWhole(CardFaceConfirmationFile.individualNumberImage)
        let (outer, children) = try FlatTLV.file(answer.data)
        #expect(outer.tag == 0xFF40)
        #expect(children.map(\.tag) == [0xDF41, 0xDF42, 0xDF43])
        #expect(try PNGCheck.dimensions(Array(children[0].value)) == (72, 12, 1, 0))
        #expect(answer.data.count == 1024)
    }

    @Test("Token info: 160 bytes, space-padded label, big-endian integers")
    func tokenInfo() throws {
        try card.open(.jpki)
        let answer = try card.readWhole(JPKIFile.tokenInfo)
        #expect(answer.data.count == 160)
        #expect(Array(answer.data.prefix(32)) == Array("JPKIAPICCTOKEN2".utf8) + [UInt8](repeating: 0x20, count: 17))
        #expect(Array(answer.data[96..<100]) == [0x00, 0x00, 0x04, 0x0D])
        #expect(Array(answer.data[116..<124]) == [0, 0, 0, 16, 0, 0, 0, 4])
        #expect(Array(answer.data[80..<96]) == Array("0900000000000001".utf8))
    }

    @Test(
        "Token labels by kind",
        arguments: [
            (Persona.smartphoneAndroid, "JPKIAPGPSETOKEN"), (Persona.smartphoneIPhone, "JPKIAPIOSTOKEN"),
            (Persona.oldJukiCard, "JPKIAPICCTOKEN"), (Persona.faceAuthentication, "JPKIAPICCTOKEN2"),
        ])
    func tokenLabels(persona: Persona, label: String) throws {
        let card = try SimulatedCard(persona: persona)
        try card.open(.jpki)
        let answer = try card.readWhole(JPKIFile.tokenInfo)
        #expect(Array(answer.data.prefix(32)) == Array(label.utf8) + [UInt8](repeating: 0x20, count: 32 - label.utf8.count))
    }

    @Test(
        "EF 0008",
        arguments: [
            (Persona.standard, [UInt8]([0x8F, 0x8F, 0x00])), (Persona.faceAuthentication, [0x00, 0x8F, 0x00]),
            (Persona.oldJukiCard, [0x8F, 0x00, 0x00]), (Persona.child, [0x00, 0x8F, 0x00]),
        ])
    func certificatePresence(persona: Persona, expected: [UInt8]) throws {
        let card = try SimulatedCard(persona: persona)
        try card.open(.jpki)
        #expect(try card.readWhole(JPKIFile.certificatePresence) == Answer(data: expected, sw: 0x9000))
    }

    @Test("Certificates: DER 30 82 LL LL then 00 filler to 2048")
    func certificateFiles() throws {
        try card.open(.jpki)
        let answer = try card.readWhole(JPKIFile.authenticationCertificate)
        #expect(answer.data.count == 2048)
        #expect(Array(answer.data.prefix(2)) == [0x30, 0x82])
        let length = Int(answer.data[2]) << 8 | Int(answer.data[3]) + 4
        #expect(answer.data[length...].allSatisfy { $0 == 0x00 })
        let der = try #require(card.image.authenticationCertificate.map { try FileLayoutTests.der($0) })
        #expect(Array(answer.data.prefix(length)) == der)
    }

    @Test("Common applet: record 1 of EF 0001 is 01 1C serial ‖ municipality ‖ expiry")
    func commonRecord() throws {
        try card.open(.commonCard, CommonCardFile.cardRecord)
        let answer = try card.send("00 B2 01 04 00")
        #expect(answer == Answer(data: [0x01, 0x1C] + Array("9000000000000011310120340723".utf8), sw: 0x9000))
        #expect(try card.send("00 B2 01 0C 00") == answer)
        #expect(try card.send("00 B2 02 04 00").sw == 0x6A83)
        #expect(try card.send("00 B0 00 00 00").sw == 0x6981)
    }

    @Test("Juki and common EF 0002 records are byte-identical")
    func keyReferenceRecords() throws {
        try card.open(.residentRegistry, ResidentRegistryFile.record)
        let juki = try card.send("00 B2 01 04 00")
        try card.open(.commonCard, FileIdentifier(0x0002))
        #expect(try card.send("00 B2 01 04 00") == juki)
        #expect(juki.data.count == 16)
    }

    @Test("Basic info files: text FF40 DF41 01 03 0E 01; surface FF30 with DF34 municipality")
    func basicInfo() throws {
        try card.open(.cardInfoInputSupport)
        let text = try FlatTLV.file(try card.readWhole(CardInfoInputSupportFile.basicInfo).data)
        #expect(text.outer.tag == 0xFF40)
        #expect(Array(try text.children.first(0xDF41).value) == [0x01, 0x03, 0x0E, 0x01])
        #expect(try text.children.first(0xDF43).value.count == 128)
        try card.open(.cardFaceConfirmation)
        let surface = try FlatTLV.file(try card.readWhole(CardFaceConfirmationFile.basicInfo).data)
        #expect(surface.outer.tag == 0xFF30)
        #expect(Array(try surface.children.first(0xDF34).value) == Array("13101".utf8))
        #expect(try surface.children.first(0xDF35).value.count == 272)
    }

    @Test("CV certificate: 7F21 { 5F4E 297-byte body, 5F37 256 bytes }")
    func cardVerifiableCertificate() throws {
        for aid in [ApplicationIdentifier.cardInfoInputSupport, .cardFaceConfirmation] {
            try card.open(aid)
            let file = try card.readWhole(FileIdentifier(0x0004)).data
            #expect(Array(file.prefix(5)) == [0x7F, 0x21, 0x82, 0x02, 0x33])
            let (_, children) = try FlatTLV.file(file)
            #expect(children.map(\.tag) == [0x5F4E, 0x5F37])
            #expect(children[0].value.count == 297)
            #expect(children[1].value.count == 256)
        }
    }

    static func der(_ certificate: X509.Certificate) throws -> [UInt8] {
        try CardImageBuilder.der(certificate)
    }
}

import X509

/// Checks a PNG's structure: signature, chunk CRCs, IHDR.
enum PNGCheck {
    struct Invalid: Error {}

    /// (width, height, bit depth, colour type) after checking every chunk's CRC and that IDAT inflates
    /// (stored blocks) to the right size.
    static func dimensions(_ png: [UInt8]) throws -> (Int, Int, Int, Int) {
        guard png.count > 8, Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Invalid()
        }
        var index = 8
        var header: (Int, Int, Int, Int)?
        var idat: [UInt8] = []
        while index + 12 <= png.count {
            let length = png[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            let body = Array(png[(index + 4)..<(index + 8 + length)])
            let crc = png[(index + 8 + length)..<(index + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard PNGWriter.crc32(body) == crc else { throw Invalid() }
            let type = String(decoding: body.prefix(4), as: UTF8.self)
            let data = Array(body.dropFirst(4))
            if type == "IHDR" {
                let w = data[0..<4].reduce(0) { $0 << 8 | Int($1) }
                let h = data[4..<8].reduce(0) { $0 << 8 | Int($1) }
                header = (w, h, Int(data[8]), Int(data[9]))
            }
            if type == "IDAT" { idat += data }
            index += 12 + length
        }
        guard let header, index == png.count else { throw Invalid() }
        // Inflate stored blocks.
        var raw: [UInt8] = []
        var position = 2
        while position < idat.count - 4 {
            let final = idat[position] & 1
            let count = Int(idat[position + 1]) | Int(idat[position + 2]) << 8
            raw += idat[(position + 5)..<(position + 5 + count)]
            position += 5 + count
            if final == 1 { break }
        }
        guard raw.count == header.1 * (1 + (header.0 + 7) / 8) else { throw Invalid() }
        guard PNGWriter.adler32(raw) == idat.suffix(4).reduce(UInt32(0), { $0 << 8 | UInt32($1) }) else { throw Invalid() }
        return header
    }
}
