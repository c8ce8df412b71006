@testable import fc
import Testing

/// argv → the parsed invocation, for every spelling the parser accepts.
struct ParseCase: Sendable, CustomTestStringConvertible {
    var argv: [String]
    var env: [String: String] = [:]
    var path: [String]
    var values: [String: [String]] = [:]
    var positionals: [String] = []
    /// Options given on the command line; nil means "the keys of `values`".
    var explicit: Set<String>? = nil

    var testDescription: String { "stripe-fc " + argv.joined(separator: " ") + (env.isEmpty ? "" : " \(env)") }
}

/// argv → the exact usage error, for every way argv can be wrong.
struct UsageCase: Sendable, CustomTestStringConvertible {
    var argv: [String]
    var env: [String: String] = [:]
    /// Exactly what stderr shows.
    var err: String

    var testDescription: String { "stripe-fc " + argv.joined(separator: " ") }
}

@Suite("Parser")
struct ParserTests {
    static let parseCases: [ParseCase] = [
        ParseCase(argv: ["customers", "list", "--limit", "5"], path: ["customers", "list"], values: ["limit": ["5"]]),
        ParseCase(argv: ["customers", "list", "--limit=5"], path: ["customers", "list"], values: ["limit": ["5"]]),
        ParseCase(argv: ["customers", "create", "--name=a=b"], path: ["customers", "create"], values: ["name": ["a=b"]]),
        ParseCase(argv: ["customers", "create", "--name", "-Ann"], path: ["customers", "create"], values: ["name": ["-Ann"]]),
        ParseCase(argv: ["customers", "create", "--name="], path: ["customers", "create"], values: ["name": [""]]),
        ParseCase(argv: ["customers", "list", "-q"], path: ["customers", "list"], values: ["quiet": ["true"]]),
        ParseCase(argv: ["customers", "list", "--quiet"], path: ["customers", "list"], values: ["quiet": ["true"]]),
        ParseCase(argv: ["customers", "list", "-qv"], path: ["customers", "list"], values: ["quiet": ["true"], "verbose": ["true"]]),
        ParseCase(argv: ["customers", "list", "-qvy"], path: ["customers", "list"],
                  values: ["quiet": ["true"], "verbose": ["true"], "yes": ["true"]]),
        ParseCase(argv: ["customers", "create", "--metadata", "a=1", "--metadata", "b=2"], path: ["customers", "create"],
                  values: ["metadata": ["a=1", "b=2"]]),
        ParseCase(argv: ["customers", "create", "--metadata", "url=https://x?a=b"], path: ["customers", "create"],
                  values: ["metadata": ["url=https://x?a=b"]]),
        ParseCase(argv: ["sessions", "create", "--customer", "cus_1", "--permission", "balances,ownership"],
                  path: ["sessions", "create"], values: ["customer": ["cus_1"], "permission": ["balances", "ownership"]]),
        ParseCase(argv: ["sessions", "create", "--customer", "cus_1", "--permission", "balances", "--permission", "ownership"],
                  path: ["sessions", "create"], values: ["customer": ["cus_1"], "permission": ["balances", "ownership"]]),
        ParseCase(argv: ["sessions", "create", "--customer", "cus_1", "--permission", "balances, ownership"],
                  path: ["sessions", "create"], values: ["customer": ["cus_1"], "permission": ["balances", "ownership"]]),
        ParseCase(argv: ["config", "set", "--", "api_key", "-not-an-option"], path: ["config", "set"],
                  positionals: ["api_key", "-not-an-option"]),
        ParseCase(argv: ["customers", "get", "--", "cus_x"], path: ["customers", "get"], positionals: ["cus_x"]),
        // Global options before and after the subcommand.
        ParseCase(argv: ["--json", "customers", "list"], path: ["customers", "list"], values: ["json": ["true"]]),
        ParseCase(argv: ["customers", "list", "--json"], path: ["customers", "list"], values: ["json": ["true"]]),
        ParseCase(argv: ["customers", "--format", "csv", "list"], path: ["customers", "list"], values: ["format": ["csv"]]),
        ParseCase(argv: ["--profile", "ci", "customers", "get", "cus_1", "--max-retries", "0"], path: ["customers", "get"],
                  values: ["profile": ["ci"], "max-retries": ["0"]], positionals: ["cus_1"]),
        ParseCase(argv: ["-q", "customers", "list", "--all"], path: ["customers", "list"], values: ["quiet": ["true"], "all": ["true"]]),
        ParseCase(argv: ["customer", "list"], path: ["customers", "list"]),
        ParseCase(argv: ["customers", "list", "--fields", "id,metadata.team"], path: ["customers", "list"],
                  values: ["fields": ["id", "metadata.team"]]),
        // Environment fallbacks fill values but are not explicit; the command line wins.
        ParseCase(argv: ["customers", "list"], env: ["FC_FORMAT": "csv", "FC_MAX_RETRIES": "5"], path: ["customers", "list"],
                  values: ["format": ["csv"], "max-retries": ["5"]], explicit: []),
        ParseCase(argv: ["customers", "list", "--format", "tsv"], env: ["FC_FORMAT": "csv"], path: ["customers", "list"],
                  values: ["format": ["tsv"]], explicit: ["format"]),
        ParseCase(argv: ["customers", "list"], env: ["FC_FORMAT": ""], path: ["customers", "list"], explicit: []),
        ParseCase(argv: ["customers", "list"], env: ["STRIPE_API_KEY": "sk_test_env"], path: ["customers", "list"],
                  values: ["api-key": ["sk_test_env"]], explicit: []),
    ]

