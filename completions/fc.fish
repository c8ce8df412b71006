# fish completion for fc. Generated from fc's command tree by `fc completion fish`; do not edit.
# Install as share/fish/vendor_completions.d/fc.fish (or ~/.config/fish/completions/fc.fish).

# The subcommand a word names under a command path (aliases give the name).
function __fc_subcommand
    switch "$argv[1]/$argv[2]"
        case 'fc/customers' 'fc/customer'
            echo customers
        case 'fc/sessions' 'fc/session'
            echo sessions
        case 'fc/accounts' 'fc/account'
            echo accounts
        case 'fc/balances' 'fc/balance'
            echo balances
        case 'fc/owners'
            echo owners
        case 'fc/transactions' 'fc/txns'
            echo transactions
        case 'fc/pay'
            echo pay
        case 'fc/payments' 'fc/payment'
            echo payments
        case 'fc/events' 'fc/event'
            echo events
        case 'fc/link'
            echo link
        case 'fc/sandbox'
            echo sandbox
        case 'fc/demo'
            echo demo
        case 'fc/completion'
            echo completion
        case 'fc/config'
            echo config
        case 'fc customers/create'
            echo create
        case 'fc customers/get'
            echo get
        case 'fc customers/list'
            echo list
        case 'fc sessions/create'
            echo create
        case 'fc sessions/get'
            echo get
        case 'fc accounts/list'
            echo list
        case 'fc accounts/get'
            echo get
        case 'fc accounts/refresh'
            echo refresh
        case 'fc accounts/disconnect'
            echo disconnect
        case 'fc accounts/subscribe'
            echo subscribe
        case 'fc accounts/unsubscribe'
            echo unsubscribe
        case 'fc payments/get'
            echo get
        case 'fc payments/cancel'
            echo cancel
        case 'fc events/list'
            echo list
        case 'fc events/follow'
            echo follow
        case 'fc sandbox/link'
            echo link
        case 'fc config/set'
            echo set
        case 'fc config/get'
            echo get
        case 'fc config/list'
            echo list
        case 'fc config/unset'
            echo unset
        case '*'
            return 1
    end
end

# The options of a command path that take a value, one per line.
function __fc_value_options
    switch $argv[1]
        case 'fc'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc customers'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc customers create'
            printf '%s\n' --email --name --phone --description --metadata --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc customers get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc customers list'
            printf '%s\n' --email --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc sessions'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc sessions create'
            printf '%s\n' --customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc sessions get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts list'
            printf '%s\n' --customer --customer-account --account --session --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts get'
            printf '%s\n' --expand --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts refresh'
            printf '%s\n' --feature --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts disconnect'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts subscribe'
            printf '%s\n' --feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc accounts unsubscribe'
            printf '%s\n' --feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc balances'
            printf '%s\n' --customer --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc owners'
            printf '%s\n' --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc transactions'
            printf '%s\n' --customer --since --until --status --after-refresh --wait-timeout --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc pay'
            printf '%s\n' --account --customer --amount --currency --mandate --ip --user-agent --name --description --statement-descriptor --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc payments'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc payments get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc payments cancel'
            printf '%s\n' --reason --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc events'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc events list'
            printf '%s\n' --type --since --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc events follow'
            printf '%s\n' --type --until-type --interval --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc link'
            printf '%s\n' --customer --permission --prefetch --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc sandbox'
            printf '%s\n' --host --port --data --seed --latency --fail-rate --rate-limit --refresh-delay --settle-delay --transactions --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc sandbox link'
            printf '%s\n' --institution --subcategory --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc demo'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc completion'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc config'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc config set'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc config get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc config list'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
        case 'fc config unset'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key
    end
end

