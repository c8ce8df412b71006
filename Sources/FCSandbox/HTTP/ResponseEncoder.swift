#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FCKit

/// Turns a `SandboxResponse` into HTTP/1.1 bytes. The server owns framing: it writes
/// `Content-Length`, `Date` and `Connection` itself and drops any the handler set.
enum ResponseEncoder {
    /// Headers whose values only the server can know.
    private static let serverOwned: Set<String> = ["content-length", "transfer-encoding", "connection", "date", "keep-alive"]

    static func encode(_ response: SandboxResponse, keepAlive: Bool, headRequest: Bool, now: time_t = time(nil)) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        // 1xx, 204 and 304 carry no body (RFC 9110 §6.4.1); 204 also no Content-Length.
        let bodyless = status < 200 || status == 204 || status == 304
        var head = "HTTP/1.1 \(status) \(reasonPhrase(status))\r\n"
        for (name, value) in response.headers where !serverOwned.contains(name.lowercased()) {
            guard let name = sanitizedName(name) else { continue }
            head += "\(name): \(sanitizedValue(value))\r\n"
        }
        if status >= 200 && status != 204 {
            head += "Content-Length: \(bodyless ? 0 : response.body.count)\r\n"
        }
        head += "Date: \(httpDate(response.date.map { time_t($0) } ?? now))\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var bytes = Array(head.utf8)
        if !headRequest && !bodyless { bytes += response.body }
        return bytes
    }

    /// The answer to a request the server refused before reaching the handler, in Stripe's error shape.
    static func rejection(_ rejection: HTTPRejection) -> SandboxResponse {
        let error: JSON = [
            "error": ["type": "invalid_request_error", "message": .string(rejection.message)],
        ]
        return SandboxResponse(
            status: rejection.status,
            headers: [(name: "Content-Type", value: "application/json"), (name: "Request-Id", value: randomRequestID())],
            body: Array(error.serialized(pretty: false).utf8))
    }

    /// Stripe's request-id shape (`req_` and 14 letters or digits); every response carries one.
    static func randomRequestID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "req_" + String((0..<14).map { _ in alphabet.randomElement()! })
    }

    /// IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
    static func httpDate(_ seconds: time_t) -> String {
        var clock = seconds
        var parts = tm()
        _ = gmtime_r(&clock, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(parts.tm_wday) % 7]
        let month = months[Int(parts.tm_mon) % 12]
        let time = "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        return "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) \(time) GMT"
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 402: return "Request Failed"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 417: return "Expectation Failed"
        case 424: return "Failed Dependency"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }

    /// A handler bug must not let a header name or value split the response.
    private static func sanitizedName(_ name: String) -> String? {
        name.utf8.allSatisfy(RequestHead.isTokenByte) && !name.isEmpty ? name : nil
    }

    private static func sanitizedValue(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }.map(Character.init))
    }
}
