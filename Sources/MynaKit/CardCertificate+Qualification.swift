import MynaCard

extension CardCertificate {
    /// The serial number, as the key of the face-failure store.
    public var serialNumberKey: CertificateSerialNumber { CertificateSerialNumber(serialNumber.bytes) }

    /// The validity period, for ``CertificateValidity/status(at:)``.
    public var validity: CertificateValidity {
        CertificateValidity(notBefore: notValidBefore, notAfter: notValidAfter)
    }
}
