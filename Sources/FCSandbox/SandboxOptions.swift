/// Everything `stripe-fc sandbox` can be told on its command line.
public struct SandboxOptions: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port.
    public var port: Int = 12111
    /// `--data FILE`: state survives restarts; nil keeps state in memory only.
    public var dataFile: String? = nil
    /// `--data-repair`: a damaged line in the data file cuts the file off there (see
    /// `SandboxApp.dataRepair`) instead of stopping the start.
    public var dataRepair: Bool = false
    public var seed: UInt64 = 42
    /// Added to every response, in milliseconds.
    public var latencyMS: Int = 0
    /// Probability (0...1) that a request fails with 500/503 before it is handled.
    public var failRate: Double = 0
    /// Probability (0...1) that a request is handled and then its connection closed without an answer.
    public var dropAfterRate: Double = 0
    /// Requests per second before 429; 0 means unlimited.
    public var rateLimit: Int = 0
    /// How long a refresh stays `pending`, in milliseconds.
    public var refreshDelayMS: Int = 1000
    /// Seconds after a successful refresh before the feature can be refreshed again
    /// (`next_refresh_available_at`); Stripe's is about a minute.
    public var refreshCooldownSeconds: Int = 60
    /// How long a payment stays `processing`, in milliseconds.
    public var settleDelayMS: Int = 2000
    /// Transactions generated per account (about 90 days' worth by default).
    public var transactionsPerAccount: Int = 60
    /// `--clock manual`: sandbox time stands still until advanced (`POST /v1/test_helpers/sandbox/clock/advance`).
    public var manualClock: Bool = false
    /// `--scenario FILE`: a world to seed at start-up (see `Scenario`); not with `dataFile`.
    public var scenarioFile: String? = nil
    /// `--webhook-retry-base MS`: the wait before a failed webhook delivery's first retry
    /// (doubling for each further one).
    public var webhookRetryBaseMS: Int = 60_000

    public init() {}
}
