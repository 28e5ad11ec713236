import MynaCodec

extension CardEngine {
    /// Reshapes a response the way a T=0 card delivers it: data to a command that carried data is announced
    /// with `61xx` and kept for GET RESPONSE; a short Le that asks for more than there is gets `6Cxx`.
    mutating func shapeLikeT0(_ response: ResponseAPDU, to command: CommandAPDU) -> ResponseAPDU {
        guard response.statusWord == .success, !response.data.isEmpty else { return response }
        if !command.data.isEmpty {
            session.pendingResponse = response.data
            return ResponseAPDU(statusWord: Self.bytesAvailable(response.data.count))
        }
        if let ne = command.ne, response.data.count < ne {
            return ResponseAPDU(statusWord: StatusWord(sw1: 0x6C, sw2: UInt8(truncatingIfNeeded: response.data.count)))
        }
        return response
    }

    /// GET RESPONSE `00 C0 00 00 Le`: the next part of a pending response.
    mutating func getResponse(_ command: CommandAPDU) -> ResponseAPDU {
        guard let pending = session.pendingResponse, !pending.isEmpty else {
            return ResponseAPDU(statusWord: .conditionsNotSatisfied)
        }
        guard command.p1 == 0, command.p2 == 0 else { return ResponseAPDU(statusWord: .incorrectP1P2) }
        let available = min(pending.count, 256)
        guard let ne = command.ne, command.data.isEmpty else { return ResponseAPDU(statusWord: .wrongLength) }
        guard ne <= available else {
            return ResponseAPDU(statusWord: StatusWord(sw1: 0x6C, sw2: UInt8(truncatingIfNeeded: available)))
        }
        let part = Array(pending.prefix(ne))
        let rest = Array(pending.dropFirst(ne))
        session.pendingResponse = rest.isEmpty ? nil : rest
        return ResponseAPDU(data: part, statusWord: rest.isEmpty ? .success : Self.bytesAvailable(rest.count))
    }

    /// `61xx`, xx = count (00 for 256 or more).
    static func bytesAvailable(_ count: Int) -> StatusWord {
        StatusWord(sw1: 0x61, sw2: count >= 256 ? 0 : UInt8(count))
    }
}
