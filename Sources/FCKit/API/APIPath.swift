/// Path building shared by the resource namespaces.
public enum APIPath {
    /// Percent-escapes an id for use as one path segment, so `a/b` or `x?y` cannot change the route.
    public static func segment(_ id: String) -> String {
        FormEncoder.escape(id, keepBrackets: false)
    }

    /// `{"expand": [...]}` when `fields` is non-empty (encoded as `expand[]=…`), else empty.
    static func expandParams(_ fields: [String]) -> JSONObject {
        fields.isEmpty ? [:] : ["expand": .array(fields.map(JSON.string))]
    }
}
