import MynaPCSC
import MynaTransport
import Testing

/// The classification of PC/SC return codes (no pcscd needed).
@Suite("PCSCReturnCode")
struct PCSCReturnCodeTests {
    @Test(
        "each PC/SC failure maps to its transport code and keeps its name",
        arguments: [
            (0x8010_001D, "SCARD_E_NO_SERVICE", TransportError.Code.serviceUnavailable),
            (0x8010_001E, "SCARD_E_SERVICE_STOPPED", .serviceUnavailable),
            (0x8010_0013, "SCARD_F_COMM_ERROR", .serviceUnavailable),
            (0x8010_002E, "SCARD_E_NO_READERS_AVAILABLE", .noReadersAvailable),
            (0x8010_0009, "SCARD_E_UNKNOWN_READER", .noReader),
            (0x8010_0017, "SCARD_E_READER_UNAVAILABLE", .noReader),
            (0x8010_000C, "SCARD_E_NO_SMARTCARD", .noCard),
            (0x8010_0069, "SCARD_W_REMOVED_CARD", .cardRemoved),
            (0x8010_0068, "SCARD_W_RESET_CARD", .cardReset),
            (0x8010_000A, "SCARD_E_TIMEOUT", .timeout),
            (0x8010_000B, "SCARD_E_SHARING_VIOLATION", .sharingViolation),
            (0x8010_000F, "SCARD_E_PROTO_MISMATCH", .unsupportedProtocol),
            (0x8010_0002, "SCARD_E_CANCELLED", .cancelled),
            (0x8010_0003, "SCARD_E_INVALID_HANDLE", .notConnected),
            (0x8010_0066, "SCARD_W_UNRESPONSIVE_CARD", .unresponsiveCard),
            (0x8010_0067, "SCARD_W_UNPOWERED_CARD", .unresponsiveCard),
            (0x8010_0016, "SCARD_E_NOT_TRANSACTED", .backendFailure),
            (0x8010_001F, "SCARD_E_UNSUPPORTED_FEATURE", .backendFailure),
        ] as [(UInt32, String, TransportError.Code)])
    func mapping(rawValue: UInt32, name: String, code: TransportError.Code) {
        let returnCode = PCSCReturnCode(rawValue: rawValue)
        #expect(returnCode.name == name)
        #expect(returnCode.transportCode == code)
        #expect(returnCode.description == name + " (0x" + String(rawValue, radix: 16, uppercase: true) + ")")
    }

    @Test("static members name the codes")
    func members() {
        #expect(PCSCReturnCode.noService.rawValue == 0x8010_001D)
        #expect(PCSCReturnCode.removedCard.rawValue == 0x8010_0069)
        #expect(PCSCReturnCode.resetCard.rawValue == 0x8010_0068)
        #expect(PCSCReturnCode.success.name == "SCARD_S_SUCCESS")
    }

    @Test("an undefined code is kept and named by its value")
    func unknown() {
        let code = PCSCReturnCode(rawValue: 0x8010_0099)
        #expect(code.name == "SCARD_0x80100099")
        #expect(code.transportCode == .backendFailure)
        #expect(code.rawValue == 0x8010_0099)
    }

    @Test("protocols, share modes and events describe themselves")
    func values() {
        #expect(PCSCProtocols.any == [.t0, .t1])
        #expect(PCSCProtocols.t1.rawValue == 2)
        #expect(PCSCProtocols.t0.rawValue == 1)
        #expect("\(PCSCProtocols.t1)" == "T=1")
        #expect("\(PCSCProtocols.any)" == "T=0 or T=1")
        let presence = PCSCCardPresence(reader: "R", atr: [0x3B])
        #expect(PCSCReaderEvent.cardInserted(presence).reader == "R")
        #expect(PCSCReaderEvent.readerDetached(reader: "S").reader == "S")
        #expect(PCSCConnection.maximumResponseCount >= 65538)
    }
}
