import Foundation
import MynaCard
import MynaCodec
import MynaISO7816
import MynaSimulator
import MynaTransport
import Testing

@Suite("Short and extended APDUs, T=0 style, faults")
struct TransmissionTests {
    @Test("short reads in 256-byte chunks and one extended read return the same physical file")
    func shortAndExtended() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.jpki, JPKIFile.authenticationCertificate)
        var chunked: [UInt8] = []
        while true {
            let answer = try card.send(APDU.readBinary(offset: chunked.count, le: 256))
            if answer.sw == 0x6B00 { break }
            #expect(answer.sw == 0x9000)
            chunked += answer.data
        }
        #expect(chunked.count == 2048)
        let whole = try card.send(APDU.readBinaryExtended(le: 65535))
        #expect(whole == Answer(data: chunked, sw: 0x9000))
        let all = try card.send(APDU.bytes("00B0000000 0000"))  // extended Le 0000 = 65536
        #expect(all.data == chunked)
    }

    @Test("near the end the card returns fewer bytes than asked")
    func nearTheEnd() throws {
        let card = try SimulatedCard(persona: .standard)
        try card.open(.cardInfoInputSupport, CardInfoInputSupportFile.cardVerifiableCertificate)
        let answer = try card.send(APDU.readBinary(offset: 1000, le: 100))
        #expect(answer == Answer(data: [UInt8](repeating: 0xFF, count: 24), sw: 0x9000))
        #expect(try card.send(APDU.readBinary(offset: 1024, le: 1)).sw == 0x6B00)
    }

    @Test("short-APDU-only mode: extended → 6700, basic info says no extended length")
    func shortOnly() throws {
        let card = try SimulatedCard(persona: .standard, faults: FaultInjection(shortAPDUsOnly: true))
        try card.open(.jpki, JPKIFile.authenticationCertificate)
        #expect(try card.send(APDU.readBinaryExtended(le: 1000)).sw == 0x6700)
        #expect(try card.send(APDU.readBinary(le: 256)).data.count == 256)
        try card.open(.cardInfoInputSupport)
        let info = try FlatTLV.file(try card.send(APDU.bytes("00B0850000")).data)
        #expect(Array(try info.children.first(0xDF41).value) == [0x01, 0x00, 0x0E, 0x01])
    }

    @Test("T=0 style: 6Cxx for a wrong Le, 61xx + GET RESPONSE for a signature")
    func t0Style() throws {
        let card = try SimulatedCard(persona: .standard, faults: FaultInjection(answersLikeT0: true))
        try card.open(.jpki, JPKIFile.certificatePresence)
        #expect(try card.send(APDU.readBinary(le: 256)) == Answer(data: [], sw: 0x6C03))
        #expect(try card.send(APDU.readBinary(le: 3)) == Answer(data: [0x8F, 0x8F, 0x00], sw: 0x9000))
        #expect(try card.send(APDU.readBinaryExtended(le: 3)).sw == 0x6700)
        #expect(try card.send(APDU.verify("1234", p2: 0x98)).sw == 0x9000)
        let digestInfo = SignatureTests.digestInfo([1, 2, 3])
        #expect(try card.send(APDU.sign(digestInfo, p2: 0x97)) == Answer(data: [], sw: 0x6100))
        let first = try card.send("00C0000080")
        #expect(first.data.count == 128)
        #expect(first.sw == 0x6180)
        #expect(try card.send("00C0000090") == Answer(data: [], sw: 0x6C80))
        let second = try card.send("00C0000080")
        #expect(second.sw == 0x9000)
        let key = try SignatureTests.cardKey(try SignatureTests.key(of: try #require(card.image.authenticationCertificate)))
        #expect(key.payload(of: first.data + second.data) == digestInfo)
        #expect(try card.send("00C0000010").sw == 0x6985, "nothing pending any more")
    }

    @Test("removed after N commands: the next throws cardRemoved until inserted again")
    func removal() async throws {
        let card = try SimulatedCard(persona: .standard, faults: FaultInjection(removeAfterCommands: 2))
        try card.open(.jpki)
        #expect(try card.send(APDU.selectFile(JPKIFile.tokenInfo)).sw == 0x9000)
        #expect(throws: TransportError(.cardRemoved, "")) { try card.send(APDU.readBinary(le: 4)) }
        #expect(!card.isPresent)
        await #expect(throws: TransportError(.cardRemoved, "")) { try await card.reset() }
        card.setFaults(.none)
        card.insert()
        #expect(try card.send(APDU.readBinary(le: 4)).sw == 0x6986, "nothing selected after insertion")
        #expect(try card.send(APDU.select(.jpki)).sw == 0x9000)
    }

    @Test("a mute card times out through the transport protocol")
    func mute() async throws {
        let card = try SimulatedCard(persona: .standard, faults: FaultInjection(isMute: true))
        let command = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes)
        await #expect(throws: TransportError(.timeout, "")) { try await card.transmit(command) }
        card.setFaults(.none)
        #expect(try await card.transmit(command).statusWord == .success)
    }

    @Test("slow responses still answer (no timing asserted)")
    func slow() async throws {
        let card = try SimulatedCard(persona: .standard, faults: FaultInjection(responseDelay: .milliseconds(5)))
        let command = try CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: ApplicationIdentifier.jpki.bytes)
        #expect(try await card.transmit(command).statusWord == .success)
    }

    @Test("the ISO 7816-4 client layer reads every kind of file from the simulator")
    func isoClient() async throws {
        let card = try SimulatedCard(persona: .standard)
        let client = ISO7816Card(transport: card)
        try await client.select(.jpki)
        let token = try await client.readFile(JPKIFile.tokenInfo, layout: .fixedLength(160))
        #expect(token.count == 160)
        let certificate = try await client.readFile(JPKIFile.authenticationCertificate)
        #expect(certificate == (try SignatureTests.der(card.image)))
    }

    @Test("many tasks at once: every exchange is atomic")
    func concurrency() async throws {
        let card = try SimulatedCard(persona: .standard)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    for _ in 0..<20 {
                        let response = try card.respond(to: APDU.bytes("0084000008"))
                        #expect(response.count == 10)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(card.answeredCommandCount == 320)
    }
}

extension SignatureTests {
    static func der(_ image: CardImage) throws -> [UInt8] {
        let file = try #require(image.fileContent(application: .jpki, file: JPKIFile.authenticationCertificate))
        return Array(file.prefix(Int(file[2]) << 8 | Int(file[3]) + 4))
    }
}
