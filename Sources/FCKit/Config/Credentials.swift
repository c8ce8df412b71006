/// Where the API key comes from: `--api-key` beats `STRIPE_API_KEY`, which beats the profile.
public enum Credentials {
    /// The key to use and a human name for its source (`--api-key`, `STRIPE_API_KEY`,
    /// `profile <name>`), or nil when none is configured. Empty values count as unset.
    public static func resolve(flag: String?, environment: [String: String], config: ConfigFile,
                               profile: String) -> (key: String, source: String)? {
        if let flag, !flag.isEmpty { return (flag, "--api-key") }
        if let env = environment["STRIPE_API_KEY"], !env.isEmpty { return (env, "STRIPE_API_KEY") }
        if let stored = config.value("api_key", profile: profile), !stored.isEmpty { return (stored, "profile \(profile)") }
        return nil
    }
}
