/// The plain, accessible HTML pages of the linking flows: the sandbox's hosted flow and the page
/// `stripe-fc link` serves. One heading, real form controls, readable at phone width.
public enum HTMLPage {
    public static func document(title: String, body: String, head: String = "", tail: String = "") -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font:1.05rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
        fieldset{border:1px solid #999;border-radius:.4rem;padding:.5rem 1rem}legend{font-weight:600;padding:0 .3rem}
        .choice{margin:.6rem 0}input{width:1.2rem;height:1.2rem;vertical-align:middle}label{vertical-align:middle}
        button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:2px solid #1a1a1a;background:#1a1a1a;color:#fff;cursor:pointer;min-width:10rem}
        button.secondary{background:#fff;color:#1a1a1a}button:focus-visible,input:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
        .error{color:#a00;font-weight:600}small{color:#555}
        </style>
        \(head)</head><body><main><h1>\(escape(firstPart(of: title)))</h1>
        \(body)</main>
        \(tail)</body></html>

        """
    }

    /// A hidden form field.
    public static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(escape(name))\" value=\"\(escape(value))\">"
    }

    /// Text made safe for HTML text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The heading is the title before its ` · site` suffix.
    private static func firstPart(of title: String) -> String {
        title.components(separatedBy: " · ").first ?? title
    }
}
