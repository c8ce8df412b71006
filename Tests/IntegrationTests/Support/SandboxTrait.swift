import Testing

/// `@Suite(.sandbox())`: one `stripe-fc sandbox` subprocess for the whole suite, stopped when it ends;
/// its tests reach it through `FCRunner.shared()`.
struct SandboxTrait: SuiteTrait, TestScoping {
    let arguments: [String]

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let sandbox = try await SandboxProcess.start(arguments)
        defer { sandbox.stop() }
        try await FCRunner.$current.withValue(FCRunner(sandbox)) {
            try await function()
        }
    }
}

extension Trait where Self == SandboxTrait {
    /// A shared sandbox started with these options (default: short refresh and settle delays).
    static func sandbox(_ arguments: [String] = SandboxProcess.defaultArguments) -> SandboxTrait {
        SandboxTrait(arguments: arguments)
    }
}
