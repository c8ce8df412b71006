import Foundation
import Testing
@testable import FCKit

/// A fresh folder under the system temp dir, removed by `cleanUp()`.
struct TempFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fckit-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String, mode: Int) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    func mode(_ target: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct ConfigFileTests {
    @Test(arguments: [
        (["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"], "/xdg/stripe-fc/config.toml"),
        (["XDG_CONFIG_HOME": "/xdg/", "HOME": "/home/u"], "/xdg/stripe-fc/config.toml"),
        (["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"], "/home/u/.config/stripe-fc/config.toml"),
        (["XDG_CONFIG_HOME": "", "HOME": "/home/u"], "/home/u/.config/stripe-fc/config.toml"),
        (["HOME": "/root"], "/root/.config/stripe-fc/config.toml"),
    ])
    func path(_ environment: [String: String], _ expected: String) {
        #expect(ConfigFile.path(environment: environment) == expected)
    }

    @Test func missingFileIsEmpty() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let config = try ConfigFile.load(path: folder.file("nope/config.toml"))
        #expect(config.profiles.isEmpty)
        #expect(config.value("api_key", profile: "default") == nil)
    }

    @Test func parsesProfilesCommentsAndEscapes() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let text = """
            # stripe-fc configuration
            [default]
            api_key = "sk_test_51Habcdefghijklmn1234"   # test key
            base_url = "http://127.0.0.1:12111"

              [ "live-eu" ]\r
            format='json'
            stripe_account = "acct_\\u00e9\\t\\"q\\"\\\\ \\n#not-a-comment"
            """
        let path = try folder.write("config.toml", text, mode: 0o600)
        let config = try ConfigFile.load(path: path)
        #expect(config.profiles.map(\.name) == ["default", "live-eu"])
        #expect(config.profiles[0].values.map(\.key) == ["api_key", "base_url"])
        #expect(config.value("api_key", profile: "default") == "sk_test_51Habcdefghijklmn1234")
        #expect(config.value("format", profile: "live-eu") == "json")
        #expect(config.value("stripe_account", profile: "live-eu") == "acct_é\t\"q\"\\ \n#not-a-comment")
        #expect(config.value("format", profile: "default") == nil)
        #expect(config.value("api_key", profile: "other") == nil)
    }

    @Test(arguments: [
        ("api_key = \"x\"", 1, "'api_key' is outside any [profile] table"),
        ("[default]\napi_key = x", 2, "the value of 'api_key' must be a quoted string"),
        ("[default]\n\n# c\napi_key = \"x", 4, "unterminated string"),
        ("[default\napi_key = \"x\"", 1, "expected ']' to close the table header"),
        ("[default]\napi_key \"x\"", 2, "expected '=' after key 'api_key'"),
        ("[default]\napi_key = \"x\" y", 2, "unexpected text after the value: 'y'"),
        ("[default]\napi_key = \"\\q\"", 2, "invalid escape '\\q' in a string"),
        ("[default]\napi_key = \"\\u12\"", 2, "invalid \\u escape: expected 4 hex digits of a Unicode scalar"),
        ("[a]\nk = \"1\"\nk = \"2\"", 3, "key 'k' is set twice in [a]"),
        ("[a]\n[b]\n[a]", 3, "table [a] is defined twice"),
        ("[a]\nk =", 2, "missing value for key 'k'"),
        ("[[a]]", 1, "arrays of tables ([[…]]) are not supported"),
        ("[a]\n= \"v\"", 2, "expected a key, found '='"),
    ])
    func syntaxErrorsNameTheLine(_ text: String, _ line: Int, _ message: String) throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = try folder.write("config.toml", text, mode: 0o600)
        #expect(throws: ConfigError(message: "\(path):\(line): \(message)")) { try ConfigFile.load(path: path) }
    }

    @Test func saveCreatesTheFolderWritesMode0600AndRoundTrips() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = folder.file("xdg/stripe-fc/config.toml")
        var config = ConfigFile()
        config.set("api_key", "sk_test_51Habcdefghijklmn1234", profile: "default")
        config.set("base_url", "http://127.0.0.1:12111", profile: "default")
        config.set("format", "tab\there \"quoted\" \\ é", profile: "ci runner")
        try config.save(path: path)
        #expect(try folder.mode(path) == 0o600)
        #expect(try folder.mode(folder.file("xdg/stripe-fc")) == 0o700)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
            [default]
            api_key = "sk_test_51Habcdefghijklmn1234"
            base_url = "http://127.0.0.1:12111"

            ["ci runner"]
            format = "tab\\there \\"quoted\\" \\\\ é"

            """)
        #expect(try ConfigFile.load(path: path) == config)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.file("xdg/stripe-fc"))
        #expect(leftovers == ["config.toml"])
    }

    @Test func saveReplacesAReadableFileWithA0600One() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = try folder.write("stripe-fc/config.toml", "[default]\nformat = \"json\"\n", mode: 0o644)
        var config = try ConfigFile.load(path: path)
        config.set("api_key", "sk_test_51Habcdefghijklmn1234", profile: "default")
        try config.save(path: path)
        #expect(try folder.mode(path) == 0o600)
        #expect(try ConfigFile.load(path: path).value("api_key", profile: "default") == "sk_test_51Habcdefghijklmn1234")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660])
    func refusesAnExposedFileHoldingAKey(_ mode: Int) throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = try folder.write("config.toml", "[default]\napi_key = \"sk_test_51Habcdefghijklmn1234\"\n", mode: mode)
        let expected = "\(path) holds an API key but other users can access it (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
        #expect(throws: ConfigError(message: expected)) { try ConfigFile.load(path: path) }
    }

    @Test func anExposedFileWithoutAKeyIsFine() throws {
        let folder = try TempFolder()
        defer { folder.cleanUp() }
        let path = try folder.write("config.toml", "[default]\nformat = \"json\"\n", mode: 0o644)
        #expect(try ConfigFile.load(path: path).value("format", profile: "default") == "json")
    }

    @Test func setReplacesInPlaceAndUnsetDropsEmptyProfiles() {
        var config = ConfigFile()
        config.set("a", "1", profile: "p")
        config.set("b", "2", profile: "p")
        config.set("a", "3", profile: "p")
        config.set("a", "x", profile: "q")
        #expect(config.profiles.map(\.name) == ["p", "q"])
        #expect(config.profiles[0].values.map(\.key) == ["a", "b"])
        #expect(config.value("a", profile: "p") == "3")
        let results = [config.unset("a", profile: "p"), config.unset("a", profile: "p"),
                       config.unset("zzz", profile: "nope"), config.unset("a", profile: "q")]
        #expect(results == [true, false, false, true])
        #expect(config.profiles.map(\.name) == ["p"])
    }
}

@Suite struct CredentialsTests {
    static let config: ConfigFile = {
        var config = ConfigFile()
        config.set("api_key", "sk_test_profile", profile: "default")
        config.set("api_key", "sk_test_ci", profile: "ci")
        config.set("api_key", "", profile: "blank")
        return config
    }()

    @Test(arguments: [
        ("sk_test_flag", ["STRIPE_API_KEY": "sk_test_env"], "default", "sk_test_flag", "--api-key"),
        (nil, ["STRIPE_API_KEY": "sk_test_env"], "default", "sk_test_env", "STRIPE_API_KEY"),
        (nil, [:], "default", "sk_test_profile", "profile default"),
        (nil, [:], "ci", "sk_test_ci", "profile ci"),
        ("", ["STRIPE_API_KEY": ""], "ci", "sk_test_ci", "profile ci"),
    ] as [(String?, [String: String], String, String, String)])
    func precedence(_ flag: String?, _ environment: [String: String], _ profile: String, _ key: String, _ source: String) throws {
        let resolved = try #require(Credentials.resolve(flag: flag, environment: environment, config: Self.config, profile: profile))
        #expect(resolved.key == key)
        #expect(resolved.source == source)
    }

    @Test func nothingConfigured() {
        #expect(Credentials.resolve(flag: nil, environment: [:], config: Self.config, profile: "missing") == nil)
        #expect(Credentials.resolve(flag: nil, environment: [:], config: Self.config, profile: "blank") == nil)
    }
}
