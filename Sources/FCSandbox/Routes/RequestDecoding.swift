import FCKit

/// Parameters from the query string (GET) or form body (v1 POST), or the JSON body on `/v2`.
enum RequestDecoding {
    static func decode(_ request: SandboxRequest, isV2: Bool) throws(APIError) -> (Params, JSON?) {
        if isV2, request.method == "POST" {
            if request.body.isEmpty { return (Params(JSONObject()), .object(JSONObject())) }
            guard let json = try? JSON.parse(request.body), json.objectValue != nil else {
                throw APIError(code: "invalid_json", message: "The request body is not a valid JSON object.", isValidation: true)
            }
            return (Params(JSONObject()), json)
        }
        if isV2 { return (v2Query(request.query), nil) }
        var text = request.query
        if request.method == "POST" {
            let body = String(decoding: request.body, as: UTF8.self)
            text = text.isEmpty ? body : (body.isEmpty ? text : text + "&" + body)
        }
        do {
            return (Params(try FormDecoder.decode(text)), nil)
        } catch {
            throw APIError(message: error.message, param: error.param, isValidation: true)
        }
    }

    /// v2 query strings repeat plain keys for lists (`include=a&include=b`); brackets are
    /// accepted too. Every value becomes an array member.
    static func v2Query(_ query: String) -> Params {
        var object = JSONObject()
        for (key, value) in FormDecoder.pairs(query) {
            let name = key.firstIndex(of: "[").map { String(key[..<$0]) } ?? key
            var items = object[name]?.arrayValue ?? []
            items.append(.string(value))
            object[name] = .array(items)
        }
        return Params(object)
    }
}
