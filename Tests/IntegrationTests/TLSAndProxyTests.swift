import FCKit
import Foundation
import Testing

/// The real binary against an HTTPS server on loopback whose certificate a throwaway CA signed
/// (openssl, at test time): refused by default, trusted through --ca-bundle, SSL_CERT_FILE or
/// CURL_CA_BUNDLE, and reached through an HTTP CONNECT proxy named by HTTPS_PROXY.
@Suite("TLS trust and proxies", .serialized)
struct TLSAndProxyTests {
    static let account = #"{"id":"fca_tls","object":"financial_connections.account","status":"active","institution_name":"TLS Bank"}"#
    /// Nothing of the test runner's own trust or proxy settings reaches the child.
    static let cleared: Set<String> = ["SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
                                       "NO_PROXY", "no_proxy", "http_proxy"]

    private func withServer(_ body: (TLSServer, FCRunner) async throws -> Void) async throws {
        let server = try await TLSServer.start()
        defer { server.stop() }
        try server.serve("/v1/financial_connections/accounts/fca_tls", Self.account)
        try await body(server, FCRunner(baseURL: server.url))
    }

    @Test("a certificate no trusted CA signed is refused: exit 4, a TLS message that names --ca-bundle")
    func untrustedIsRefused() async throws {
        try await withServer { _, fc in
            let result = try await fc.run(["accounts", "get", "fca_tls", "--json", "--max-retries", "0"], unsetting: Self.cleared)
            #expect(result.code == 4, "\(result)")
            #expect(result.out.isEmpty)
            #expect(result.err.contains("TLS: SSL certificate problem"), "\(result)")
            #expect(result.err.contains("--ca-bundle"), "\(result)")
        }
    }

    @Test("--ca-bundle trusts the CA", arguments: ["flag", "SSL_CERT_FILE", "CURL_CA_BUNDLE"])
    func trustedThroughTheBundle(source: String) async throws {
        try await withServer { server, fc in
            var args = ["accounts", "get", "fca_tls", "--json"]
            var env: [String: String] = [:]
            if source == "flag" { args += ["--ca-bundle", server.caFile] } else { env[source] = server.caFile }
            let result = try await fc.run(args, env: env, unsetting: Self.cleared.subtracting(env.keys))
            #expect(result.code == 0, "\(result)")
            #expect(try result.json()["id"] == "fca_tls", "\(result)")
        }
    }

    @Test("a --ca-bundle that is not a readable file is a usage error, nothing sent")
    func missingBundleIsAUsageError() async throws {
        try await withServer { server, fc in
            let result = try await fc.run(["accounts", "get", "fca_tls", "--ca-bundle", server.root + "/missing.pem"], unsetting: Self.cleared)
            #expect(result.code == 2, "\(result)")
            #expect(result.err.contains("--ca-bundle names '\(server.root)/missing.pem', which is not a readable file"), "\(result)")
            let fromEnvironment = try await fc.run(["accounts", "get", "fca_tls"], env: ["SSL_CERT_FILE": server.root],
                                                   unsetting: Self.cleared.subtracting(["SSL_CERT_FILE"]))
            #expect(fromEnvironment.code == 2, "\(fromEnvironment)")
            #expect(fromEnvironment.err.contains("SSL_CERT_FILE names"), "\(fromEnvironment)")
        }
    }

    @Test("HTTPS_PROXY: the request goes through the CONNECT proxy, still verified end to end", arguments: ["HTTPS_PROXY", "https_proxy", "ALL_PROXY"])
    func throughAConnectProxy(variable: String) async throws {
        try await withServer { server, fc in
            let proxy = try ConnectProxy()
            defer { proxy.stop() }
            let port = server.url.split(separator: ":").last.map(String.init) ?? ""
            let env = [variable: proxy.url]
            let result = try await fc.run(["accounts", "get", "fca_tls", "--json", "--ca-bundle", server.caFile], env: env,
                                          unsetting: Self.cleared.subtracting(env.keys))
            #expect(result.code == 0, "\(result)")
            #expect(try result.json()["id"] == "fca_tls", "\(result)")
            #expect(proxy.connects == ["CONNECT 127.0.0.1:\(port) HTTP/1.1"])

            // NO_PROXY sends it straight to the server.
            let direct = try await fc.run(["accounts", "get", "fca_tls", "--json", "--ca-bundle", server.caFile],
                                          env: env.merging(["NO_PROXY": "127.0.0.1"]) { $1 }, unsetting: Self.cleared.subtracting(env.keys).subtracting(["NO_PROXY"]))
            #expect(direct.code == 0, "\(direct)")
            #expect(proxy.connects.count == 1, "NO_PROXY bypassed the proxy")
        }
    }
}
