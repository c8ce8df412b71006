@testable import fc
import FCKit
import Foundation
import Testing

/// First-day rough edges (issue 8): mistakes a new user makes in the first hour, each caught
/// before anything is sent, with a message that says what to do.
@Suite("First-day rough edges")
struct FirstDayTests {
    static let getStub = Stub.json("GET", "/v1/customers/cus_1", customerJSON("cus_1"))

    /// A config home whose file has the profiles `default` and `prod` (no key in it, so no mode rules apply).
    static func homeWithProfiles() async -> [String: String] {
        let env = testEnv()
        _ = await run(["config", "set", "format", "json"], env: env)
        _ = await run(["--profile", "prod", "config", "set", "base_url", "https://api.stripe.com"], env: env)
        return env
    }

    // MARK: a. a profile that does not exist

    @Test("--profile naming a profile the file lacks: exit 2 naming the profiles it has, nothing sent",
          arguments: [["--profile", "pord", "customers", "get", "cus_1"], ["customers", "get", "cus_1", "--profile=pord"], ["--profile", "pord", "config", "list"],
                      ["--profile", "pord", "config", "get", "format"]])
    func unknownProfile(_ argv: [String]) async {
        let env = await Self.homeWithProfiles()
        let r = await run(argv, env: env)
        #expect(r.code == ExitCode.usage, "\(r)")
        #expect(r.requests.isEmpty)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("error: --profile names 'pord', which is not a profile in "), "\(r.err)")
        #expect(r.err.contains("profiles there: default, prod"), "\(r.err)")
        #expect(r.err.contains("hint: create it with 'stripe-fc --profile pord config set KEY VALUE'"), "\(r.err)")
    }

    @Test("FC_PROFILE naming a profile, with no config file at all: exit 2 saying there is none")
    func unknownProfileFromTheEnvironmentWithoutAFile() async {
        var env = testEnv()
        env["FC_PROFILE"] = "ci"
        let r = await run(["customers", "get", "cus_1"], env: env)
        #expect(r.code == ExitCode.usage, "\(r)")
        #expect(r.requests.isEmpty)
        #expect(r.err.hasPrefix("error: FC_PROFILE names 'ci', which is not a profile in "), "\(r.err)")
        #expect(r.err.contains("there is no config file"), "\(r.err)")
    }

    @Test("the default profile needs no file; an existing profile is used; config set creates a new one")
    func knownProfilesWork() async {
        let bare = await run(["--profile", "default", "customers", "get", "cus_1"], stubs: [Self.getStub])
        #expect(bare.code == 0, "\(bare)")
        let env = await Self.homeWithProfiles()
        let prod = await run(["--profile", "prod", "customers", "get", "cus_1"], env: env, stubs: [Self.getStub])
        #expect(prod.code == 0, "\(prod)")
        let created = await run(["--profile", "staging", "config", "set", "format", "csv"], env: env)
        #expect(created.code == 0, "\(created)")
        #expect(await run(["--profile", "staging", "config", "get", "format"], env: env).out == "csv\n")
    }

    // MARK: b. a publishable key

    @Test("a publishable key is refused before anything is sent, and not echoed in full",
          arguments: ["flag", "environment"])
    func publishableKeyRefused(_ source: String) async {
        let key = "pk_test_51PublishableKey000000wxyz"
        var env = testEnv(key: source == "environment" ? key : nil)
        env["XDG_CONFIG_HOME"] = uniqueConfigHome()
        let argv = ["customers", "get", "cus_1"] + (source == "flag" ? ["--api-key", key] : [])
        let r = await run(argv, env: env)
        #expect(r.code == ExitCode.usage, "\(r)")
        #expect(r.requests.isEmpty)
        #expect(!r.err.contains(key) && !r.out.contains(key), "the key was echoed: \(r.err)")
        #expect(r.err.contains(Secrets.mask(key)), "\(r.err)")
        #expect(r.err.contains("publishable key"), "\(r.err)")
        #expect(r.err.contains(source == "flag" ? "--api-key" : "STRIPE_API_KEY"), "\(r.err)")
    }

    // MARK: c. --json with another --format

    @Test("--json with --format other than json is a usage error, in either order", arguments: [
        ["--json", "--format", "csv"], ["--format", "jsonl", "--json"], ["--format=table", "--json"],
    ])
    func jsonWithAnotherFormat(_ flags: [String]) async {
        let r = await run(["customers", "get", "cus_1"] + flags)
        #expect(r.code == ExitCode.usage, "\(r)")
        #expect(r.requests.isEmpty)
        #expect(r.err.contains("--json"), "\(r.err)")
    }

    @Test("--json with --format json is fine, and --json beats FC_FORMAT")
    func jsonWithJSON() async throws {
        let r = await run(["customers", "get", "cus_1", "--json", "--format", "json"], stubs: [Self.getStub])
        #expect(r.code == 0, "\(r)")
        #expect(try JSON.parse(r.out)["id"] == "cus_1")
        var env = testEnv()
        env["FC_FORMAT"] = "csv"
        let overridden = await run(["customers", "get", "cus_1", "--json"], env: env, stubs: [Self.getStub])
        #expect(overridden.code == 0, "\(overridden)")
        #expect(try JSON.parse(overridden.out)["id"] == "cus_1")
    }

    // MARK: d. config unset of a key that is not set

    @Test("config unset of a key that is not set: exit 0, a note on stderr, the file untouched")
    func unsetNotSet() async throws {
        let env = await Self.homeWithProfiles()
        let path = env["XDG_CONFIG_HOME"]! + "/stripe-fc/config.toml"
        let before = FileManager.default.contents(atPath: path)
        let r = await run(["config", "unset", "api_key"], env: env)
        #expect(r.code == 0, "\(r)")
        #expect(r.out == "")
        #expect(r.err == "note: api_key is not set in profile 'default'; nothing to unset\n")
        #expect(FileManager.default.contents(atPath: path) == before)
        // Likewise for a profile that is not there (it may have been emptied by an earlier unset).
        let gone = await run(["--profile", "ci", "config", "unset", "format"], env: env)
        #expect(gone.code == 0, "\(gone)")
        #expect(gone.err == "note: format is not set in profile 'ci'; nothing to unset\n")
    }

    // MARK: e. events follow --interval below 1 s

    @Test("events follow --interval below 1s is refused before anything is sent", arguments: ["0.5s", "0", "0.999"])
    func followIntervalTooShort(_ interval: String) async {
        let r = await run(["events", "follow", "--interval", interval])
        #expect(r.code == ExitCode.usage, "\(r)")
        #expect(r.requests.isEmpty)
        #expect(r.err.hasPrefix("error: invalid value '\(interval)' for --interval: must be at least 1s\n"), "\(r.err)")
    }

    @Test("events follow --interval of 1s or more parses", arguments: ["1s", "1", "2m"])
    func followIntervalAccepted(_ interval: String) throws {
        let parsed = try Parser(root: CommandTree.root, environment: [:]).parse(["events", "follow", "--interval", interval])
        #expect(parsed.string("interval") == interval)
    }

    // MARK: f. stripe-fc version

    @Test("stripe-fc version prints what --version prints")
    func versionCommand() async {
        let word = await run(["version"])
        let flag = await run(["--version"])
        #expect(word.code == 0, "\(word)")
        #expect(word.out == flag.out)
        #expect(word.out == "stripe-fc \(FC.version)\n")
        #expect(word.err == "")
        #expect(word.requests.isEmpty)
        #expect(CommandTree.find(["version"])?.run != nil, "version is a command of the tree (help, completions, man page, docs)")
    }
}