# Prints the command path typed so far ("fc accounts refresh"), then how many arguments follow it.
function __fc_state
    set -l tokens (commandline -opc)
    set -l path fc
    set -l count 0
    set -l skip 0
    set -l rest 0
    for token in $tokens[2..-1]
        if test $skip = 1
            set skip 0
        else if test $rest = 1
            set count (math $count + 1)
        else if test "$token" = --
            set rest 1
        else if string match -q -- '--*=*' $token
            continue
        else if string match -q -- '-?*' $token
            if contains -- $token (__fc_value_options $path)
                set skip 1
            end
        else if test $count = 0; and set -l sub (__fc_subcommand $path $token)
            set path "$path $sub"
        else
            set count (math $count + 1)
        end
    end
    echo $path
    echo $count
end

# True when the command path typed so far is $argv[1].
function __fc_at
    set -l state (__fc_state)
    test "$state[1]" = "$argv[1]"
end

# True when the next word is argument $argv[2] (from 0) of command path $argv[1], or any later
# one when $argv[3] is "more".
function __fc_argument
    set -l state (__fc_state)
    test "$state[1]" = "$argv[1]"; or return 1
    if test "$argv[3]" = more
        test $state[2] -ge $argv[2]
    else
        test $state[2] -eq $argv[2]
    end
end

# Completes the part of a comma-separated list after its last comma.
function __fc_list
    set -l word (string replace -r -- '^-[^=]*=' '' (commandline -ct))
    set -l prefix (string replace -r -- '[^,]*$' '' $word)
    for value in $argv
        echo $prefix$value
    end
end

complete -c fc -f

# Global options
complete -c fc -l api-key -x -d 'Secret (sk_…) or restricted (rk_…) key'
complete -c fc -l profile -x -d 'Profile in the config file'
complete -c fc -l base-url -x -d 'API base URL; point it at \'fc sandbox\''
complete -c fc -l stripe-account -x -d 'Act as this connected account (Stripe-Account header)'
complete -c fc -l stripe-version -x -d 'Stripe API version to pin'
complete -c fc -l format -x -a '\'table\' \'json\' \'jsonl\' \'csv\' \'tsv\'' -d 'Output format'
complete -c fc -l json -d 'Same as --format json'
complete -c fc -l fields -x -d 'Only these dotted paths: columns (table/csv/tsv) or keys (json/jsonl)'
complete -c fc -s q -l quiet -d 'Print only the ids of the resulting objects, one per line'
complete -c fc -l no-color -d 'No ANSI colour (colour is only ever used on a terminal)'
complete -c fc -s v -l verbose -d 'One line per HTTP exchange on stderr: method, path, status, request id, duration, retries'
complete -c fc -l dry-run -d 'Print the request(s) that would be sent, with secrets redacted, and send nothing'
complete -c fc -l max-retries -x -d 'Retries for network errors, 409, 429 and 5xx'
complete -c fc -l timeout -x -d 'Per-request timeout'
complete -c fc -l idempotency-key -x -d 'Idempotency key for commands that POST (default: one generated per logical request)'
complete -c fc -s y -l yes -d 'Answer yes to confirmation prompts'
complete -c fc -l version -d 'Print fc\'s version'
complete -c fc -s h -l help -d 'Show help for the command'

# fc
complete -c fc -n '__fc_argument \'fc\' 0' -a customers -d 'Create, get and list customers'
complete -c fc -n '__fc_argument \'fc\' 0' -a sessions -d 'Create and inspect Financial Connections sessions'
complete -c fc -n '__fc_argument \'fc\' 0' -a accounts -d 'List, refresh, subscribe and disconnect linked accounts'
complete -c fc -n '__fc_argument \'fc\' 0' -a balances -d 'Show account balances (one row per currency)'
complete -c fc -n '__fc_argument \'fc\' 0' -a owners -d 'Show the owners of a linked account'
complete -c fc -n '__fc_argument \'fc\' 0' -a transactions -d 'List transactions of linked accounts'
complete -c fc -n '__fc_argument \'fc\' 0' -a pay -d 'Collect an ACH Direct Debit payment from a linked account'
complete -c fc -n '__fc_argument \'fc\' 0' -a payments -d 'Show or cancel payments (PaymentIntents)'
complete -c fc -n '__fc_argument \'fc\' 0' -a events -d 'List or follow events'
complete -c fc -n '__fc_argument \'fc\' 0' -a link -d 'Link bank accounts from the terminal (opens a browser)'
complete -c fc -n '__fc_argument \'fc\' 0' -a sandbox -d 'Run the local Stripe-compatible FC simulator'
complete -c fc -n '__fc_argument \'fc\' 0' -a demo -d 'Walk the whole flow against a built-in sandbox'
complete -c fc -n '__fc_argument \'fc\' 0' -a completion -d 'Print the shell completion script for bash, zsh or fish'
complete -c fc -n '__fc_argument \'fc\' 0' -a config -d 'Read and write settings in the config file'

