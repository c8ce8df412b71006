import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A config file that cannot be read, trusted or written. The message is ready to show.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// `config.toml`: named profiles, each an ordered list of `key = "value"` settings.
public struct ConfigFile: Sendable, Equatable {
    /// The keys `stripe-fc config` knows about.
    public static let knownKeys = ["api_key", "base_url", "stripe_account", "format", "publishable_key"]

    /// Profiles in file order, each with its settings in file order.
    public var profiles: [(name: String, values: [(key: String, value: String)])]

    public init(profiles: [(name: String, values: [(key: String, value: String)])] = []) {
        self.profiles = profiles
    }

    public static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.profiles.count == rhs.profiles.count && zip(lhs.profiles, rhs.profiles).allSatisfy { l, r in
            l.name == r.name && l.values.count == r.values.count
                && zip(l.values, r.values).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }

    /// `$XDG_CONFIG_HOME/stripe-fc/config.toml`, else `$HOME/.config/stripe-fc/config.toml`.
    public static func path(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "stripe-fc/config.toml")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return join(home, ".config/stripe-fc/config.toml")
    }

    /// Where the tool kept its file before it was renamed from `fc` to `stripe-fc`.
    public static func legacyPath(environment: [String: String]) -> String {
        let current = path(environment: environment)
        return String(current.dropLast("stripe-fc/config.toml".count)) + "fc/config.toml"
    }

    /// The file to read: the current one, or the pre-rename one when only it exists
    /// (`isLegacy`, so the caller can say so). Writes always go to `path(environment:)`.
    public static func readablePath(environment: [String: String]) -> (path: String, isLegacy: Bool) {
        let current = path(environment: environment), legacy = legacyPath(environment: environment)
        let files = FileManager.default
        if !files.fileExists(atPath: current) && files.fileExists(atPath: legacy) { return (legacy, true) }
        return (current, false)
    }

    /// Reads the file; a missing file is an empty config. Refuses a group- or world-readable
    /// file that holds an `api_key`, since anyone on the machine could take the key.
    public static func load(path: String) throws(ConfigError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw ConfigError(message: "cannot read config file \(path)")
            }
            return ConfigFile()
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(message: "\(path): not UTF-8 text")
        }
        let config: ConfigFile
        do {
            config = ConfigFile(profiles: try TOMLSubset.parse(text))
        } catch {
            throw ConfigError(message: "\(path):\(error.line): \(error.message)")
        }
        if config.holdsAPIKey, let mode = permissions(of: path), mode & 0o077 != 0 {
            throw ConfigError(message: "\(path) holds an API key but other users can access it (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
        return config
    }

    /// Writes the file with mode 0600 (creating its folder with 0700), atomically: a crash leaves
    /// either the old file or the new one, never half of one.
    public func save(path: String) throws(ConfigError) {
        do {
            try AtomicFile.write(Array(TOMLSubset.serialize(profiles).utf8), to: path)
        } catch {
            throw ConfigError(message: error.message)
        }
    }

    /// The value of `key` in `profile`, if set.
    public func value(_ key: String, profile: String) -> String? {
        profiles.first { $0.name == profile }?.values.first { $0.key == key }?.value
    }

    /// Sets `key` in `profile`, replacing in place or appending (and creating the profile).
    public mutating func set(_ key: String, _ value: String, profile: String) {
        guard let p = profiles.firstIndex(where: { $0.name == profile }) else {
            profiles.append((profile, [(key, value)]))
            return
        }
        if let k = profiles[p].values.firstIndex(where: { $0.key == key }) {
            profiles[p].values[k].value = value
        } else {
            profiles[p].values.append((key, value))
        }
    }

    /// Removes `key` from `profile`; false when it was not set. An emptied profile is dropped.
    public mutating func unset(_ key: String, profile: String) -> Bool {
        guard let p = profiles.firstIndex(where: { $0.name == profile }),
              let k = profiles[p].values.firstIndex(where: { $0.key == key }) else { return false }
        profiles[p].values.remove(at: k)
        if profiles[p].values.isEmpty { profiles.remove(at: p) }
        return true
    }

    private var holdsAPIKey: Bool {
        profiles.contains { $0.values.contains { $0.key == "api_key" && !$0.value.isEmpty } }
    }

    private static func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o777
    }

    private static func join(_ folder: String, _ rest: String) -> String {
        folder.hasSuffix("/") ? folder + rest : folder + "/" + rest
    }
}
