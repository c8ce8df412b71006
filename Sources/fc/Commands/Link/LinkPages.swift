import FCKit
import FCSandbox

/// Which Stripe.js call the page stands in for: `collectFinancialConnectionsAccounts` (data and
/// payments) or `collectBankAccountToken` (a bank account for Connect payouts).
enum LinkFlow: String, Sendable {
    case accounts
    case bankAccountToken = "bank_account_token"

    var stripeJSFunction: String { self == .accounts ? "collectFinancialConnectionsAccounts" : "collectBankAccountToken" }
}

/// What `stripe-fc link` serves: against Stripe, a page running Stripe.js; against
/// `stripe-fc sandbox`, a page that hands the session to the sandbox's own hosted flow.
enum LinkPage: Sendable {
    struct Stripe: Sendable {
        var publishableKey: String
        var clientSecret: String
        var flow: LinkFlow
    }

    struct Sandbox: Sendable {
        /// Where the sandbox's flow starts (absolute).
        var startURL: String
        var clientSecret: String
        var flow: LinkFlow
    }

    case stripe(Stripe)
    case sandbox(Sandbox)
}

/// The pages' HTML and their Content-Security-Policy. Plain, accessible pages: one heading, a
/// live status line, real buttons, readable at phone width.
enum LinkPages {
    static let stripeJS = "https://js.stripe.com/v3/"

    /// Only Stripe's origins (and this page itself, for the secret and the outcome): Stripe.js and
    /// its frames from js.stripe.com, its API calls to api.stripe.com; the one inline script by nonce.
    static func policy(for page: LinkPage, nonce: String) -> String {
        switch page {
        case .stripe:
            return "default-src 'none'; script-src 'nonce-\(nonce)' https://js.stripe.com https://*.js.stripe.com; "
                + "connect-src 'self' https://api.stripe.com; frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com; "
                + "img-src https://*.stripe.com; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        case .sandbox(let sandbox):
            return "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' \(origin(of: sandbox.startURL)); base-uri 'none'; frame-ancestors 'none'"
        }
    }

    /// For the "you can close this tab" page.
    static let plainPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func page(_ page: LinkPage, base: String, selfOrigin: String, nonce: String) -> String {
        switch page {
        case .stripe(let stripe): return stripePage(stripe, base: base, nonce: nonce)
        case .sandbox(let sandbox): return sandboxPage(sandbox, base: base, selfOrigin: selfOrigin)
        }
    }

