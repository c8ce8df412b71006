@testable import fc
import FCKit
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stripe-fc config` and where the key comes from: the profile file, its permissions, and precedence.
@Suite("Config")
struct ConfigTests {
    static let profileKey = "sk_test_ProfileKey000000000wxyz"

    /// A config home with nothing in it, and the environment pointing at it (no STRIPE_API_KEY).
    static func home() -> (dir: String, env: [String: String]) {
        let dir = uniqueConfigHome()
        return (dir, testEnv(configHome: dir, key: nil))
    }

    static func configPath(_ dir: String) -> String { dir + "/stripe-fc/config.toml" }

    static func mode(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o777
    }

    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func setThenGetShowsTheKeyMasked() async {
        let (dir, env) = Self.home()
        let set = await run(["config", "set", "api_key", "sk_test_abc"], env: env)
        #expect(set.code == 0)
        #expect(set.out == "")
        #expect(set.err == "")
        let get = await run(["config", "get", "api_key"], env: env)
        #expect(get.code == 0)
        #expect(get.out == "****\n")
        #expect(Self.contents(Self.configPath(dir)) == "[default]\napi_key = \"sk_test_abc\"\n")

        _ = await run(["config", "set", "api_key", Self.profileKey], env: env)
        let long = await run(["config", "get", "api_key"], env: env)
        #expect(long.out == "sk_test_…wxyz\n")
    }

    @Test func setOnATerminalConfirms() async {
        let (_, env) = Self.home()
        let r = await run(["config", "set", "format", "csv"], tty: true, env: env)
        #expect(r.code == 0)
        #expect(r.err == "Set format in profile 'default'.\n")
    }

    @Test func fileIsPrivate() async throws {
        let (dir, env) = Self.home()
        _ = await run(["config", "set", "api_key", Self.profileKey], env: env)
        #expect(Self.mode(Self.configPath(dir)) == 0o600)
        #expect(Self.mode(dir + "/stripe-fc") == 0o700)
        // Rewriting keeps the mode, and leaves no temporary files behind.
        _ = await run(["config", "set", "format", "json"], env: env)
        #expect(Self.mode(Self.configPath(dir)) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/stripe-fc") == ["config.toml"])
    }

    @Test func listShowsEverySettingMasked() async throws {
        let (_, env) = Self.home()
        _ = await run(["config", "set", "base_url", "http://127.0.0.1:12111"], env: env)
        _ = await run(["config", "set", "api_key", Self.profileKey], env: env)
        let json = await run(["config", "list"], env: env)
        #expect(json.code == 0)
        #expect(!json.out.contains(Self.profileKey))
        let rows = try JSON.parse(json.out).arrayValue ?? []
        #expect(rows.map { $0["key"]?.stringValue ?? "" } == ["api_key", "base_url"])
        #expect(rows.first?["value"]?.stringValue == "sk_test_…wxyz")
        var plain = env
        plain["NO_COLOR"] = "1"
        let table = await run(["config", "list"], tty: true, env: plain)
        #expect(table.out == "KEY       VALUE\napi_key   sk_test_…wxyz\nbase_url  http://127.0.0.1:12111\n")
    }

    @Test func profileFormatAppliesToConfigListToo() async {
        let (_, env) = Self.home()
        _ = await run(["config", "set", "format", "csv"], env: env)
        let r = await run(["config", "list"], env: env)
        #expect(r.out == "key,value\nformat,csv\n")
    }

    @Test func unsetRemovesAValue() async {
        let (dir, env) = Self.home()
        _ = await run(["config", "set", "format", "csv"], env: env)
        _ = await run(["config", "set", "base_url", "http://127.0.0.1:12111"], env: env)
        let unset = await run(["config", "unset", "format"], env: env)
        #expect(unset.code == 0)
        let get = await run(["config", "get", "format"], env: env)
        #expect(get.code == 1)
        #expect(get.err == "error: format is not set in profile 'default'\n")
        let again = await run(["config", "unset", "format"], env: env)
        #expect(again.code == 0)
        #expect(again.err == "note: format is not set in profile 'default'; nothing to unset\n")
        #expect(Self.contents(Self.configPath(dir)) == "[default]\nbase_url = \"http://127.0.0.1:12111\"\n")
    }

    @Test func profilesAreSeparate() async {
        let (dir, env) = Self.home()
        _ = await run(["--profile", "ci", "config", "set", "format", "jsonl"], env: env)
        _ = await run(["config", "set", "format", "csv"], env: env)
        #expect(await run(["config", "get", "format", "--profile", "ci"], env: env).out == "jsonl\n")
        var ci = env
        ci["FC_PROFILE"] = "ci"
        #expect(await run(["config", "get", "format"], env: ci).out == "jsonl\n")
        #expect(await run(["config", "get", "format"], env: env).out == "csv\n")
        #expect(Self.contents(Self.configPath(dir)) == "[ci]\nformat = \"jsonl\"\n\n[default]\nformat = \"csv\"\n")
    }

    @Test("set checks values", arguments: [
        (["api_key", "pk_test_123"], "error: invalid value for api_key: expected a secret (sk_…) or restricted (rk_…) key\n"),
        (["format", "xml"], "error: invalid value for format: allowed: table, json, jsonl, csv, tsv\n"),
        (["base_url", "localhost"], "error: invalid value for base_url: expected an http(s) URL\n"),
        (["stripe_account", "cus_1"], "error: invalid value for stripe_account: expected an id starting with 'acct_'\n"),
        (["colour", "red"], "error: invalid KEY 'colour': allowed: api_key, base_url, stripe_account, format, publishable_key\nRun 'stripe-fc config set --help' for usage.\n"),
    ])
    func setChecksValues(_ args: [String], err: String) async {
        let (dir, env) = Self.home()
        let r = await run(["config", "set"] + args, env: env)
        #expect(r.code == 2)
        #expect(r.err == err)
        #expect(!FileManager.default.fileExists(atPath: Self.configPath(dir)))
    }

    /// Writes a config file by hand with the given mode.
    static func writeConfig(_ dir: String, _ text: String, mode: mode_t) throws {
        try FileManager.default.createDirectory(atPath: dir + "/stripe-fc", withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath(dir)))
        chmod(configPath(dir), mode)
    }

    @Test func readableFileWithAKeyIsRefused() async throws {
        let (dir, env) = Self.home()
        try Self.writeConfig(dir, "[default]\napi_key = \"\(Self.profileKey)\"\n", mode: 0o644)
        let r = await run(["customers", "get", "cus_1"], env: env)
        #expect(r.code == 3)
        #expect(r.requests.isEmpty)
        #expect(r.err.contains("chmod 600 \(Self.configPath(dir))"))
        #expect(!r.err.contains(Self.profileKey))
        let get = await run(["config", "get", "api_key"], env: env)
        #expect(get.code == 3)
    }

    @Test func readableFileWithoutAKeyIsFine() async throws {
        let (dir, env) = Self.home()
        try Self.writeConfig(dir, "[default]\nformat = \"csv\"\n", mode: 0o644)
        #expect(await run(["config", "get", "format"], env: env).out == "csv\n")
    }

    // MARK: - Which key is sent

    static let getStub = Stub.json("GET", "/v1/customers/cus_1", customerJSON("cus_1"))

    static func sentKey(_ argv: [String], env: [String: String]) async -> String? {
        await run(argv, env: env, stubs: [getStub]).requests.first?.header("Authorization")
    }

    @Test func flagBeatsEnvironmentBeatsProfile() async {
        let (_, base) = Self.home()
        _ = await run(["config", "set", "api_key", Self.profileKey], env: base)
        var withEnv = base
        withEnv["STRIPE_API_KEY"] = "sk_test_FromEnvironment00001111"
        #expect(await Self.sentKey(["customers", "get", "cus_1"], env: base) == "Bearer \(Self.profileKey)")
        #expect(await Self.sentKey(["customers", "get", "cus_1"], env: withEnv) == "Bearer sk_test_FromEnvironment00001111")
        #expect(await Self.sentKey(["customers", "get", "cus_1", "--api-key", "sk_test_FromFlag"], env: withEnv) == "Bearer sk_test_FromFlag")
        #expect(await Self.sentKey(["--api-key", "sk_test_FromFlag", "customers", "get", "cus_1"], env: base) == "Bearer sk_test_FromFlag")
    }

    @Test func profileKeyFollowsTheChosenProfile() async {
        let (_, env) = Self.home()
        _ = await run(["config", "set", "api_key", Self.profileKey], env: env)
        _ = await run(["--profile", "ci", "config", "set", "api_key", "sk_test_CiProfileKey0000000000"], env: env)
        #expect(await Self.sentKey(["customers", "get", "cus_1", "--profile", "ci"], env: env) == "Bearer sk_test_CiProfileKey0000000000")
    }

    @Test func apiKeyFlagWarnsOnStderr() async {
        let r = await run(["customers", "get", "cus_1", "--api-key", "sk_test_FromFlag"], stubs: [Self.getStub])
        #expect(r.code == 0)
        #expect(r.err == "warning: a key given with --api-key is visible to other users of this machine; prefer STRIPE_API_KEY or 'stripe-fc config set api_key'\n")
        let quiet = await run(["customers", "get", "cus_1"], stubs: [Self.getStub])
        #expect(quiet.err == "")
    }

    @Test func profileSettingsApply() async {
        let (_, env) = Self.home()
        _ = await run(["config", "set", "api_key", Self.profileKey], env: env)
        _ = await run(["config", "set", "base_url", "http://127.0.0.1:12111"], env: env)
        _ = await run(["config", "set", "stripe_account", "acct_7"], env: env)
        _ = await run(["config", "set", "format", "tsv"], env: env)
        let r = await run(["customers", "get", "cus_1"], env: env, stubs: [Self.getStub])
        #expect(r.requests.first?.url == "http://127.0.0.1:12111/v1/customers/cus_1")
        #expect(r.requests.first?.header("Stripe-Account") == "acct_7")
        #expect(r.out == "cus_1\ta@example.com\tAnn\t1795255200\n")
    }
}
