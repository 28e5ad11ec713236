extension CommandAPDU {
    /// Whether sending this command may change what the card holds or remembers, so that sending it a second
    /// time is not the same as sending it once.
    ///
    /// True for every command that ``carriesSecret`` (a VERIFY the card counted is a try spent), and for the
    /// interindustry instructions (ISO/IEC 7816-4 §5.2) that write or erase data, manage files or their life
    /// cycle, set the security environment, perform a security operation (a card may count signatures),
    /// authenticate (a card may count attempts), generate keys, change a counter or a key (`30`, `32`, which
    /// the JPKI applets' class `80` uses for CHANGE KEY), or open and close logical channels. A command of a
    /// proprietary class (bit 8 of CLA set) other than GET RESPONSE is treated as changing state too: its
    /// meaning is the card's, not the standard's.
    ///
    /// Layers that would resend a command on their own (``ResponseAPDU`` `6Cxx` handling) never resend one for
    /// which this is true.
    package var changesCardState: Bool {
        if carriesSecret { return true }
        if cla & 0x80 != 0 { return ins != Instruction.getResponse.rawValue }
        switch ins {
        case 0x04, 0x44,  // DEACTIVATE FILE, ACTIVATE FILE
            0x0C, 0x0E, 0x0F,  // ERASE RECORD(S), ERASE BINARY
            0xD0, 0xD1, 0xD2, 0xD6, 0xD7, 0xDC, 0xDD, 0xE2,  // WRITE / UPDATE BINARY and RECORD, APPEND RECORD
            0xDA, 0xDB,  // PUT DATA
            0xE0, 0xE4, 0xE6, 0xE8, 0xFE,  // CREATE / DELETE FILE, TERMINATE DF / EF / CARD USAGE
            0x22,  // MANAGE SECURITY ENVIRONMENT
            0x2A,  // PERFORM SECURITY OPERATION (COMPUTE DIGITAL SIGNATURE, DECIPHER, …)
            0x30, 0x32,  // DECREASE, INCREASE (CHANGE KEY in class 80)
            0x46, 0x47,  // GENERATE ASYMMETRIC KEY PAIR
            0x82, 0x86, 0x87, 0x88,  // EXTERNAL / GENERAL / INTERNAL AUTHENTICATE
            0x70:  // MANAGE CHANNEL
            return true
        default:
            return false
        }
    }

    /// Whether a layer may resend this command on its own with another Le after the card answered `6Cxx`
    /// (wrong Le, ISO/IEC 7816-3 §12.2.4): only a command that expects data (has an Le field — `6Cxx` means
    /// nothing to one that does not) and neither ``carriesSecret`` nor ``changesCardState``.
    package var mayResendWithExactLength: Bool {
        ne != nil && !carriesSecret && !changesCardState
    }
}
