import Foundation
import MynaCard
import MynaISO7816
import SwiftASN1
import X509

extension CardImageBuilder {
    /// The JPKI applet: token info, EF `0008`, certificates, keys, PIN and password.
    mutating func buildJPKI() throws(SimulatorError) {
        var applet = AppletImage()
        let phone = isPhoneToken

        applet.files[JPKIFile.tokenInfo.rawValue] = SimulatedFile(content: .transparent(tokenInfo()), access: .always)
        let presence: [UInt8] = [
            persona.hasSignatureCertificate ? 0x8F : 0x00, persona.hasAuthenticationCertificate ? 0x8F : 0x00, 0x00,
        ]
        applet.files[JPKIFile.certificatePresence.rawValue] = SimulatedFile(content: .transparent(presence), access: .always)

        if let authenticationKey = keys.authentication {
            let (ca, certificate) = try makeCertificates(
                caKey: keys.authenticationCA, caUnit: "JPKI for user authentication", subjectKey: authenticationKey,
                serialPrefix: "1", isSignature: false)
            authenticationCACertificate = ca
            authenticationCertificate = certificate
            let pinRule: AccessRule = hasPINs ? .anyOf([.authenticationPIN]) : .never
            applet.files[JPKIFile.authenticationCertificate.rawValue] = SimulatedFile(
                content: .transparent(try certificateFile(certificate)), access: phone ? pinRule : .always)
            applet.files[JPKIFile.authenticationCACertificate.rawValue] = SimulatedFile(
                content: .transparent(try certificateFile(ca)), access: .always)
            applet.files[JPKIFile.authenticationKey.rawValue] = SimulatedFile(
                content: .privateKey(.authentication), access: pinRule)
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
                content: .transparent(try certificateFile(certificate)), access: .anyOf([.signaturePassword]))
            applet.files[JPKIFile.signatureCACertificate.rawValue] = SimulatedFile(
                content: .transparent(try certificateFile(ca)), access: .always)
            applet.files[JPKIFile.signatureKey.rawValue] = SimulatedFile(
                content: .privateKey(.signature), access: .anyOf([.signaturePassword]))
            applet.files[JPKIFile.signaturePassword.rawValue] = Self.credentialFile(.signaturePassword)
        }
        applets[.jpki] = applet
    }

    /// The 160-byte CK_TOKEN_INFO of EF `0006`.
    func tokenInfo() -> [UInt8] {
        func padded(_ text: String, _ count: Int) -> [UInt8] {
            let bytes = Array(text.utf8.prefix(count))
            return bytes + repeatElement(0x20, count: count - bytes.count)
        }
        func word(_ value: UInt32) -> [UInt8] { PNGWriter.bigEndian(value) }
        let label: String
        switch persona.kind {
        case .card, .faceAuthenticationCard: label = "JPKIAPICCTOKEN2"
        case .androidToken: label = "JPKIAPGPSETOKEN"
        case .iPhoneToken: label = "JPKIAPIOSTOKEN"
        case .oldJukiCard: label = "JPKIAPICCTOKEN"
        }
        var info = padded(label, 32) + padded("MynaKit Simulator", 32) + padded("MynaSim", 16)
        info += padded("0" + persona.cardSerial, 16)
        info += word(0x0000_040D)  // RNG | LOGIN_REQUIRED | USER_PIN_INITIALIZED | TOKEN_INITIALIZED
        info += word(0) + word(.max) + word(0) + word(.max)  // sessions
        info += word(16) + word(4)  // PIN length
        info += word(.max) + word(.max) + word(.max) + word(.max)  // memory
        info += Array("03".utf8) + Array("01".utf8)
        info += [UInt8](repeating: 0x30, count: 16)
        return info
    }

    /// DER in a 2048-byte file with `00` filler.
    func certificateFile(_ certificate: Certificate) throws(SimulatorError) -> [UInt8] {
        CardTLV.pad(try Self.der(certificate), to: SimulatedFiles.certificateSize, filler: 0x00)
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
            persona.name.full, persona.name.fullSubstitute, persona.sex.rawValue, persona.birthDate.compact,
            persona.address, persona.addressSubstitute ?? persona.address,
        ]
        return try values.enumerated().map { index, value in
            let oid = try ASN1ObjectIdentifier(elements: [1, 2, 392, 200_149, 8, 5, 5, UInt(index + 1)])
            return .otherName(GeneralName.OtherName(typeID: oid, value: try ASN1Any(erasing: ASN1UTF8String(value))))
        }
    }
}
