import FCKit
import FCSandbox
import Foundation
import Testing

/// A clock that never sleeps: `sleep` records the request and moves time on.
final class ManualFaultClock: FaultClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Duration.zero
    private var recorded: [Duration] = []

    var sleeps: [Duration] { lock.withLock { recorded } }

    func now() -> Duration { lock.withLock { current } }

    func advance(by duration: Duration) { lock.withLock { current += duration } }

    func sleep(for duration: Duration) async {
        lock.withLock {
            recorded.append(duration)
            current += duration
        }
    }
}

/// Stands in for the app and counts what reaches it.
actor CountingHandler: SandboxHandler {
    private(set) var count = 0

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        count += 1
        return SandboxResponse(status: 200, body: Array("ok".utf8))
    }
}

@Suite("Fault injection")
struct FaultTests {
    private func injector(
        _ configure: (inout SandboxOptions) -> Void = { _ in }, seed: UInt64 = 7
    ) -> (FaultInjector, CountingHandler, ManualFaultClock) {
        var options = SandboxOptions()
        configure(&options)
        let app = CountingHandler()
        let clock = ManualFaultClock()
        let faults = FaultInjector(wrapping: app, options: options, random: FaultInjector.SeededRandom(seed: seed), clock: clock)
        return (faults, app, clock)
    }

    private func request(fault: String? = nil) -> SandboxRequest {
        SandboxRequest(method: "POST", path: "/v1/customers", headers: fault.map { [(name: "Sandbox-Fault", value: $0)] } ?? [])
    }

    private func errorObject(_ response: SandboxResponse) throws -> JSON {
        try #require(try JSON.parse(response.body)["error"])
    }

