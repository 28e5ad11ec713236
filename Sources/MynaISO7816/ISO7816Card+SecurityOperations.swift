import MynaCodec
import MynaTransport

extension ISO7816Card {
    /// COMPUTE DIGITAL SIGNATURE `80 2A P1 P2 Lc <input> 00` with the current key EF.
    ///
    /// - Parameters:
    ///   - input: for P1 `00`, a DigestInfo (PKCS#1 v1.5 is applied by the card).
    ///   - key: the key EF to select first, or `nil` to use the current one.
    ///   - p1: `00` signs the supplied DigestInfo.
    ///   - p2: `80` for JPKI keys; `00` for the text and surface applets' own keys.
    ///   - expectedLength: the signature's length in bytes, sent as Le (256 for RSA-2048).
    /// - Returns: the signature (256 bytes for RSA-2048).
    public func computeDigitalSignature(
        _ input: [UInt8], key: FileIdentifier?, p1: UInt8 = 0x00, p2: UInt8 = 0x80, expectedLength: Int = 256
    ) async throws -> [UInt8] {
        guard (1...255).contains(input.count) else {
            throw CodecError(.invalidLength, "signature input must be 1…255 bytes, got \(input.count)")
        }
        if let key { try await select(file: key) }
        let command = try CommandAPDU(
            cla: 0x80, ins: Instruction.computeDigitalSignature.rawValue, p1: p1, p2: p2, data: input, ne: 256)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .computeDigitalSignature)
        guard response.data.count == expectedLength else {
            throw CardCommandError.malformedResponse(
                .computeDigitalSignature, "signature of \(response.data.count) bytes, expected \(expectedLength)")
        }
        return response.data
    }

    /// COMPUTE DIGITAL SIGNATURE `80 2A P1 P2 Lc <input> 00` with the key EF `key` named by short EF
    /// identifier (`P2 = 80|SFI`, e.g. `97` for JPKI `0017`, `9A` for `001A`), which needs no SELECT — byte-identical
    /// to selecting the key and signing with `P2 = 80`. A FID without a short identifier, or a card that
    /// refused the form (`6A86`, `6A88`, `6A82`; remembered in ``Capabilities/signByShortIdentifier``), is
    /// signed with after SELECT of the key EF.
    ///
    /// - Parameters:
    ///   - input: for P1 `00`, a DigestInfo (PKCS#1 v1.5 is applied by the card).
    ///   - key: the key EF.
    ///   - p1: `00` signs the supplied DigestInfo.
    ///   - expectedLength: the signature's length in bytes (256 for RSA-2048).
    /// - Returns: the signature.
    public func computeDigitalSignature(
        _ input: [UInt8], keyByShortIdentifier key: FileIdentifier, p1: UInt8 = 0x00, expectedLength: Int = 256
    ) async throws -> [UInt8] {
        guard (1...255).contains(input.count) else {
            throw CodecError(.invalidLength, "signature input must be 1…255 bytes, got \(input.count)")
        }
        if let sfi = key.shortIdentifier, capabilities.signByShortIdentifier != .unsupported {
            let command = try CommandAPDU(
                cla: 0x80, ins: Instruction.computeDigitalSignature.rawValue, p1: p1, p2: 0x80 | sfi, data: input,
                ne: 256)
            let response = try await transmit(command)
            let sw = response.statusWord.rawValue
            if sw == 0x6A86 || sw == 0x6A88 || sw == 0x6A82 {
                updateCapabilities { $0.signByShortIdentifier = .unsupported }
            } else {
                try Self.requireSuccess(response, .computeDigitalSignature)
                if capabilities.signByShortIdentifier != .supported {
                    updateCapabilities { $0.signByShortIdentifier = .supported }
                }
                return try Self.signature(response, expectedLength: expectedLength)
            }
        }
        return try await computeDigitalSignature(input, key: key, p1: p1, p2: 0x80, expectedLength: expectedLength)
    }

    static func signature(_ response: ResponseAPDU, expectedLength: Int) throws -> [UInt8] {
        guard response.data.count == expectedLength else {
            throw CardCommandError.malformedResponse(
                .computeDigitalSignature, "signature of \(response.data.count) bytes, expected \(expectedLength)")
        }
        return response.data
    }

    /// GET CHALLENGE `00 84 00 00 Le`.
    public func getChallenge(count: Int = 8) async throws -> [UInt8] {
        let command = try CommandAPDU(ins: Instruction.getChallenge.rawValue, p1: 0, p2: 0, ne: count)
        let response = try await transmit(command)
        try Self.requireSuccess(response, .getChallenge)
        guard response.data.count == count else {
            throw CardCommandError.malformedResponse(.getChallenge, "\(response.data.count) bytes, expected \(count)")
        }
        return response.data
    }
}