    /// Stripe.js from js.stripe.com; the client secret comes from `POST base/secret`, so it is in
    /// no URL; the button runs the Stripe.js call (a click, so Stripe may open a bank's window)
    /// and the outcome goes to `POST base/outcome`.
    static func stripePage(_ stripe: LinkPage.Stripe, base: String, nonce: String) -> String {
        let noun = stripe.flow == .accounts ? "bank accounts" : "a bank account for payouts"
        let script = """
            (function () {
              var statusLine = document.getElementById('status');
              var button = document.getElementById('start');
              var base = '\(base)';
              function post(path, fields) {
                return fetch(base + path, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                                           body: new URLSearchParams(fields || {}), credentials: 'omit', cache: 'no-store'});
              }
              function finish(fields, text) {
                button.hidden = true;
                statusLine.textContent = text + ' Sending the result to stripe-fc…';
                return post('/outcome', fields).then(function () {
                  statusLine.textContent = text + ' You can close this tab and return to the terminal.';
                }, function () {
                  statusLine.textContent = text + ' stripe-fc could not be reached; check the terminal.';
                });
              }
              function failed(error) {
                var message = (error && error.message) ? error.message : String(error);
                return finish({outcome: 'error', message: message}, 'Stripe reported an error: ' + message + '.');
              }
              post('/secret').then(function (response) { return response.json(); }).then(function (config) {
                if (typeof Stripe !== 'function') {
                  return failed(new Error('Stripe.js did not load from \(stripeJS)'));
                }
                var stripe = Stripe(config.publishable_key);
                button.addEventListener('click', function () {
                  button.disabled = true;
                  statusLine.textContent = 'Continue in the Stripe window…';
                  if (config.flow === 'bank_account_token') {
                    stripe.collectBankAccountToken({clientSecret: config.client_secret}).then(function (result) {
                      if (result.error) { return failed(result.error); }
                      if (!result.token) { return finish({outcome: 'cancelled'}, 'No bank account was linked.'); }
                      return finish({outcome: 'linked', token: result.token.id}, 'Bank account linked.');
                    }, failed);
                  } else {
                    stripe.collectFinancialConnectionsAccounts({clientSecret: config.client_secret}).then(function (result) {
                      if (result.error) { return failed(result.error); }
                      var session = result.financialConnectionsSession;
                      var count = session && session.accounts ? session.accounts.length : 0;
                      if (count === 0) { return finish({outcome: 'nothing'}, 'No accounts were linked.'); }
                      return finish({outcome: 'linked'}, 'Linked ' + count + (count === 1 ? ' account.' : ' accounts.'));
                    }, failed);
                  }
                });
                button.hidden = false;
                button.disabled = false;
                button.focus();
                statusLine.textContent = 'Ready: press the button to open Stripe.';
              }, function () { statusLine.textContent = 'stripe-fc could not be reached; check the terminal.'; });
            })();
            """
        let body = """
            <p>stripe-fc is waiting in your terminal while you link \(noun) with Stripe.</p>
            <p id="status" role="status" aria-live="polite">Loading Stripe…</p>
            <p><button id="start" type="button" hidden disabled>Link \(noun) with Stripe</button></p>
            <noscript><p>This page needs JavaScript: Stripe's linking window runs in Stripe.js.</p></noscript>
            """
        return HTMLPage.document(title: "Link \(noun) · stripe-fc", body: body,
                        head: "<script src=\"\(stripeJS)\" nonce=\"\(nonce)\"></script>\n",
                        tail: "<script nonce=\"\(nonce)\">\n\(script)\n</script>\n")
    }

    /// No JavaScript: a form posts the client secret to the sandbox's hosted flow, whose last page
    /// posts the outcome back here (`return_to`).
    static func sandboxPage(_ sandbox: LinkPage.Sandbox, base: String, selfOrigin: String) -> String {
        let noun = sandbox.flow == .accounts ? "bank accounts" : "a bank account for payouts"
        let body = """
            <p>stripe-fc is waiting in your terminal while you link \(noun). This session is on stripe-fc sandbox at \
            \(HTMLPage.escape(origin(of: sandbox.startURL))): test banks and test data only.</p>
            <form method="post" action="\(HTMLPage.escape(sandbox.startURL))">\(HTMLPage.hidden("client_secret", sandbox.clientSecret))\(HTMLPage.hidden("flow", sandbox.flow.rawValue))\
            \(HTMLPage.hidden("return_to", selfOrigin + base + "/outcome"))
            <p><button type="submit" autofocus>Start linking</button></p></form>
            <form method="post" action="\(base)/outcome">\(HTMLPage.hidden("outcome", "cancelled"))
            <p><button type="submit" class="secondary">Cancel</button></p></form>
            """
        return HTMLPage.document(title: "Link \(noun) · stripe-fc", body: body)
    }

    /// What the outcome post answers.
    static func done(_ kind: String) -> String {
        let text = kind == "linked" ? "Done." : kind == "error" ? "Linking failed." : "Nothing was linked."
        return HTMLPage.document(title: "stripe-fc link · stripe-fc", body: "<p role=\"status\">\(text) You can close this tab and return to the terminal.</p>")
    }

    /// `scheme://host:port` of an absolute URL.
    static func origin(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return String(url[..<scheme.upperBound]) + String(rest.prefix { $0 != "/" })
    }
}