    private func isStripeRequestID(_ value: String?) -> Bool {
        guard let value, value.hasPrefix("req_") else { return false }
        let rest = value.dropFirst(4)
        return rest.count == 14 && rest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    @Test func failRateOneFailsEveryRequestBeforeTheApp() async throws {
        let (faults, app, _) = injector { $0.failRate = 1 }
        var statuses: Set<Int> = []
        for _ in 0..<100 {
            let response = await faults.handle(request())
            statuses.insert(response.status)
            #expect(response.header("Stripe-Should-Retry") == "true")
            #expect(isStripeRequestID(response.header("Request-Id")))
            #expect(response.header("Content-Type") == "application/json")
            #expect(try errorObject(response)["type"] == "api_error")
            #expect(try errorObject(response)["message"]?.stringValue?.isEmpty == false)
        }
        #expect(statuses == [500, 503])
        #expect(await app.count == 0)
    }

    @Test func failRateZeroPassesEverything() async {
        let (faults, app, _) = injector()
        for _ in 0..<50 { #expect(await faults.handle(request()).status == 200) }
        #expect(await app.count == 50)
    }

    @Test func partialFailRateFailsAboutThatFraction() async {
        let (faults, app, _) = injector { $0.failRate = 0.3 }
        var failed = 0
        for _ in 0..<1000 where await faults.handle(request()).status >= 500 { failed += 1 }
        #expect((200...400).contains(failed))
        #expect(await app.count == 1000 - failed)
    }

    @Test func sameSeedGivesTheSameFaults() async {
        func run() async -> [String] {
            let (faults, _, _) = injector({ $0.failRate = 0.5 }, seed: 99)
            var trace: [String] = []
            for _ in 0..<30 {
                let response = await faults.handle(request())
                trace.append("\(response.status) \(response.header("Request-Id") ?? "-")")
            }
            return trace
        }
        #expect(await run() == run())
    }

    @Test func rateLimitLetsNThroughPerSecondThen429() async throws {
        let (faults, app, clock) = injector { $0.rateLimit = 5 }
        var statuses: [Int] = []
        for _ in 0..<7 { statuses.append(await faults.handle(request()).status) }
        #expect(statuses == [200, 200, 200, 200, 200, 429, 429])

        let limited = await faults.handle(request())
        #expect(limited.header("Stripe-Should-Retry") == "true")
        #expect(isStripeRequestID(limited.header("Request-Id")))
        let error = try errorObject(limited)
        #expect(error["type"] == "invalid_request_error")
        #expect(error["code"] == "rate_limit")
        #expect(error["message"]?.stringValue?.hasPrefix("Too many requests hit the API too quickly.") == true)

        clock.advance(by: .milliseconds(999))
        #expect(await faults.handle(request()).status == 429)
        clock.advance(by: .milliseconds(1))
        for _ in 0..<5 { #expect(await faults.handle(request()).status == 200) }
        #expect(await faults.handle(request()).status == 429)
        #expect(await app.count == 10)
    }

    @Test(arguments: [("500", 500), ("503", 503), ("429", 429), (" Drop ", 0)])
    func faultHeaderAnswersWithoutReachingTheApp(value: String, status: Int) async throws {
        let (faults, app, _) = injector()
        let response = await faults.handle(request(fault: value))
        #expect(response.status == status)
        if status == 0 {
            #expect(response.drop)
        } else {
            #expect(response.header("Stripe-Should-Retry") == "true")
            #expect(isStripeRequestID(response.header("Request-Id")))
            #expect(try errorObject(response)["type"] == (status == 429 ? "invalid_request_error" : "api_error"))
        }
        #expect(await app.count == 0)
    }

    @Test func dropAfterHeaderLetsTheAppActThenDropsTheAnswer() async {
        let (faults, app, clock) = injector { $0.latencyMS = 20 }
        let response = await faults.handle(request(fault: "drop-after"))
        #expect(response.drop)
        #expect(await app.count == 1)
        #expect(clock.sleeps == [.milliseconds(20)])
    }

    @Test func dropAfterRateOneDropsEveryAnswerAfterTheApp() async {
        let (faults, app, _) = injector { $0.dropAfterRate = 1 }
        for _ in 0..<20 { #expect(await faults.handle(request()).drop) }
        #expect(await app.count == 20)
    }

    @Test func partialDropAfterRateDropsAboutThatFractionAndIsSeeded() async {
        func run(seed: UInt64) async -> [Bool] {
            let (faults, app, _) = injector({ $0.dropAfterRate = 0.3 }, seed: seed)
            var trace: [Bool] = []
            for _ in 0..<1000 { trace.append(await faults.handle(request()).drop) }
            #expect(await app.count == 1000)
            return trace
        }
        let trace = await run(seed: 99)
        #expect((200...400).contains(trace.filter { $0 }.count))
        #expect(await run(seed: 99) == trace)
        #expect(await run(seed: 100) != trace)
    }

    @Test func failRateComesBeforeDropAfterRate() async {
        let (faults, app, _) = injector { $0.failRate = 1; $0.dropAfterRate = 1 }
        let response = await faults.handle(request())
        #expect(!response.drop && response.status >= 500)
        #expect(await app.count == 0)
    }

    @Test func delayHeaderWaitsThenPassesThrough() async {
        let (faults, app, clock) = injector { $0.latencyMS = 20 }
        let response = await faults.handle(request(fault: "delay=250"))
        #expect(response.status == 200)
        #expect(clock.sleeps == [.milliseconds(250), .milliseconds(20)])
        #expect(await app.count == 1)
    }

    @Test func invalidFaultHeaderIsA400ThatChangesNothing() async throws {
        let (faults, app, _) = injector()
        let response = await faults.handle(request(fault: "teapot"))
        #expect(response.status == 400)
        #expect(response.header("Stripe-Should-Retry") == "false")
        #expect(try errorObject(response)["type"] == "invalid_request_error")
        #expect(await app.count == 0)
    }

    @Test func latencyIsAddedToEveryAnswer() async {
        let (faults, _, clock) = injector { $0.latencyMS = 120 }
        _ = await faults.handle(request())
        _ = await faults.handle(request(fault: "503"))
        #expect(clock.sleeps == [.milliseconds(120), .milliseconds(120)])
    }

    @Test(arguments: [
        ("500", FaultInjector.Fault.status(500)), ("503", .status(503)), ("429", .status(429)),
        ("DROP", .drop), ("Drop-After", .dropAfter), ("delay=0", .delay(milliseconds: 0)), ("delay=1500", .delay(milliseconds: 1500)),
    ])
    func faultHeaderValuesParse(value: String, fault: FaultInjector.Fault) {
        #expect(FaultInjector.Fault(headerValue: value) == fault)
    }

    @Test(arguments: ["", "404", "delay=", "delay=-1", "delay=abc", "delay=999999999", "drop please", "drop-after=1", "dropafter"])
    func badFaultHeaderValuesDoNotParse(value: String) {
        #expect(FaultInjector.Fault(headerValue: value) == nil)
    }
}