    @Test("argv parses", arguments: parseCases)
    func parses(_ c: ParseCase) throws {
        let parsed = try Parser(root: CommandTree.root, environment: c.env).parse(c.argv)
        #expect(parsed.path == c.path)
        #expect(parsed.values == c.values)
        #expect(parsed.positionals == c.positionals)
        #expect(parsed.explicit == c.explicit ?? Set(c.values.keys))
        #expect(!parsed.helpRequested)
    }

    @Test("help and version are recognised", arguments: [
        (["--help"], [String]()), (["-h"], []), (["help"], []), (["help", "customers", "create"], ["customers", "create"]),
        (["customers", "create", "--help"], ["customers", "create"]), (["customers", "-h", "create"], ["customers", "create"]),
        // help wins over a usage error on the same line
        (["customers", "list", "--limit", "abc", "--help"], ["customers", "list"]),
    ])
    func help(_ argv: [String], path: [String]) throws {
        let parsed = try Parser(root: CommandTree.root, environment: [:]).parse(argv)
        #expect(parsed.helpRequested)
        #expect(parsed.path == path)
    }

    @Test func version() throws {
        #expect(try Parser(root: CommandTree.root, environment: [:]).parse(["--version"]).versionRequested)
    }

    static let usageCases: [UsageCase] = [
        UsageCase(argv: ["custmers", "list"], err: "error: unknown command 'custmers'; did you mean 'customers'?\nRun 'stripe-fc --help' for usage.\n"),
        UsageCase(argv: ["customers", "lst"],
                  err: "error: unknown command 'lst' for 'stripe-fc customers'; did you mean 'list'?\nRun 'stripe-fc customers --help' for usage.\n"),
        UsageCase(argv: ["help", "custmers"], err: "error: unknown command 'custmers'; did you mean 'customers'?\nRun 'stripe-fc --help' for usage.\n"),
        UsageCase(argv: ["zzzzzz"], err: "error: unknown command 'zzzzzz'\nRun 'stripe-fc --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "--limt", "5"],
                  err: "error: unknown option '--limt' for 'stripe-fc customers list'; did you mean '--limit'?\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["--jsn", "customers", "list"], err: "error: unknown option '--jsn'; did you mean '--json'?\nRun 'stripe-fc --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "-x"], err: "error: unknown option '-x' for 'stripe-fc customers list'\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "--limit", "abc"],
                  err: "error: invalid value 'abc' for --limit: expected a whole number\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "--limit=0"],
                  err: "error: invalid value '0' for --limit: must be at least 1\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "--format", "xml"],
                  err: "error: invalid value 'xml' for --format: allowed: table, json, jsonl, csv, tsv\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["sessions", "create", "--customer", "cus_1", "--permission", "balances,money"],
                  err: "error: invalid value 'money' for --permission: allowed: balances, ownership, payment_method, transactions\nRun 'stripe-fc sessions create --help' for usage.\n"),
        UsageCase(argv: ["customers", "get", "abc"],
                  err: "error: invalid CUSTOMER 'abc': expected an id starting with 'cus_'\nRun 'stripe-fc customers get --help' for usage.\n"),
        UsageCase(argv: ["customers", "get", "cus_"],
                  err: "error: invalid CUSTOMER 'cus_': expected an id starting with 'cus_'\nRun 'stripe-fc customers get --help' for usage.\n"),
        UsageCase(argv: ["sessions", "create", "--customer", "acct_1", "--permission", "balances"],
                  err: "error: invalid value 'acct_1' for --customer: expected an id starting with 'cus_'\nRun 'stripe-fc sessions create --help' for usage.\n"),
        UsageCase(argv: ["sessions", "create", "--customer", "cus_1"],
                  err: "error: missing required option '--permission P'\nRun 'stripe-fc sessions create --help' for usage.\n"),
        UsageCase(argv: ["customers", "get"], err: "error: missing argument CUSTOMER\nRun 'stripe-fc customers get --help' for usage.\n"),
        UsageCase(argv: ["customers", "get", "cus_1", "cus_2"],
                  err: "error: unexpected argument 'cus_2'\nRun 'stripe-fc customers get --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "extra"], err: "error: unexpected argument 'extra'\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "create", "--email"],
                  err: "error: option '--email' needs a value (EMAIL)\nRun 'stripe-fc customers create --help' for usage.\n"),
        UsageCase(argv: ["customers", "create", "--name", "--email", "a@example.com"],
                  err: "error: option '--name' needs a value (NAME)\nRun 'stripe-fc customers create --help' for usage.\n"),
        UsageCase(argv: ["customers", "create", "--email", "a@x", "--email", "b@x"],
                  err: "error: option '--email' was given more than once\nRun 'stripe-fc customers create --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "--all=yes"], err: "error: option '--all' takes no value\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "create", "--metadata", "novalue"],
                  err: "error: invalid value 'novalue' for --metadata: expected key=value\nRun 'stripe-fc customers create --help' for usage.\n"),
        UsageCase(argv: ["customers", "list"], env: ["FC_FORMAT": "xml"],
                  err: "error: invalid value 'xml' in FC_FORMAT: allowed: table, json, jsonl, csv, tsv\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "list"], env: ["FC_MAX_RETRIES": "lots"],
                  err: "error: invalid value 'lots' in FC_MAX_RETRIES: expected a whole number\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "list"], env: ["FC_MAX_RETRIES": "99"],
                  err: "error: invalid value '99' in FC_MAX_RETRIES: must be between 0 and 10\nRun 'stripe-fc customers list --help' for usage.\n"),
        UsageCase(argv: ["customers", "list", "--limit", "5", "--all"], err: "error: --limit and --all cannot be used together\n"),
    ]

    @Test("usage errors exit 2 with exact text and send nothing", arguments: usageCases)
    func usageError(_ c: UsageCase) async {
        var env = testEnv()
        env.merge(c.env) { _, new in new }
        let result = await run(c.argv, env: env)
        #expect(result.code == 2)
        #expect(result.err == c.err)
        #expect(result.out == "")
        #expect(result.requests.isEmpty)
    }

    @Test func suggestionsUseEditDistance() {
        #expect(EditDistance.distance("custmers", "customers") == 1)
        #expect(EditDistance.closest(to: "custmers", among: ["customers", "sessions"]) == "customers")
        #expect(EditDistance.closest(to: "xyz", among: ["customers", "sessions"]) == nil)
        #expect(EditDistance.closest(to: "sess", among: ["customers", "sessions"]) == "sessions")
    }
}
