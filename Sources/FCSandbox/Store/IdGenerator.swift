/// Ids in Stripe's shapes (`cus_` + 14 alphanumerics, `fca_1…` + 24), derived from the seed and
/// a counter so a journal replay recreates exactly the same ids.
struct IdGenerator: Sendable {
    let seed: UInt64
    private(set) var counter: UInt64 = 0

    init(seed: UInt64) { self.seed = seed }

    /// Moves the counter on to `counter` (never back), past ids that were spent on a rolled-back change.
    mutating func skip(to counter: UInt64) {
        self.counter = max(self.counter, counter)
    }

    /// An id the next `next(prefix)` for its prefix hands out instead of a generated one (a scenario file's fixed ids).
    private var pinned: String? = nil

    mutating func pin(_ id: String) { pinned = id }

    mutating func next(_ prefix: String) -> String {
        counter += 1
        if let id = pinned, id.hasPrefix(prefix + "_") {
            pinned = nil
            return id
        }
        var rng = SeededRandom(seed, counter, SeededRandom.hash(prefix))
        switch prefix {
        case "cus", "pm", "pi":
            return prefix + "_" + (prefix == "cus" ? "" : "3") + rng.alphanumerics(prefix == "cus" ? 14 : 23)
        case "acct":
            return "acct_1" + rng.alphanumerics(15)
        default:
            return prefix + "_1" + rng.alphanumerics(23)
        }
    }

    /// A secret suffix (client secrets), from the same counter.
    mutating func secret(_ length: Int) -> String {
        counter += 1
        var rng = SeededRandom(seed, counter, 0x5EC2E7)
        return rng.alphanumerics(length)
    }
}