# fc customers
complete -c fc -n '__fc_argument \'fc customers\' 0' -a create -d 'Create a customer'
complete -c fc -n '__fc_argument \'fc customers\' 0' -a get -d 'Show a customer'
complete -c fc -n '__fc_argument \'fc customers\' 0' -a list -d 'List customers, newest first'

# fc customers create
complete -c fc -n '__fc_at \'fc customers create\'' -l email -x -d 'The customer\'s email address'
complete -c fc -n '__fc_at \'fc customers create\'' -l name -x -d 'The customer\'s full name or business name'
complete -c fc -n '__fc_at \'fc customers create\'' -l phone -x -d 'The customer\'s phone number'
complete -c fc -n '__fc_at \'fc customers create\'' -l description -x -d 'An arbitrary description shown in the Dashboard'
complete -c fc -n '__fc_at \'fc customers create\'' -l metadata -x -d 'A metadata entry'
complete -c fc -n '__fc_at \'fc customers create\'' -l v2 -d 'Create an Accounts v2 account configured as a customer instead'

# fc customers get

# fc customers list
complete -c fc -n '__fc_at \'fc customers list\'' -l email -x -d 'Only customers with exactly this email (case-sensitive)'
complete -c fc -n '__fc_at \'fc customers list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c fc -n '__fc_at \'fc customers list\'' -l all -d 'Return every result, page by page'

# fc sessions
complete -c fc -n '__fc_argument \'fc sessions\' 0' -a create -d 'Create a session for an account holder to link accounts'
complete -c fc -n '__fc_argument \'fc sessions\' 0' -a get -d 'Show a session and its linked accounts'

# fc sessions create
complete -c fc -n '__fc_at \'fc sessions create\'' -l customer -x -d 'Account holder: a customer (account_holder[type]=customer)'
complete -c fc -n '__fc_at \'fc sessions create\'' -l customer-account -x -d 'Account holder: an Accounts v2 account configured as a customer'
complete -c fc -n '__fc_at \'fc sessions create\'' -l account -x -d 'Account holder: a connected account (account_holder[type]=account)'
complete -c fc -n '__fc_at \'fc sessions create\'' -l permission -x -a '(__fc_list \'balances\' \'ownership\' \'payment_method\' \'transactions\')' -d 'Data the linked accounts grant access to'
complete -c fc -n '__fc_at \'fc sessions create\'' -l prefetch -x -a '(__fc_list \'balances\' \'ownership\' \'transactions\')' -d 'Data to fetch right after linking; each must also be a permission'
complete -c fc -n '__fc_at \'fc sessions create\'' -l country -x -d 'Only institutions in this country (ISO 3166-1 alpha-2, e.g. US)'
complete -c fc -n '__fc_at \'fc sessions create\'' -l subcategory -x -a '(__fc_list \'checking\' \'savings\' \'credit_card\' \'line_of_credit\' \'mortgage\')' -d 'Only accounts of these subcategories'
complete -c fc -n '__fc_at \'fc sessions create\'' -l require-payment-method -x -a '\'all\' \'at_least_one\' \'none\'' -d 'Which linked accounts must support a payment method (filters[require_payment_method_support])'
complete -c fc -n '__fc_at \'fc sessions create\'' -l max-accounts -x -d 'Most accounts linkable in this session (limits[accounts])'
complete -c fc -n '__fc_at \'fc sessions create\'' -l manual-entry -x -a '\'automatic\' \'disabled\'' -d 'Whether the customer may type account numbers by hand'
complete -c fc -n '__fc_at \'fc sessions create\'' -l return-url -x -d 'Where an OAuth flow returns in webview integrations'

