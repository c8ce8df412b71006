@testable import fc
import FCKit
import Foundation
import Testing

/// --max-response-size and --ca-bundle (with SSL_CERT_FILE, CURL_CA_BUNDLE and SSL_CERT_DIR) reach
/// every request the client sends; bad values stop before anything is sent.
@Suite("Transport options")
struct TransportOptionsTests {
    static let getStub = Stub.json("GET", "/v1/customers/cus_1", customerJSON("cus_1"))

    @Test("sizes", arguments: [
        ("65536", 65_536 as Int?), ("512K", 524_288), ("512kb", 524_288), ("512KiB", 524_288), ("64MiB", 67_108_864), ("64M", 67_108_864),
        ("1GiB", 1_073_741_824), ("2g", 2_147_483_648), ("10b", 10),
        ("", nil), ("MiB", nil), ("-1", nil), ("1.5MiB", nil), ("64 MiB", nil), ("64TiB", nil), ("99999999999999999999", nil),
    ])
    func sizes(_ text: String, bytes: Int?) {
        #expect(ValueCheck.bytes(text) == bytes)
    }

    @Test func defaultsReachTheRequest() async {
        var env = testEnv()
        for name in ["SSL_CERT_FILE", "CURL_CA_BUNDLE", "SSL_CERT_DIR"] { env[name] = nil }
        let r = await run(["customers", "get", "cus_1"], env: env, stubs: [Self.getStub])
        #expect(r.code == 0, "\(r)")
        #expect(r.requests.first?.maxResponseSize == 64 << 20)
        #expect(r.requests.first?.caBundle == nil)
        #expect(r.requests.first?.caDirectory == nil)
    }

    @Test func maxResponseSizeReachesTheRequest() async {
        let r = await run(["customers", "get", "cus_1", "--max-response-size", "2MiB"], stubs: [Self.getStub])
        #expect(r.code == 0, "\(r)")
        #expect(r.requests.first?.maxResponseSize == 2 << 20)
    }

    @Test("a bad --max-response-size is exit 2, nothing sent", arguments: [
        ("lots", "expected a size such as 512KiB, 64MiB, 1GiB or plain bytes"), ("100", "must be at least 1KiB"),
    ])
    func badSize(_ value: String, problem: String) async {
        let r = await run(["customers", "get", "cus_1", "--max-response-size", value])
        #expect(r.code == 2, "\(r)")
        #expect(r.err.contains(value) && r.err.contains(problem), "\(r)")
        #expect(r.requests.isEmpty)
    }

    @Test("an answer over the cap is exit 1, sent once")
    func oversizedAnswer() async {
        let tooLarge = TransportError(kind: .responseTooLarge, message: "the answer (HTTP 200) was larger than 1 MiB", status: 200)
        let r = await run(["customers", "get", "cus_1"], stubs: [Stub(method: "GET", path: "/v1/customers/cus_1", reply: .failure(tooLarge), repeats: true)])
        #expect(r.code == 1, "\(r)")
        #expect(r.err.contains("larger than 1 MiB"), "\(r)")
        #expect(r.requests.count == 1, "never retried")
    }

    @Test("--ca-bundle, then SSL_CERT_FILE, then CURL_CA_BUNDLE; SSL_CERT_DIR beside them")
    func trustPrecedence() async throws {
        let dir = uniqueConfigHome()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (flag, file, curl) = (dir + "/flag.pem", dir + "/file.pem", dir + "/curl.pem")
        for path in [flag, file, curl] { try "-----BEGIN CERTIFICATE-----\n".write(toFile: path, atomically: true, encoding: .utf8) }
        var env = testEnv(configHome: dir)
        env["CURL_CA_BUNDLE"] = curl
        env["SSL_CERT_DIR"] = dir
        env["SSL_CERT_FILE"] = nil
        let fromCurl = await run(["customers", "get", "cus_1"], env: env, stubs: [Self.getStub])
        #expect(fromCurl.requests.first?.caBundle == curl, "\(fromCurl)")
        #expect(fromCurl.requests.first?.caDirectory == dir)
        env["SSL_CERT_FILE"] = file
        let fromFile = await run(["customers", "get", "cus_1"], env: env, stubs: [Self.getStub])
        #expect(fromFile.requests.first?.caBundle == file, "\(fromFile)")
        let fromFlag = await run(["customers", "get", "cus_1", "--ca-bundle", flag], env: env, stubs: [Self.getStub])
        #expect(fromFlag.requests.first?.caBundle == flag, "\(fromFlag)")
    }

    @Test("a bundle or directory that is not there is exit 2, nothing sent, named by its source")
    func missingTrustFiles() async {
        var env = testEnv()
        for name in ["SSL_CERT_FILE", "CURL_CA_BUNDLE", "SSL_CERT_DIR"] { env[name] = nil }
        let flag = await run(["customers", "get", "cus_1", "--ca-bundle", "/nonexistent/ca.pem"], env: env)
        #expect(flag.code == 2 && flag.requests.isEmpty, "\(flag)")
        #expect(flag.err.contains("--ca-bundle names '/nonexistent/ca.pem', which is not a readable file"), "\(flag)")
        env["CURL_CA_BUNDLE"] = "/nonexistent/curl.pem"
        let curl = await run(["customers", "get", "cus_1"], env: env)
        #expect(curl.code == 2 && curl.requests.isEmpty, "\(curl)")
        #expect(curl.err.contains("CURL_CA_BUNDLE names '/nonexistent/curl.pem'"), "\(curl)")
        env["CURL_CA_BUNDLE"] = nil
        env["SSL_CERT_DIR"] = "/nonexistent/certs"
        let directory = await run(["customers", "get", "cus_1"], env: env)
        #expect(directory.code == 2 && directory.requests.isEmpty, "\(directory)")
        #expect(directory.err.contains("SSL_CERT_DIR names '/nonexistent/certs', which is not a directory"), "\(directory)")
    }
}
