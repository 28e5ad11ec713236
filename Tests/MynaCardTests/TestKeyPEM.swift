// Test-only RSA-2048 keys, generated once with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`.
// They sign the hand-built card files of the unit tests; they protect nothing.

enum TestKeyPEM {
    static let cvAuthority = """
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDFKUOqIFjFEA67
    NP3yfFjjNXqgKr+mzzDDDY0XkinmCHjhsX3RAewhlSNspbEhXtFEQ0HvPRR0EJu2
    1AIJfMn2RFPjMdSmzseYFBlxtDT78OliOb62I8yrWp9/Y6VzKHhgoHxQtHSpfmQG
    npRgOTRkUmNqACvf1AaoeBZUXyJDYykFlC63IzEtqH4g3KxxMJmEnG4wm/Qez9pv
    8kBMDZ9qOW+bOSd8z1e9hmutLsp+d18w7tHEig8N9UTbDPvuzZ/bP/VP6IjCj2i4
    mAcJx+EWP+X/VnBSRny4d+/RG4OYlK3dqvAYWQNdiOmhr8LXedolAkZCo8QuPwow
    XYTTLgirAgMBAAECggEAI/r71jhA+vWLOq7ZCT+YGR7RWhlzEEYPaAk5DmwmKUyy
    gr2ZcGMhbJ+C73jtcmGTXxnHFpnW+bduM1dNZ93WHZMqm/OkEyz5T8+bNRzl7nRw
    ovRW0XaHC15mbSEKOJHSJhAjn7bO83+VUX/vJABMh2Jhsh6F4zsWW/hOWudhoVpN
    Pe8UHdQ5fKboOuWERwreYiq+0fjUSA3wiPgtKscYBA/axiyDymp+3bbeicmMpVJP
    OnyTdI4pOeVJoArCTJje9Twnf0jAQg7zlVJLqm1FQ7NEI05aXo0fwVN28/LVQR/i
    wg5ZEMaqSfvnYTXP5kLJlOcHIa1o23yRPP3k1Ld2AQKBgQDogA8Df6v4hwYRAiUF
    Z3wfdvkNX9+HVDAjt3up/caM11/lrafincJBvIG/9M3gXGZEKORA0whFt/ZceSqw
    pS1uR2b9W64IkK5/PZS8Q8VD9S+2rvDfGkzQ+KmFxwxFn0rqelw/HGC3L5wC99wO
    /p5LmvLHXl9ptdChgjIW3apnIQKBgQDZFs7toyqxWsSRueghYAblp2KhGYT7Pf2K
    DQoP/gwbaRISckqtWVnxsnf+afMvVlENDvsHErFESH/yB2ByLBrlEy58aw/fV70s
    g57BKzEGlzSpb9njIuyFmLH7mou0ulV+2fOGtRVXo27XUFRzCDuf10aMO6wRrOKT
    +FWD0lGSSwKBgQDZM/FSum5FIpcnQpKlZtUNbA8lUIC5o4vJgjtURtG7d+WN41qp
    GeqFkP7B/ohq5sdfO7hpWv0qbL8KCuQ33EgB81CitohyVf++vR/7dXCPmTo2913t
    f1tuCjAM2zR6wmKxhRgymWc9G4wrNbTuiS4Gwb23RVHrpsA+ciwrMnBkIQKBgE9a
    ewF6p1x1JW1vW173zw2bhf4Fagq8ujUAVzFJV/udCLIdfRaolqw25I3nBLHFB5OS
    akhHmOyw47QA5kxVuu8Jd/Ca4g5t8ASZiCpsM1uJYgKdlDPmzDZ5fnXOJEtH4YCh
    Ate20bpbT2T9RCFYXRMsiekw1tEPNTOJjxjEhHTJAoGAZslbuQufL1bSHfjmke8W
    dVonc84cX9EUlx+dnrWRqvCMw2IX+gjSXScYzcQrqdIi75L5DLguZjULUUI6xT9Q
    AoN4ufPLGGcU1CYWlpwbkr3zRyewuo8LjxJD+y+47xxeyCL0yqyluws475jFGQev
    wo0cccFXy0k7ogAFCY8IIEM=
    -----END PRIVATE KEY-----
    """
    static let issuer = """
    -----BEGIN PRIVATE KEY-----
    MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC3eYvmbNpej+RF
    Kc75kO0RQXRohzCN1OsN0n/7ejxdQ2uXPpNnY9aBArSr4Eq9egESj9A4xVxNz9ux
    pyV0qnfW/hR+g/PMTU2lpu6lNX9T+jLU1KhvmtMsmX3wf1yCbJdp+2ejPStH5qqe
    dJksA8MAzymyqbx2O5MgacseqGqmQNrdz9aDMy9kCMmVPoOaWjSrm5M4Vm7/RcX4
    nLt5/YO1bAyOLQdwVT/iLWx7/w0f0MtNuIRyy9p2EfCOCp4UoN+l/1fqX9vObIqD
    GzvVXTAYJ9Chxk2A7NcJmjo8rayGAPHo0Kn76kDGDIiD502sjtCutEfDvkBOZFqq
    bKqxBREdAgMBAAECggEABA+OH574JFCl+jvnJ1HkVVXwCCI52mHEhA1NJNk7Pcsw
    teu+InMsu7U+H3G65b+uB2Wkc6U2mkhH8gIji5X8Sgdcl8I+4p4xYkG0FXb+JvMq
    Ldi5E6NHGj0Zcvm2p/JUVZWpYQ0JCLHbw98LxtQcfEeZgilMkQdXhcehpb+PgLd0
    EMDLrKYbbr//yzJeqc1UoZFWi0U6odiyvS4P3Md+zf/ivmfl/TvX76z6a08y3FvG
    jcufdnKj68jFvqp6EjwkA0vCyy+AvyQlXY23cihIa5Ja53pcprmEPwFmCio5fzth
    Aq602xINZlK77X+P7tBU5hMeSUxy8MjuTfDxSI0/ZwKBgQD5MGvvdM444Ez0oADD
    mb7emMblx9GFva3baf5XUs8vBH22lLS1Up4caKnfIAyGU6iJXxJMbNITlXWXkBSg
    EaDtmPtLXk0o2wE411sJUnYduDGsdXVh0BVSrwdTKwzoZsxM7Jbd8gVzaSr7IR8h
    m5M8ndhamV0OphHFgzUKCL3ZtwKBgQC8fVItkvpChOSX8h+u2jiZ88YY5z/VCOGs
    oVykEh2Mo7+zBZ9umJUiUvc5ptjRLaT2vA2vaCy3tmUwaPaoBfZ1os7o0TSCTVw6
    VsGFZWNlWemGxdDxJY+aJYNGc3IOQXd94ba+7e+pYXI7AwmS+34OTWR3dfbnfXU/
    UB6dThX7ywKBgA/iyF7BoYv6sK0/rgzKNmLWdoebj33pM7YzMaW7f73NmX4USNju
    ZWoGOh4hWusNVkc7qlz46wOYmaCJ7OaveQTspciOQHkETTWkdQdJHIKUhYYrDsqn
    i1R0GBFzQyVluEyHIK8RiMtsvvK3j9aCpoZMwcg00rvmVmezD6SOHhxNAoGABEMp
    OpKaSirLKIx3HvMcWI7kqeeA0AZ1Y/v6JlOqi2WgjiHQayXUKYSKxqj5OjG4C0RR
    YugOKtFbFG8rNL19x0c5OpaQg2nQbhlMIwIZ707LMxsCEJHy3199yngN2jisxRH3
    mfWzd7cWaDM3YjWBsj0ZyoHGZZG2twnOx2ven2UCgYB1RKnOZW6u0Q/6iaLq4/di
    HR9TwfQHXD5HpbAtu/ZmcmbEZcbiUd9Ib+VpxI8tmeufqkMG/bDScYAH+b71Fq8k
    RIxtMu0mkyOP0pOUyQfKMXpwgXfEVBkO7C8aHRMwhg2RBFL+ZW0gGkHVyShnzQVp
    WYwCETn3fQCGYcN7uitt2Q==
    -----END PRIVATE KEY-----
    """
    static let card = """
    -----BEGIN PRIVATE KEY-----
    MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCizP5av5Xes6t3
    lfl7bNth0eHNiDJLjwrjNTnUdYpd2K0mXwfwQApjZ+neqNaDHSsynSrtICX8/w61
    4MggVROjMVzivYRmt5q3CJLRoygyBe/kj0lADo2COVMc9OLarKbX0APqQdQ4zYOh
    XyTGOOgoEDr2BLSgl3KLqnKONvhsdo1ZjtahAEFOzMSCnvfxJ31H3ZArKd31Ru38
    cfJpkkVWHyQD++9fK5jjaGX3DVZd+7WbSpTLS0bctpj9OtHfMh4GiwIDDG25QwZk
    IS0hAt2j8PtUAfZcAl3leAkb/UxtsoVp9Q2oUbsDwb6kNALsH5chnfZ5Zfwak3fA
    Cc6JEQI7AgMBAAECggEAOs605KAHKaKaQkDlFV4doyi3GdDkZiHeK3PLF4F8AWln
    JpC2Y+UmO4FKXDl9/2+2bnqSioSN5GVX8YAomnFQ/iazKF6QKLCTDSHmMx7uQp+d
    Z+EQcziuikddy/xzw80RGa0U9PZhjEFElrKxLH9a8Tnnqn3Jp6b9ZBEmf1PBCiB2
    hwHfsbFi0ZjqZR9BnBLD33e29U94sMnbTw4HT0BJYlPJxTdSxSrK6f8RU2BwS9ZI
    MYd1/VEue9WFnvrMtfTVjoGvvUEh8WjNP5+kSCyv62fpvQx3ZombENGg+RhlQ210
    oVtmkMr5kKj40cc19rvyrN2i+KBBMv0BuYg6NzT39QKBgQDkQrsHOr1oyCANfaSN
    cJDltfdsPZvfYk1Y9bROWBSK/Vst9DnyZtL3w5FrIvXPyJhRvsS/qgKzFx8PY23S
    XSfcd/tK1xl9pXbJI2Gs4GpHijRHO08pS3Q1s/sFPzc94i5VK/EJpYlJ1MFcs8lA
    0o2CtGCTFjchsdOEOqyi29F4xQKBgQC2lcg/f/Fm1ej8UFDvP6nmkUVVuD+4CHSP
    j5iow44gJBm6x8ZbaY91tDR7qhlg33eZx+0gJGbEG/jr5eSNyDcxTjS5yKnk3O0R
    dTp/eGagKsrRv47pIFqqhDIHeMZP/ex8mbHPZlWNe1dJqNRYw3H65bv/aqckYjSL
    Ca0sdiI+/wKBgFvIOUv+4opvbfP+wVveF2VGdeagHz0DWfabVZTq9detaCxiN6qw
    jcPyb1aVCCI0lorIGnS2977rXSHi6RXdP1n3JKRDOYy8K7dU8sGAuzto5vx9bKc+
    H8w4QocplBzeBaNZt+IZHcsCMX4FDLdz8lLMFMkP9bsmtdZFgYU6vk/BAoGAXRL9
    gWE3LbTdj8FhgJRzh5WGQqwpzyaARK5uo5kMWlYMx6oO84pcFyRFnMSZK0i/LyU7
    O6dSu6WGvrnySFRHzlqPhiVEdeYo8z1PFKvLpNoricCcmTpk/Ydl+WkXrq9CXkH6
    4j7IXdcCKApoNNdswvlZXFqB2Yo2PqowHPobewECgYA4ioARO15r0kTBIJrLIYan
    DFI65BrPodStt79lU9x9dESJBLacwlJpHmNnLHj97aPJNUtiJ4f4UDHs81+ddspb
    k5n+hZRXaPaEPdkllDXR8X6V8Fg72jPXxoVUVaW0JmL/ACytpIeSe/a9nx0IaU6R
    x5PaNl3vEoWhJ18+n/X+lg==
    -----END PRIVATE KEY-----
    """
    static let authentication = """
    -----BEGIN PRIVATE KEY-----
    MIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAQDN7aR5l4IasKbp
    NzknAOVa2k9OFd8MIn4XyzhUbkp4A5EEukRLFAuEUSFq0W50LaewVVytyz80qTHb
    aIMTn2WjgjNIMA5tUA0SwO2MTQirTouJe78OFKY3w5735cBw2T/YbJIkHXoM5Spk
    1Djhvlu7vbzsbylhnxvuUuvoodxjcDb4h8Cpst3MdL3pEl1N85EQQ4yuDwMCEFpf
    x1hEb4xOy+aT3xIzpKse4WyOfiEU678XBfizm4Ci+T2QE1O44FM4Mj5ow2OGXGMT
    C3mUfr46pi5VdQ/wWkp4SfF2C15aSan9TlB4XtiBKCBXG2Bs2V3YPI7wAGU47eoZ
    dOf3yB1fAgMBAAECgf8Lh/M32Sam+EiRaUnVqE9ACuURgAyQ1mM5wNhvD6eGdBfb
    CFWycQJ1orHemFwPnwO3+IaxiRngVEwFwuSEczlrsAkdFVZkJCW3cXPKsDcODRPW
    YzQEb5edTjCyLA7W+euq4EHtijUGcmgyjYGahC4GKy5oBEN3m2+bovLnQ+BiY+dp
    rLbYD91OFLPWhKK0mrDQRw1khmVXGXcXUM6sXmaEZa3DmD2Y+/QIGDKzyYRUFxWV
    BbFrJF4gTSdNmhg7oBG5zF9oyaT4CtcBFfM7NxtNRktrAKgee8WlbejGA5u+Ihfb
    GmfgHnHoJu3UtjH7AIecXq/qmxGskyWJkWK4ZCECgYEA+2GUNEDwAiRcAxxEO87W
    DQMQm40+0bc0Ovm1vvUDOHiZsiLfJYjrHfah6lMwAvYf+Av18Nz2YKOj7wcBoZQu
    vJcLV/xlqy21Df7Ess1C1VCL2/UnmXxeMmKEJYjqnpng0qHOqkuNbdFtFyfCL6rL
    8J6vNQUrcHMU0mcvPiam2KECgYEA0bZEVzjXSUETBizWUUQQEOTUCFm5gtNx51PB
    3dnOdM/PRqTiQ0lkRlZuGSz+9ZFijlRkukD9qW9fnat/q4PHo5lKQkdKDB5P4+rF
    m+K8BIy+F6m7GXxOH2NczBAxysydiUVfO0NStqJEgwwNx0jSmjaJFyJ1C2BJTBza
    +NKdNf8CgYBbKtBtAwAIRtd36VB1wFWw8mObhmY5+I9gtB9N2d4JJPPYvvzeyAE9
    JK0kJndLG6gMdYoEiJ5x/eb+UTQuPWeVzdG3XzogEruPD86WagrLAiM26noqGAix
    jTkPw9ATJQt8WGJzMGNiaIl/1FOAphjAc0xnljBi39m1VOa1S59HAQKBgH+mhqrg
    +oqohb/4guwslerynu4GT5mGw4qfvR4hej44UF8b9m4mulbmPVYtwXQQ7wDb9gQ5
    ky4TkQwUXD42lMrMgBsf8b62pMKDIY3l0bSjRwJ4Wl8E/ziz7sR4Bxb+vdXU2Ebm
    j+6Dj1iFec2YUjl0gLYIT16BWZxu5AsZiIBZAoGBALNGDRWnu8K4fMWADfMcHE4P
    B2pmlFOGDJGFJOp60oe2OeY0dJsUqxWKqg9aRYnOvJ91xXwJS/eILvI0hmmfvD/7
    gUdq+ViiRnrnaUhd2+sqevv4hhYeDag27nRgxo6iri1F/7pm4yuS9KpfRz5k5XPh
    zzHNzGI6So2wwuNshwUn
    -----END PRIVATE KEY-----
    """
    static let signature = """
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDQVLmFqOaB1Jg0
    uCREIIz21XmlpRnzoeYfS+/0yIyKDqoqoy1d8M3dGV/0mg3lvhLQdeys4lysvF2r
    Y4JrB8UtjhksxHDguxTOKZiojEx1fuZL9ZLehR/nfv4hoJYiumbsAJjyWBRUIVax
    RcTINWmCnZCGmrSGIl/AIOT4KhzubMtNorBsZDnh3OJQLq/MObg5i37w17S9DEjb
    g6PXZJTqdwroICA4vtcJg88wsjLw06+ut3/lSQlXp58T2/Yh00VjsOw2xnrBJa3s
    sIEWTOgMDSUwXMuvNCebJVyGBly6BBwmlW7gHWLKUkn3T8oM6ULB6oEWz6U6F3xb
    +woTlaE9AgMBAAECggEAWWCn8UBrmDKxlBiWMoY2g+VFGbwx3JTOSgoFqeJqbQZq
    mf1ExuM7JsquoJ2BLdn0b2vQPMGmmdL8ar2345xDS06F3W9vr/KDNAmjfVgnq1bk
    jZ0PRBkf/Wy9sYaYMtD+u+xrsbj5C7j73PT+PhiwKgHYUe9IWK2hn6ddJFzI6b6L
    PFr6d2zJEWE8wK5DYyX8I10kiXuW+pYLUge2++J/swOmJB6AnkMhrTejUW/PEQyG
    zBiJxP6Yne2u/2WaFHBMHcxnX4ty69syCxy7QoTb8aaq9kbpSdADQLZXVEA2PHk+
    3TI/kwYoMIeGzHaA3164LQaIT1nyuwCmaBkmtIIEbwKBgQD7sAB1HDe6sMcdFSrW
    RqZBdQLz39tSXNGKn+2KIe1SauGs+avXXLZ4TEA/q33jmINYmlsiUdJezPALpFDS
    HXVAoazCeKepoTD89ORa8Nfxzgla9Tokx/zKpLuIXVvdRma92rAofQDdjuWHDLLR
    obT5gIxOVA62m1YPBkVUdjSAAwKBgQDT5otdvW5jvR3kD4sO1QufzPdxVaU0WmuX
    lgVq7vRvJifh+6aNDtKQlftwlw2w8BxxdcftqXU0LU5yLddTp2bsOUE7rOU4GWwE
    dlqlxw4wmI7mNzQCj5iq2oKmBeqf0po/L2/eT23McMAux1Qh0NCePlWIJx62bLhk
    J5xc6/i1vwKBgQCP/Ne2J+eGCZ5P+A0iuxZgOkXvKTE7BFjoeqgVr2UrEnR7VfbG
    ZYcKeW0EP+LscxMpfF0I3FCC5bGqp12JZ0ruJ9BDDW218L6q6Js/n6ua7WmSvNp/
    sl3fvLCAyhBFHgKnONYww5rcJeUQBubCYUW8u5sJMLOeKm3oeIjvUhSk6wKBgGy+
    1uzvh1RWPJ3KwEGHYiTLSn12R4cblDXB/tvG79iOy071F58yaStcXSKF0rfoMaCk
    okq8eXKigaylC+lZcr9uDqUycJwep8mOd6y1//k+ga9xyxY5XU7pPr03MhZ9PT2J
    +a4sMxwFDQu0rd+Ay186fCiYcvGJ0ANONLeXPhb/AoGABwLjaNKKtsW9ZB5Ec1zF
    R8CBHS/g2o4XucNuKvlPul1ClHhyOLVQNbbl83twoP1MZXyWCFPLmhe0aF9HMXeE
    Z21PbX8onx3qi6kO7rQaTX1pLONgVNviz+aWhXl1pawgDdWnMwKWGQWoB3JjiRgq
    N32gjrt6K500a75W8ECxtaI=
    -----END PRIVATE KEY-----
    """
    static let jpkiCA = """
    -----BEGIN PRIVATE KEY-----
    MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDdgzl/OSiGze3g
    afPVfLp1xSMdGNhTZs/D6YUpPFcKd/krlkUfvchBJSTBcc2bwqTH8LiwANUsF1vi
    aDx6ENEIqMwZiTdLS/0WNmg2p2bBBX6bwU7G7NtK387cxRK8ybs0TuhfYJSYyoT/
    ybSYBjRJW+mPSBfwCa7vvHedphkyNTArTWbh6E7xuJcA0l7zX9NE2w9szNPtjJbO
    dG69lNnE1vWLDUlu7PFFvFPhrYQIH+qhZu8p8tP3wCSSPjfp5xva+IdR0NsikeQR
    eoi/cedcAktjkwoSWceTeP4/aePdAkXnHVNuCkses6DxJzr5KZJcOmikO8vDyjCP
    HUFclgj7AgMBAAECggEAHvNH5FvTKsq5MwL629h6oRvzZQxkpXqXCxOk1Hcm3kKX
    IRz0+ZNl2Jxc/15sURgoN/uNgqILJwb4grD3ykJxQpl7MxI2FKJAcYsWkpRfShb/
    crnWzPqpRVPyLmymypQRQSTJWRJAkPyzCp5fSmKLibh68Ncs6RAhTkPyHqfnm1kK
    kHCxQW2jkIBGqTXei/DhBDbR9+0n6F9ZCdOFmjTRfbPyBYzGOsUs1Po/SeBierZt
    hJzxlu9hn1D4XLRg4JAR+1INOX7e87+29Fb58UVbl9abjGl7hBpcidCEpsAMI4ht
    Jww6cCMfZi4ULlF3cH2cO/dWUmXz1TgDLbnVcgP8SQKBgQD4PI7noi5Hs5I2ndkl
    fAQMRWtSE+T25+7k5qzJX330VHQA0bQBcmB+ULF3kFbyDywEzL/MjHT7OOU1WGhM
    QVc+Dey+idfPYj+V541ftgFdWfB1ZlclvqqwppwCNKCmxvcEy1feDgxQV+jRzrRq
    uCplsVaNtZHpTxzrmqlo0XsA1wKBgQDkcLU5U2IawK84ZRVbE1hlUHWwd2AGsNDm
    dY+UqDDnjJUsijEAbhHXg2yIuTwOqCkJgJoaCS6LtIXJhXdFShj6pDNFnubVYtDD
    E9CGUlepUG1FiT2SQegoyOGcwg0Qlzdg/m8dTQy5y+xDZUZloMZ1OicG+LhqZ5jv
    BezWgbpgfQKBgQCjJDGK++RMjTCXom+2meWTJwBcReThfBZd61g9U/vUWriOXUNe
    /At8mI25lWv+04fLc8DNrrWm8YJ556tMCllK2B3yL2dczSYa373i3BvTfStyDJtT
    nBZT2HuJW4sFcJehV/5cWoEvQEcrtByQUo7SnJTUtzK40ZyhHtkdoSakqwKBgQDW
    /TOxBcZ4gwrkuk1E74nrn7ODJnXbFiEkI1PDhh6wbGAgENZZHz3vY6KLcjkRWjV0
    2fEtu6JwnK6kn9VGApxLlqkiRo/cFyl9znIbV/dkQ2rzXFvz/87sQ1IBY6dEC+x0
    fkA4hUEKwt5R90gvcQYVYWtFZmK40VLe8OaaYnDzSQKBgHRy8fsiExsng7cJ93aD
    Pea91V4wuRH3Dn/lX8HCdyNHNjtIhmzNR/sqP8XSapUTi+zm4VrB2fNm2xrwY3X/
    aIvXOaR9BEGq+qoHviwxVfr7Tza79NpU0mI6b6CT0MS9ty69f6fvYKFBg18BT2HJ
    JGBRrTjrgD40yEiHo07HCtCG
    -----END PRIVATE KEY-----
    """
}