# fc sessions get

# fc accounts
complete -c fc -n '__fc_argument \'fc accounts\' 0' -a list -d 'List linked accounts by holder or session'
complete -c fc -n '__fc_argument \'fc accounts\' 0' -a get -d 'Show a linked account'
complete -c fc -n '__fc_argument \'fc accounts\' 0' -a refresh -d 'Refresh balance, ownership or transactions data'
complete -c fc -n '__fc_argument \'fc accounts\' 0' -a disconnect -d 'Disconnect linked accounts (no more data access)'
complete -c fc -n '__fc_argument \'fc accounts\' 0' -a subscribe -d 'Subscribe to daily transaction refreshes'
complete -c fc -n '__fc_argument \'fc accounts\' 0' -a unsubscribe -d 'Stop daily transaction refreshes'

# fc accounts list
complete -c fc -n '__fc_at \'fc accounts list\'' -l customer -x -d 'Accounts held by this customer'
complete -c fc -n '__fc_at \'fc accounts list\'' -l customer-account -x -d 'Accounts held by this Accounts v2 customer account'
complete -c fc -n '__fc_at \'fc accounts list\'' -l account -x -d 'Accounts held by this connected account'
complete -c fc -n '__fc_at \'fc accounts list\'' -l session -x -d 'Accounts collected by this session'
complete -c fc -n '__fc_at \'fc accounts list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c fc -n '__fc_at \'fc accounts list\'' -l all -d 'Return every result, page by page'

# fc accounts get
complete -c fc -n '__fc_at \'fc accounts get\'' -l expand -x -a '\'ownership\'' -d 'Expand a field of the account'

# fc accounts refresh
complete -c fc -n '__fc_at \'fc accounts refresh\'' -l feature -x -a '(__fc_list \'balance\' \'ownership\' \'transactions\')' -d 'Data to refresh'
complete -c fc -n '__fc_at \'fc accounts refresh\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c fc -n '__fc_at \'fc accounts refresh\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# fc accounts disconnect

# fc accounts subscribe
complete -c fc -n '__fc_at \'fc accounts subscribe\'' -l feature -x -a '(__fc_list \'transactions\')' -d 'Data to (un)subscribe to'

# fc accounts unsubscribe
complete -c fc -n '__fc_at \'fc accounts unsubscribe\'' -l feature -x -a '(__fc_list \'transactions\')' -d 'Data to (un)subscribe to'

# fc balances
complete -c fc -n '__fc_at \'fc balances\'' -l customer -x -d 'Every account of this customer that has the balances permission'
complete -c fc -n '__fc_at \'fc balances\'' -l refresh -d 'Refresh balances first (POST …/refresh features[]=balance)'
complete -c fc -n '__fc_at \'fc balances\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c fc -n '__fc_at \'fc balances\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# fc owners
complete -c fc -n '__fc_at \'fc owners\'' -l refresh -d 'Refresh ownership first (features[]=ownership)'
complete -c fc -n '__fc_at \'fc owners\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c fc -n '__fc_at \'fc owners\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# fc transactions
complete -c fc -n '__fc_at \'fc transactions\'' -l customer -x -d 'Every account of this customer with the transactions permission'
complete -c fc -n '__fc_at \'fc transactions\'' -l since -x -d 'Only transactions at or after this time (YYYY-MM-DD, RFC 3339 or unix seconds)'
complete -c fc -n '__fc_at \'fc transactions\'' -l until -x -d 'Only transactions before this time'
complete -c fc -n '__fc_at \'fc transactions\'' -l status -x -a '(__fc_list \'pending\' \'posted\' \'void\')' -d 'Only transactions with this status'
complete -c fc -n '__fc_at \'fc transactions\'' -l after-refresh -x -d 'Only transactions created or updated by refreshes after this one'
complete -c fc -n '__fc_at \'fc transactions\'' -l refresh -d 'Refresh transactions first (features[]=transactions)'
complete -c fc -n '__fc_at \'fc transactions\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c fc -n '__fc_at \'fc transactions\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'
complete -c fc -n '__fc_at \'fc transactions\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c fc -n '__fc_at \'fc transactions\'' -l all -d 'Return every result, page by page'

