import Foundation
import MynaCard
import MynaISO7816
import SwiftASN1
import X509

extension CardImageBuilder {
    /// The JPKI applet: token info, EF `0008`, certificates, keys, PIN and password.
    mutating func buildJPKI() throws(SimulatorError) {
        var applet = AppletImage()

        let token = tokenKind
        applet.files[JPKIFile.tokenInfo.rawValue] = SimulatedFile(.jpkiTokenInfo, .transparent(tokenInfo()))
        let presence: [UInt8] = [
            persona.hasSignatureCertificate ? CertificatePresence.presentMarker : 0x00,
            persona.hasAuthenticationCertificate ? CertificatePresence.presentMarker : 0x00, 0x00,
        ]
        applet.files[JPKIFile.certificatePresence.rawValue] = SimulatedFile(.jpkiCertificatePresence, .transparent(presence))

        // 0009: protected; no credential reads it.
        applet.files[ElementaryFile.jpkiProtected0009.identifier.rawValue] = SimulatedFile(
            .jpkiProtected0009, .transparent([UInt8](repeating: 0x00, count: 16)))

        if let authenticationKey = keys.authentication {
            let (ca, certificate) = try makeCertificates(
                caKey: keys.authenticationCA, caUnit: "JPKI for user authentication", subjectKey: authenticationKey,
                serialPrefix: "1", isSignature: false)
            authenticationCACertificate = ca
            authenticationCertificate = certificate
            applet.files[JPKIFile.authenticationCertificate.rawValue] = SimulatedFile(
                .jpkiAuthenticationCertificate, .transparent(try certificateFile(certificate)), token: token)
            applet.files[JPKIFile.authenticationCACertificate.rawValue] = SimulatedFile(
                .jpkiAuthenticationCACertificate, .transparent(try certificateFile(ca)))
            // A face-authentication card has no PIN: its user-authentication key signs without one.
            applet.files[JPKIFile.authenticationKey.rawValue] =
                hasPINs
                ? SimulatedFile(.jpkiAuthenticationKey, .privateKey(.authentication))
                : SimulatedFile(content: .privateKey(.authentication), access: .always)
            if hasPINs {
                applet.files[JPKIFile.authenticationPIN.rawValue] = Self.credentialFile(.authenticationPIN)
            }
        }
        if let signatureKey = keys.signature {
            let (ca, certificate) = try makeCertificates(
                caKey: keys.signatureCA, caUnit: "JPKI for digital signature", subjectKey: signatureKey,
                serialPrefix: "2", isSignature: true)
            signatureCACertificate = ca
            signatureCertificate = certificate
            applet.files[JPKIFile.signatureCertificate.rawValue] = SimulatedFile(
                .jpkiSignatureCertificate, .transparent(try certificateFile(certificate)))
            applet.files[JPKIFile.signatureCACertificate.rawValue] = SimulatedFile(
                .jpkiSignatureCACertificate, .transparent(try certificateFile(ca)))
            applet.files[JPKIFile.signatureKey.rawValue] = SimulatedFile(.jpkiSignatureKey, .privateKey(.signature))
            applet.files[JPKIFile.signaturePassword.rawValue] = Self.credentialFile(.signaturePassword)
        }
        applets[.jpki] = applet
    }

    /// The token label the persona's JPKI applet carries.
    var tokenKind: TokenKind {
        switch persona.kind {
        case .card, .faceAuthenticationCard: .card
        case .androidToken: .androidPhone
        case .iPhoneToken: .iPhone
        case .oldJukiCard: .oldJukiCard
        }
    }

    /// The 160-byte CK_TOKEN_INFO of EF `0006`, versions ASCII `"03"`/`"01"` as on real cards.
    func tokenInfo() -> [UInt8] {
        TokenInfo.encode(
            label: tokenKind.label, manufacturerID: "MynaKit Simulator", model: "MynaSim",
            serialNumber: "0" + persona.cardSerial,
            flags: 0x0000_040D,  // RNG | LOGIN_REQUIRED | USER_PIN_INITIALIZED | TOKEN_INITIALIZED
            maximumPINLength: 16, minimumPINLength: 4)
    }

