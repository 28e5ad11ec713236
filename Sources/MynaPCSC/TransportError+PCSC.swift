import MynaTransport

extension TransportError {
    /// The remedy when the PC/SC service cannot be reached.
    static let startServiceRemedy =
        "start the smart-card service: on Debian/Ubuntu `sudo apt-get install pcscd` and "
        + "`sudo systemctl start pcscd.socket` (or `sudo pcscd -f &`); on macOS it starts on demand"

    /// A PC/SC failure: classified by ``PCSCReturnCode/transportCode``, with the code and its name kept.
    static func pcsc(
        _ code: PCSCReturnCode, _ operation: String, reader: String? = nil,
        file: String = #fileID, line: UInt = #line
    ) -> TransportError {
        let place = reader.map { " (reader \"\($0)\")" } ?? ""
        let explanation: String =
            switch code {
            case .noService, .serviceStopped:
                "the PC/SC service (pcscd) is not running: " + startServiceRemedy
            case .communicationError:
                "lost contact with the PC/SC service (pcscd stopped?): " + startServiceRemedy
            case .noReadersAvailable: "no smart-card reader is attached"
            case .unknownReader, .readerUnavailable: "the reader is not attached"
            case .noSmartcard: "no card is in the reader"
            case .removedCard: "the card was removed"
            case .resetCard: "the card was reset by another application: select the applet again"
            case .timeout: "the wait timed out"
            case .sharingViolation: "another application is using the card exclusively or in a transaction"
            case .protocolMismatch: "the card supports none of the requested protocols"
            case .cancelled: "the operation was cancelled"
            case .invalidHandle: "the connection is closed"
            case .unresponsiveCard, .unpoweredCard, .unsupportedCard: "the card does not respond"
            default: "PC/SC reported \(code.name)"
            }
        return TransportError(
            code.transportCode, "\(operation) failed\(place): \(explanation)",
            systemCode: Int64(code.rawValue), systemCodeName: code.name, file: file, line: line)
    }
}