# fc pay
complete -c fc -n '__fc_at \'fc pay\'' -l account -x -d 'The linked account to debit'
complete -c fc -n '__fc_at \'fc pay\'' -l customer -x -d 'The customer who holds the account'
complete -c fc -n '__fc_at \'fc pay\'' -l amount -x -d 'Amount in major units (12.34), converted exactly to the currency\'s minor units'
complete -c fc -n '__fc_at \'fc pay\'' -l currency -x -d 'Three-letter currency code'
complete -c fc -n '__fc_at \'fc pay\'' -l mandate -x -a '\'online\' \'offline\'' -d 'How the customer accepted the ACH mandate'
complete -c fc -n '__fc_at \'fc pay\'' -l ip -x -d 'IP address the customer accepted the mandate from (--mandate online)'
complete -c fc -n '__fc_at \'fc pay\'' -l user-agent -x -d 'User agent the customer accepted the mandate with (--mandate online)'
complete -c fc -n '__fc_at \'fc pay\'' -l name -x -d 'Billing name, required by ACH'
complete -c fc -n '__fc_at \'fc pay\'' -l description -x -d 'Description of the payment'
complete -c fc -n '__fc_at \'fc pay\'' -l statement-descriptor -x -d 'Text on the customer\'s bank statement (up to 22 characters)'
complete -c fc -n '__fc_at \'fc pay\'' -l wait -d 'Wait until the payment leaves processing; exit 1 if it failed'
complete -c fc -n '__fc_at \'fc pay\'' -l wait-timeout -x -d 'How long --wait waits'

# fc payments
complete -c fc -n '__fc_argument \'fc payments\' 0' -a get -d 'Show a payment'
complete -c fc -n '__fc_argument \'fc payments\' 0' -a cancel -d 'Cancel a payment that has not started processing'

# fc payments get

# fc payments cancel
complete -c fc -n '__fc_at \'fc payments cancel\'' -l reason -x -a '\'abandoned\' \'duplicate\' \'fraudulent\' \'requested_by_customer\'' -d 'Why it is canceled (cancellation_reason)'

# fc events
complete -c fc -n '__fc_argument \'fc events\' 0' -a list -d 'List events, newest first'
complete -c fc -n '__fc_argument \'fc events\' 0' -a follow -d 'Print new events as they happen'

# fc events list
complete -c fc -n '__fc_at \'fc events list\'' -l type -x -d 'Only events of this type; * wildcards allowed (financial_connections.account.*)'
complete -c fc -n '__fc_at \'fc events list\'' -l since -x -d 'Only events created at or after this time (created[gte])'
complete -c fc -n '__fc_at \'fc events list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c fc -n '__fc_at \'fc events list\'' -l all -d 'Return every result, page by page'

# fc events follow
complete -c fc -n '__fc_at \'fc events follow\'' -l type -x -d 'Only events of this type; * wildcards allowed (financial_connections.account.*)'
complete -c fc -n '__fc_at \'fc events follow\'' -l until-type -x -d 'Stop after an event of this type (wildcards allowed)'
complete -c fc -n '__fc_at \'fc events follow\'' -l interval -x -d 'Time between polls'
complete -c fc -n '__fc_at \'fc events follow\'' -l wait-timeout -x -d 'Give up (exit 5) after this long'

