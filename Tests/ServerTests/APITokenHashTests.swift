import Server
import Testing

/// Tokens are stored as the lowercase hex SHA-256 of the token (FIPS 180-2 test vectors).
@Suite struct APITokenHashTests {
    @Test func hashIsLowercaseHexSHA256() {
        #expect(APIToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIToken.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