    /// DER in a 2048-byte file with `00` filler.
    func certificateFile(_ certificate: Certificate) throws(SimulatorError) -> [UInt8] {
        CardRecord.pad(try Self.der(certificate), to: SimulatedFiles.certificateSize, filler: 0x00)
    }

    static func der(_ certificate: Certificate) throws(SimulatorError) -> [UInt8] {
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        } catch {
            throw SimulatorError(.buildFailed, "cannot encode a certificate: \(error)")
        }
    }

    /// The validity of the end-entity certificates.
    func certificateValidity() -> (notBefore: Date, notAfter: Date) {
        let reference = persona.certificateValidity.referenceDate ?? buildDate
        switch persona.certificateValidity.rule {
        case .standard:
            let end = persona.birthDate.birthday(5, after: persona.issueDate)
            return (persona.issueDate.instant(), end.instant(hour: 23, minute: 59, second: 59))
        case .expired:
            let end = reference.addingDays(-30)
            return (end.addingYears(-5).instant(), end.instant(hour: 23, minute: 59, second: 59))
        case .expiringSoon:
            let end = reference.addingDays(60)
            return (end.addingYears(-5).instant(), end.instant(hour: 23, minute: 59, second: 59))
        }
    }

    /// A self-signed test CA and an end-entity certificate it issues.
    func makeCertificates(
        caKey: RSAKeyPair, caUnit: String, subjectKey: RSAKeyPair, serialPrefix: String, isSignature: Bool
    ) throws(SimulatorError) -> (ca: Certificate, certificate: Certificate) {
        do {
            let caPrivate = Certificate.PrivateKey(caKey.signingKey)
            let caName = try DistinguishedName {
                CountryName("JP")
                OrganizationName("JPKI")
                OrganizationalUnitName(caUnit)
                OrganizationalUnitName("Japan Agency for Local Authority Information Systems")
            }
            let caKeyIdentifier = SubjectKeyIdentifier(hash: caPrivate.publicKey)
            let ca = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(1), publicKey: caPrivate.publicKey,
                notValidBefore: CalendarDate(constant: 2010, 1, 1).instant(),
                notValidAfter: CalendarDate(constant: 2049, 12, 31).instant(hour: 23, minute: 59, second: 59),
                issuer: caName, subject: caName, signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    caKeyIdentifier
                },
                issuerPrivateKey: caPrivate)

            let subjectPublic = Certificate.PublicKey(subjectKey.publicKey)
            let subject = try DistinguishedName {
                CountryName("JP")
                CommonName(persona.cardSerial)
            }
            let validity = certificateValidity()
            let serial = UInt64(serialPrefix + persona.cardSerial) ?? 1
            let authorityKey = AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier.keyIdentifier)
            let extensions: Certificate.Extensions
            if isSignature {
                let names = try signatureAlternativeNames()
                extensions = try Certificate.Extensions {
                    Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                    authorityKey
                    SubjectAlternativeNames(names)
                }
            } else {
                extensions = try Certificate.Extensions {
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.clientAuth])
                    authorityKey
                }
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(serial), publicKey: subjectPublic,
                notValidBefore: validity.notBefore, notValidAfter: validity.notAfter,
                issuer: caName, subject: subject, signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: extensions, issuerPrivateKey: caPrivate)
            return (ca, certificate)
        } catch {
            throw SimulatorError(.buildFailed, "cannot build the JPKI certificates: \(error)")
        }
    }

    /// The six `otherName`s of the signature certificate (OIDs 1.2.392.200149.8.5.5.1–.6).
    func signatureAlternativeNames() throws -> [GeneralName] {
        let values = [
            persona.name.full, persona.name.fullSubstitute, persona.sex.rawValue, persona.birthDate.compactDigits,
            persona.address, persona.addressSubstitute ?? persona.address,
        ]
        return try values.enumerated().map { index, value in
            let oid = try ASN1ObjectIdentifier(elements: [1, 2, 392, 200_149, 8, 5, 5, UInt(index + 1)])
            return .otherName(GeneralName.OtherName(typeID: oid, value: try ASN1Any(erasing: ASN1UTF8String(value))))
        }
    }
}