# fc link
complete -c fc -n '__fc_at \'fc link\'' -l customer -x -d 'The customer who links the accounts'
complete -c fc -n '__fc_at \'fc link\'' -l permission -x -a '(__fc_list \'balances\' \'ownership\' \'payment_method\' \'transactions\')' -d 'Data the linked accounts grant access to'
complete -c fc -n '__fc_at \'fc link\'' -l prefetch -x -a '(__fc_list \'balances\' \'ownership\' \'transactions\')' -d 'Data to fetch right after linking; each must also be a permission'
complete -c fc -n '__fc_at \'fc link\'' -l no-browser -d 'Print the page\'s address instead of opening a browser'
complete -c fc -n '__fc_at \'fc link\'' -l wait-timeout -x -d 'How long to wait for the customer to link'

# fc sandbox
complete -c fc -n '__fc_argument \'fc sandbox\' 0' -a link -d 'Link a session\'s accounts in the sandbox (the UI step)'
complete -c fc -n '__fc_at \'fc sandbox\'' -l host -x -d 'Address to bind'
complete -c fc -n '__fc_at \'fc sandbox\'' -l port -x -d 'Port to listen on; 0 picks a free one'
complete -c fc -n '__fc_at \'fc sandbox\'' -l data -r -F -d 'Keep state in this file across restarts (durable before each response)'
complete -c fc -n '__fc_at \'fc sandbox\'' -l seed -x -d 'Seed for the generated world (ids, balances, owners, transactions)'
complete -c fc -n '__fc_at \'fc sandbox\'' -l latency -x -d 'Delay added to every response'
complete -c fc -n '__fc_at \'fc sandbox\'' -l fail-rate -x -d 'Fraction (0-1) of requests answered 500/503 with Stripe-Should-Retry'
complete -c fc -n '__fc_at \'fc sandbox\'' -l rate-limit -x -d 'Requests per second before 429 rate_limit; 0 is unlimited'
complete -c fc -n '__fc_at \'fc sandbox\'' -l refresh-delay -x -d 'How long a refresh stays pending'
complete -c fc -n '__fc_at \'fc sandbox\'' -l settle-delay -x -d 'How long a payment stays processing'
complete -c fc -n '__fc_at \'fc sandbox\'' -l transactions -x -d 'Transactions generated per account'

# fc sandbox link
complete -c fc -n '__fc_at \'fc sandbox link\'' -l institution -x -a '\'Test Institution\' \'Ownership Accounts\' \'Invalid Payment Accounts\' \'Down Bank (Error)\'' -d 'Which test institution to link'
complete -c fc -n '__fc_at \'fc sandbox link\'' -l subcategory -x -a '(__fc_list \'checking\' \'savings\' \'credit_card\' \'line_of_credit\' \'mortgage\')' -d 'Only link accounts of these subcategories'

# fc demo

# fc completion
complete -c fc -n '__fc_argument \'fc completion\' 0' -x -a '\'bash\' \'zsh\' \'fish\'' -d 'The shell: bash, zsh or fish'

# fc config
complete -c fc -n '__fc_argument \'fc config\' 0' -a set -d 'Set a value in the profile'
complete -c fc -n '__fc_argument \'fc config\' 0' -a get -d 'Print a value (keys masked)'
complete -c fc -n '__fc_argument \'fc config\' 0' -a list -d 'List the profile\'s values (keys masked)'
complete -c fc -n '__fc_argument \'fc config\' 0' -a unset -d 'Remove a value from the profile'

# fc config set
complete -c fc -n '__fc_argument \'fc config set\' 0' -x -a '\'api_key\' \'base_url\' \'stripe_account\' \'format\'' -d 'One of: api_key, base_url, stripe_account, format'

# fc config get
complete -c fc -n '__fc_argument \'fc config get\' 0' -x -a '\'api_key\' \'base_url\' \'stripe_account\' \'format\'' -d 'One of: api_key, base_url, stripe_account, format'

# fc config list

# fc config unset
complete -c fc -n '__fc_argument \'fc config unset\' 0' -x -a '\'api_key\' \'base_url\' \'stripe_account\' \'format\'' -d 'One of: api_key, base_url, stripe_account, format'
