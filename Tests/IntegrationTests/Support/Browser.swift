import FCKit
import Foundation
import Testing

/// A page as a browser got it, with its forms.
struct WebPage: Sendable, CustomStringConvertible {
    let url: String
    let status: Int
    let headers: [(name: String, value: String)]
    let text: String

    func header(_ name: String) -> String? { HTTPHeaders.first(name, in: headers) }

    var forms: [WebForm] {
        text.matches(of: /(?s)<form\b([^>]*)>(.*?)<\/form>/).map { match in
            let attributes = WebForm.attributes(String(match.1))
            let inner = String(match.2)
            let inputs = inner.matches(of: /<input\b([^>]*)>/).map { WebForm.attributes(String($0.1)) }
            let buttons = inner.matches(of: /(?s)<button\b[^>]*>(.*?)<\/button>/).map { WebForm.unescape(String($0.1)) }
            return WebForm(action: WebForm.resolve(attributes["action"] ?? "", against: url),
                           method: (attributes["method"] ?? "get").uppercased(), inputs: inputs, buttons: buttons)
        }
    }

    /// The form with this button, as a person would pick it.
    func form(button: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> WebForm {
        try #require(forms.first { $0.buttons.contains(button) }, "no form with a '\(button)' button on \(url):\n\(text)",
                     sourceLocation: sourceLocation)
    }

    var description: String { "\(status) \(url)\n\(text)" }
}

/// A form: where it goes, and its inputs' attributes.
struct WebForm: Sendable {
    let action: String
    let method: String
    let inputs: [[String: String]]
    let buttons: [String]

    /// What submitting sends: hidden and text inputs, and checked boxes and radios that are not
    /// disabled; `choosing` replaces the values of the names it gives (ticking those boxes).
    func fields(choosing: [String: [String]] = [:]) -> [(String, String)] {
        var out: [(String, String)] = []
        for input in inputs {
            guard let name = input["name"], input["disabled"] == nil, choosing[name] == nil else { continue }
            let type = input["type"] ?? "text"
            if ["checkbox", "radio"].contains(type), input["checked"] == nil { continue }
            out.append((name, input["value"] ?? (["checkbox", "radio"].contains(type) ? "on" : "")))
        }
        for (name, values) in choosing.sorted(by: { $0.key < $1.key }) {
            for value in values { out.append((name, value)) }
        }
        return out
    }

    /// The values the inputs of this name offer (boxes and radios), with whether each is enabled.
    func options(_ name: String) -> [(value: String, enabled: Bool, checked: Bool)] {
        inputs.filter { $0["name"] == name }.map { ($0["value"] ?? "", $0["disabled"] == nil, $0["checked"] != nil) }
    }

    static func attributes(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for match in text.matches(of: /([a-zA-Z][a-zA-Z0-9_-]*)(?:="([^"]*)")?/) {
            out[String(match.1).lowercased()] = match.2.map { unescape(String($0)) } ?? ""
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// An action relative to the page (`/x`) made absolute.
    static func resolve(_ action: String, against page: String) -> String {
        if action.hasPrefix("http://") || action.hasPrefix("https://") { return action }
        guard let scheme = page.range(of: "://") else { return action }
        let host = page[scheme.upperBound...].prefix { $0 != "/" }
        return String(page[..<scheme.upperBound]) + host + (action.isEmpty ? "/" : action)
    }
}

/// Gets pages and submits forms over HTTP, as a browser without JavaScript would, and remembers
/// every URL it visited.
final class Browser: @unchecked Sendable {
    private let transport = CurlTransport()
    private let lock = NSLock()
    private var seen: [String] = []

    var visited: [String] { lock.withLock { seen } }

    func get(_ url: String) async throws -> WebPage {
        try await send(HTTPRequest(method: "GET", url: url, timeout: 20))
    }

    func post(_ url: String, _ fields: [(String, String)]) async throws -> WebPage {
        let body = fields.map { FormEncoder.escape($0.0, keepBrackets: false) + "=" + FormEncoder.escape($0.1, keepBrackets: false) }.joined(separator: "&")
        return try await send(HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                          body: Array(body.utf8), timeout: 20))
    }

    /// Presses the form's button.
    func submit(_ form: WebForm, choosing: [String: [String]] = [:]) async throws -> WebPage {
        #expect(form.method == "POST", "every form of the linking flows posts: \(form.action)")
        return try await post(form.action, form.fields(choosing: choosing))
    }

    /// Presses the button with this label on the page.
    func click(_ button: String, on page: WebPage, choosing: [String: [String]] = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> WebPage {
        try await submit(page.form(button: button, sourceLocation: sourceLocation), choosing: choosing)
    }

    private func send(_ request: HTTPRequest) async throws -> WebPage {
        lock.withLock { seen.append(request.url) }
        let response = try await transport.send(request)
        return WebPage(url: request.url, status: response.status, headers: response.headers, text: String(decoding: response.body, as: UTF8.self))
    }
}
