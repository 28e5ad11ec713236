import Crypto
import MynaCard
import MynaCodec

extension CardEngine {
    /// COMPUTE DIGITAL SIGNATURE `80 2A P1 P2`.
    ///
    /// JPKI: P2 `80` signs with the current key EF, `97`/`9A` names the key by SFI; P1 `00` pads the data as
    /// given (PKCS#1 v1.5, 1…245 bytes), `01` signs the bare SHA-256 of the data, `02` wraps a 32-byte hash in
    /// a DigestInfo, `03` hashes and wraps, `04` signs a 32-byte hash with PSS, `05` hashes and signs with PSS.
    /// Needs the matching VERIFY (6982).
    /// Card info input support and card face: `80 2A 00 00` signs with the card key, no credential.
    func computeDigitalSignature(_ command: CommandAPDU) -> ResponseAPDU {
        guard let applet else { return ResponseAPDU(statusWord: .conditionsNotSatisfied) }
        if applet.signsWithCardKey {
            guard command.p1 == 0x00, command.p2 == 0x00 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
            return sign(command.data, scheme: 0x00, key: image.cardKey)
        }
        let fid: UInt16
        switch command.p2 {
        case 0x80:
            guard let current = session.currentFile else { return ResponseAPDU(statusWord: .conditionsNotSatisfied) }
            fid = current
        case 0x81...0x9E:
            guard !faults.refusesShortFileIdentifiers else { return ResponseAPDU(statusWord: .incorrectP1P2) }
            fid = UInt16(command.p2 & 0x1F)
        default:
            return ResponseAPDU(statusWord: .incorrectP1P2)
        }
        guard let file = applet.files[fid] else {
            return ResponseAPDU(statusWord: command.p2 == 0x80 ? .conditionsNotSatisfied : .referencedDataNotFound)
        }
        guard case .privateKey(let role) = file.content else {
            return ResponseAPDU(statusWord: .conditionsNotSatisfied)
        }
        guard command.p1 <= 0x05 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        guard allows(file.access) else { return ResponseAPDU(statusWord: .securityStatusNotSatisfied) }
        let key: RSAKeyPair?
        switch role {
        case .authentication: key = image.authenticationKey
        case .signature: key = image.signatureKey
        case .card: key = image.cardKey
        }
        guard let key else { return ResponseAPDU(statusWord: .conditionsNotSatisfied) }
        return sign(command.data, scheme: command.p1, key: key)
    }

    /// Signs per the P1 scheme (00…05); 6700 for data of the wrong length.
    func sign(_ data: [UInt8], scheme: UInt8, key: RSAKeyPair) -> ResponseAPDU {
        let payload: [UInt8]
        switch scheme {
        case 0x00:
            payload = data
        case 0x01:
            guard (1...255).contains(data.count) else { return ResponseAPDU(statusWord: .wrongLength) }
            payload = Array(SHA256.hash(data: data))
        case 0x02:
            guard data.count == 32 else { return ResponseAPDU(statusWord: .wrongLength) }
            payload = DigestAlgorithm.sha256.digestInfoPrefix + data
        case 0x03:
            guard (1...255).contains(data.count) else { return ResponseAPDU(statusWord: .wrongLength) }
            payload = DigestAlgorithm.sha256.digestInfo(hashing: data)
        case 0x04, 0x05:
            guard scheme == 0x04 ? data.count == 32 : (1...255).contains(data.count) else {
                return ResponseAPDU(statusWord: .wrongLength)
            }
            let hash = scheme == 0x04 ? data : Array(SHA256.hash(data: data))
            guard let signature = key.signPSS(sha256Hash: hash) else { return ResponseAPDU(statusWord: .wrongLength) }
            return ResponseAPDU(data: signature, statusWord: .success)
        default:
            return ResponseAPDU(statusWord: .incorrectP1P2)
        }
        guard let signature = key.signPKCS1(payload: payload) else { return ResponseAPDU(statusWord: .wrongLength) }
        return ResponseAPDU(data: signature, statusWord: .success)
    }
}
