extension Persona {
    /// An adult with an ordinary card: both certificates, all PINs (`1234`, password `ABC123`).
    ///
    /// 見本 花子, born 1985-07-23 (昭和60), card issued 2025-04-01, expiry (10th birthday after issuance)
    /// 2034-07-23, security code `4821` → PIN-B `60072320344821`; certificates valid until the 5th birthday
    /// after issuance, 2029-07-23.
    public static let standard = Persona(
        identifier: "standard",
        name: Name(family: "見本", given: "花子"),
        address: "東京都千代田区見本町１２－３４－５６",
        birthDate: CalendarDate(constant: 1985, 7, 23), sex: .female,
        individualNumber: "901234567893", securityCode: "4821", cardSerial: "900000000000001",
        municipalityCode: "13101", issueDate: CalendarDate(constant: 2025, 4, 1),
        credentials: Credentials(pin: "1234", signaturePassword: "ABC123"), keySet: 0)

    /// A face-authentication card (顔認証マイナンバーカード): no PINs, no signature certificate.
    public static let faceAuthentication = Persona(
        identifier: "faceAuthentication", kind: .faceAuthenticationCard,
        name: Name(family: "認証", given: "一郎"),
        address: "大阪府大阪市北区試験町１－２－３",
        birthDate: CalendarDate(constant: 1950, 11, 3), sex: .male,
        individualNumber: "902345678917", securityCode: "1357", cardSerial: "900000000000002",
        municipalityCode: "27127", issueDate: CalendarDate(constant: 2024, 6, 10),
        credentials: nil, keySet: 1)

    /// The JPKI token of an Android phone (`JPKIAPGPSETOKEN`): the user-authentication certificate needs the PIN.
    public static let smartphoneAndroid = Persona(
        identifier: "smartphoneAndroid", kind: .androidToken,
        name: Name(family: "携帯", given: "三郎"),
        address: "神奈川県横浜市中区見本町７－８",
        birthDate: CalendarDate(constant: 1992, 4, 1), sex: .male,
        individualNumber: "903456789129", securityCode: "2468", cardSerial: "900000000000003",
        municipalityCode: "14104", issueDate: CalendarDate(constant: 2025, 9, 1),
        credentials: Credentials(pin: "2580", signaturePassword: "PHONE2025"), keySet: 2)

    /// The JPKI token of an iPhone (`JPKIAPIOSTOKEN`).
    public static let smartphoneIPhone = Persona(
        identifier: "smartphoneIPhone", kind: .iPhoneToken,
        name: Name(family: "林檎", given: "四葉"),
        address: "福岡県福岡市中央区見本１－１",
        birthDate: CalendarDate(constant: 1998, 12, 24), sex: .female,
        individualNumber: "904567891239", securityCode: "9753", cardSerial: "900000000000004",
        municipalityCode: "40133", issueDate: CalendarDate(constant: 2025, 6, 24),
        credentials: Credentials(pin: "1470", signaturePassword: "IPHONE77"), keySet: 3)

    /// An old resident-registry card (住基カード): JPKI signature certificate only, label `JPKIAPICCTOKEN`.
    public static let oldJukiCard = Persona(
        identifier: "oldJukiCard", kind: .oldJukiCard,
        name: Name(family: "住基", given: "次郎"),
        address: "北海道札幌市中央区見本３－２－１",
        birthDate: CalendarDate(constant: 1960, 3, 15), sex: .male,
        individualNumber: "905678912347", securityCode: "0001", cardSerial: "900000000000005",
        municipalityCode: "01101", issueDate: CalendarDate(constant: 2013, 5, 20),
        cardExpiry: CalendarDate(constant: 2023, 5, 20),
        credentials: Credentials(pin: "4321", signaturePassword: "JUKI2013"), keySet: 4)

    /// ``standard`` with the user-authentication PIN already locked (3 wrong PINs).
    public static let pinLocked: Persona = {
        var persona = Persona.standard
        persona.identifier = "pinLocked"
        persona.lockedCredentials = [.authenticationPIN]
        return persona
    }()

    /// ``standard`` whose certificates expired 30 days before the card was built.
    public static let certificateExpired: Persona = {
        var persona = Persona.standard
        persona.identifier = "certificateExpired"
        persona.certificateValidity = CertificateValidity(.expired)
        persona.keySet = 5
        return persona
    }()

    /// ``standard`` whose certificates expire 60 days after the card was built (renewal alert).
    public static let certificateExpiringSoon: Persona = {
        var persona = Persona.standard
        persona.identifier = "certificateExpiringSoon"
        persona.certificateValidity = CertificateValidity(.expiringSoon)
        persona.keySet = 6
        return persona
    }()

    /// A holder whose family name has a character outside JIS X 0208: 𠮷 (U+20BB7), substitute 吉.
    public static let gaijiName = Persona(
        identifier: "gaijiName",
        name: Name(family: "\u{20BB7}田", given: "太郎", familySubstitute: "吉田"),
        address: "京都府京都市左京区見本町４－５",
        birthDate: CalendarDate(constant: 1975, 1, 7), sex: .male,
        individualNumber: "906789123453", securityCode: "3141", cardSerial: "900000000000006",
        municipalityCode: "26103", issueDate: CalendarDate(constant: 2024, 10, 1),
        credentials: Credentials(pin: "5678", signaturePassword: "GAIJI01"), keySet: 7)

    /// A child (under 15 at issuance): no signature certificate, card valid until the 5th birthday.
    public static let child = Persona(
        identifier: "child",
        name: Name(family: "見本", given: "小太郎"),
        address: "東京都千代田区見本町１２－３４－５６",
        birthDate: CalendarDate(constant: 2016, 8, 8), sex: .male,
        individualNumber: "907891234568", securityCode: "8642", cardSerial: "900000000000007",
        municipalityCode: "13101", issueDate: CalendarDate(constant: 2025, 4, 1),
        credentials: Credentials(pin: "9876", signaturePassword: "CHILD01"), keySet: 5)

    /// Every built-in persona, in a stable order.
    public static let builtIns: [Persona] = [
        .standard, .faceAuthentication, .smartphoneAndroid, .smartphoneIPhone, .oldJukiCard, .pinLocked,
        .certificateExpired, .certificateExpiringSoon, .gaijiName, .child,
    ]

    /// The identifiers of the built-in personas (`standard`, `faceAuthentication`, …).
    public static var builtInNames: [String] { builtIns.map(\.identifier) }

    /// The built-in persona with this identifier (case-insensitive).
    ///
    /// - Throws: ``SimulatorError/Code/unknownPersona`` listing the names there are.
    public static func named(_ name: String) throws(SimulatorError) -> Persona {
        guard let persona = builtIns.first(where: { $0.identifier.lowercased() == name.lowercased() }) else {
            throw SimulatorError(
                .unknownPersona, "no built-in persona named \"\(name)\"; there are: \(builtInNames.joined(separator: ", "))")
        }
        return persona
    }
}
