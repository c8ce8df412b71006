# fish completion for stripe-fc. Generated from stripe-fc's command tree by `stripe-fc completion fish`; do not edit.
# Install as share/fish/vendor_completions.d/stripe-fc.fish (or ~/.config/fish/completions/stripe-fc.fish).

# The subcommand a word names under a command path (aliases give the name).
function __stripe_fc_subcommand
    switch "$argv[1]/$argv[2]"
        case 'stripe-fc/customers' 'stripe-fc/customer'
            echo customers
        case 'stripe-fc/sessions' 'stripe-fc/session'
            echo sessions
        case 'stripe-fc/accounts' 'stripe-fc/account'
            echo accounts
        case 'stripe-fc/balances' 'stripe-fc/balance'
            echo balances
        case 'stripe-fc/owners'
            echo owners
        case 'stripe-fc/transactions' 'stripe-fc/txns'
            echo transactions
        case 'stripe-fc/pay'
            echo pay
        case 'stripe-fc/payments' 'stripe-fc/payment'
            echo payments
        case 'stripe-fc/setup'
            echo setup
        case 'stripe-fc/payment-methods' 'stripe-fc/payment-method'
            echo payment-methods
        case 'stripe-fc/mandates' 'stripe-fc/mandate'
            echo mandates
        case 'stripe-fc/events' 'stripe-fc/event'
            echo events
        case 'stripe-fc/link'
            echo link
        case 'stripe-fc/payouts' 'stripe-fc/payout'
            echo payouts
        case 'stripe-fc/sandbox'
            echo sandbox
        case 'stripe-fc/demo'
            echo demo
        case 'stripe-fc/completion'
            echo completion
        case 'stripe-fc/config'
            echo config
        case 'stripe-fc/version'
            echo version
        case 'stripe-fc customers/create'
            echo create
        case 'stripe-fc customers/get'
            echo get
        case 'stripe-fc customers/list'
            echo list
        case 'stripe-fc sessions/create'
            echo create
        case 'stripe-fc sessions/get'
            echo get
        case 'stripe-fc accounts/list'
            echo list
        case 'stripe-fc accounts/get'
            echo get
        case 'stripe-fc accounts/refresh'
            echo refresh
        case 'stripe-fc accounts/disconnect'
            echo disconnect
        case 'stripe-fc accounts/subscribe'
            echo subscribe
        case 'stripe-fc accounts/unsubscribe'
            echo unsubscribe
        case 'stripe-fc transactions/sync'
            echo sync
        case 'stripe-fc payments/get'
            echo get
        case 'stripe-fc payments/cancel'
            echo cancel
        case 'stripe-fc payment-methods/list'
            echo list
        case 'stripe-fc payment-methods/get'
            echo get
        case 'stripe-fc payment-methods/detach'
            echo detach
        case 'stripe-fc mandates/get'
            echo get
        case 'stripe-fc events/list'
            echo list
        case 'stripe-fc events/follow'
            echo follow
        case 'stripe-fc events/forward'
            echo forward
        case 'stripe-fc payouts/attach'
            echo attach
        case 'stripe-fc sandbox/link'
            echo link
        case 'stripe-fc sandbox/trigger'
            echo trigger
        case 'stripe-fc sandbox/clock'
            echo clock
        case 'stripe-fc sandbox/state'
            echo state
        case 'stripe-fc sandbox clock/advance'
            echo advance
        case 'stripe-fc config/set'
            echo set
        case 'stripe-fc config/get'
            echo get
        case 'stripe-fc config/list'
            echo list
        case 'stripe-fc config/unset'
            echo unset
        case '*'
            return 1
    end
end

# The options of a command path that take a value, one per line.
function __stripe_fc_value_options
    switch $argv[1]
        case 'stripe-fc'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc customers'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc customers create'
            printf '%s\n' --email --name --phone --description --metadata --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc customers get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc customers list'
            printf '%s\n' --email --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sessions'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sessions create'
            printf '%s\n' --customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sessions get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts list'
            printf '%s\n' --customer --customer-account --account --session --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts get'
            printf '%s\n' --expand --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts refresh'
            printf '%s\n' --feature --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts disconnect'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts subscribe'
            printf '%s\n' --feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc accounts unsubscribe'
            printf '%s\n' --feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc balances'
            printf '%s\n' --customer --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc owners'
            printf '%s\n' --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc transactions'
            printf '%s\n' --customer --since --until --status --after-refresh --wait-timeout --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc transactions sync'
            printf '%s\n' --customer --state --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc pay'
            printf '%s\n' --account --payment-method --customer --amount --currency --mandate --ip --user-agent --name --description --statement-descriptor --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payments'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payments get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payments cancel'
            printf '%s\n' --reason --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc setup'
            printf '%s\n' --account --customer --mandate --ip --user-agent --name --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payment-methods'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payment-methods list'
            printf '%s\n' --customer --type --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payment-methods get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payment-methods detach'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc mandates'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc mandates get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc events'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc events list'
            printf '%s\n' --type --since --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc events follow'
            printf '%s\n' --type --until-type --interval --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc events forward'
            printf '%s\n' --to --type --secret --since --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc link'
            printf '%s\n' --customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --for --publishable-key --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payouts'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc payouts attach'
            printf '%s\n' --account --token --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sandbox'
            printf '%s\n' --host --port --data --seed --latency --fail-rate --drop-after-rate --rate-limit --refresh-delay --refresh-cooldown --settle-delay --transactions --clock --scenario --webhook --webhook-retry-base --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sandbox link'
            printf '%s\n' --institution --subcategory --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sandbox trigger'
            printf '%s\n' --account --customer --failure-code --cause --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sandbox clock'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sandbox clock advance'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc sandbox state'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc demo'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc completion'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc config'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc config set'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc config get'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc config list'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc config unset'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
        case 'stripe-fc version'
            printf '%s\n' --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key
    end
end

# Prints the command path typed so far ("stripe-fc accounts refresh"), then how many arguments follow it.
function __stripe_fc_state
    set -l tokens (commandline -opc)
    set -l path stripe-fc
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
            if contains -- $token (__stripe_fc_value_options $path)
                set skip 1
            end
        else if test $count = 0; and set -l sub (__stripe_fc_subcommand $path $token)
            set path "$path $sub"
        else
            set count (math $count + 1)
        end
    end
    echo $path
    echo $count
end

# True when the command path typed so far is $argv[1].
function __stripe_fc_at
    set -l state (__stripe_fc_state)
    test "$state[1]" = "$argv[1]"
end

# True when the next word is argument $argv[2] (from 0) of command path $argv[1], or any later
# one when $argv[3] is "more".
function __stripe_fc_argument
    set -l state (__stripe_fc_state)
    test "$state[1]" = "$argv[1]"; or return 1
    if test "$argv[3]" = more
        test $state[2] -ge $argv[2]
    else
        test $state[2] -eq $argv[2]
    end
end

# Completes the part of a comma-separated list after its last comma.
function __stripe_fc_list
    set -l word (string replace -r -- '^-[^=]*=' '' (commandline -ct))
    set -l prefix (string replace -r -- '[^,]*$' '' $word)
    for value in $argv
        echo $prefix$value
    end
end

complete -c stripe-fc -f

# Global options
complete -c stripe-fc -l api-key -x -d 'Secret (sk_…) or restricted (rk_…) key'
complete -c stripe-fc -l profile -x -d 'Profile in the config file; any but default must be there (\'config set\' creates one)'
complete -c stripe-fc -l base-url -x -d 'API base URL; point it at \'stripe-fc sandbox\''
complete -c stripe-fc -l stripe-account -x -d 'Act as this connected account (Stripe-Account header)'
complete -c stripe-fc -l stripe-version -x -d 'Stripe API version to pin'
complete -c stripe-fc -l format -x -a '\'table\' \'json\' \'jsonl\' \'csv\' \'tsv\'' -d 'Output format'
complete -c stripe-fc -l json -d 'Same as --format json'
complete -c stripe-fc -l fields -x -d 'Only these dotted paths of the objects: columns (table/csv/tsv) or keys (json/jsonl)'
complete -c stripe-fc -l utc -d 'Show times in UTC and read --since/--until dates in UTC (default: the local zone, or TZ)'
complete -c stripe-fc -s q -l quiet -d 'Print only the ids of the resulting objects, one per line'
complete -c stripe-fc -l no-color -d 'No ANSI colour (colour is only ever used on a terminal)'
complete -c stripe-fc -s v -l verbose -d 'One line per HTTP exchange on stderr: method, path, status, request id, duration, retries'
complete -c stripe-fc -l dry-run -d 'Print the request(s) that would be sent, with secrets redacted, and send nothing'
complete -c stripe-fc -l max-retries -x -d 'Retries for network errors, 409, 429 and 5xx'
complete -c stripe-fc -l concurrency -x -d 'Requests in flight at once when a command works on several accounts; lowered while the API answers 429, raised again as requests succeed'
complete -c stripe-fc -l timeout -x -d 'Per-request deadline, from connecting to the last byte of the answer'
complete -c stripe-fc -l max-response-size -x -d 'The largest answer taken (512KiB, 64MiB, 1GiB or bytes), counted decompressed; a larger one stops being read and is an error (exit 1)'
complete -c stripe-fc -l ca-bundle -r -F -d 'PEM file of the CA certificates that must have signed the API\'s TLS certificate, instead of the system\'s (a TLS-inspecting proxy\'s or a private CA)'
complete -c stripe-fc -l new -d 'Start a fresh idempotency key instead of reusing the one of an identical earlier run whose outcome is unknown'
complete -c stripe-fc -l idempotency-key -x -d 'Idempotency key for commands that POST (default: one generated per logical request)'
complete -c stripe-fc -l insecure-http -d 'Allow a plain http:// --base-url that is not loopback (the key would cross the network unencrypted)'
complete -c stripe-fc -s y -l yes -d 'Answer yes to confirmation prompts'
complete -c stripe-fc -l version -d 'Print stripe-fc\'s version'
complete -c stripe-fc -s h -l help -d 'Show help for the command'

# stripe-fc
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a customers -d 'Create, get and list customers'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a sessions -d 'Create and inspect Financial Connections sessions'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a accounts -d 'List, refresh, subscribe and disconnect linked accounts'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a balances -d 'Show account balances (one row per currency)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a owners -d 'Show the owners of a linked account'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a transactions -d 'List transactions of linked accounts'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a pay -d 'Collect an ACH Direct Debit payment from a linked account or a saved payment method'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a payments -d 'Show or cancel payments (PaymentIntents)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a setup -d 'Save a linked account for future ACH debits (SetupIntent and mandate)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a payment-methods -d 'List, show and detach saved payment methods'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a mandates -d 'Show ACH mandates'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a events -d 'List or follow events'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a link -d 'Link bank accounts from the terminal (opens a browser)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a payouts -d 'Attach linked bank accounts to connected accounts for payouts'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a sandbox -d 'Run the local Stripe-compatible FC simulator'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a demo -d 'Walk the whole flow against a built-in sandbox'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a completion -d 'Print the shell completion script for bash, zsh or fish'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a config -d 'Read and write settings in the config file'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc\' 0' -a version -d 'Print stripe-fc\'s version'

# stripe-fc customers
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc customers\' 0' -a create -d 'Create a customer'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc customers\' 0' -a get -d 'Show a customer'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc customers\' 0' -a list -d 'List customers, newest first'

# stripe-fc customers create
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers create\'' -l email -x -d 'The customer\'s email address'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers create\'' -l name -x -d 'The customer\'s full name or business name'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers create\'' -l phone -x -d 'The customer\'s phone number'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers create\'' -l description -x -d 'An arbitrary description shown in the Dashboard'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers create\'' -l metadata -x -d 'A metadata entry'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers create\'' -l v2 -d 'Create an Accounts v2 account configured as a customer instead'

# stripe-fc customers get

# stripe-fc customers list
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers list\'' -l email -x -d 'Only customers with exactly this email (case-sensitive)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc customers list\'' -l all -d 'Return every result, page by page'

# stripe-fc sessions
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sessions\' 0' -a create -d 'Create a session for an account holder to link accounts'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sessions\' 0' -a get -d 'Show a session and its linked accounts'

# stripe-fc sessions create
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l customer -x -d 'Account holder: a customer (account_holder[type]=customer)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l customer-account -x -d 'Account holder: an Accounts v2 account configured as a customer'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l account -x -d 'Account holder: a connected account (account_holder[type]=account)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l permission -x -a '(__stripe_fc_list \'balances\' \'ownership\' \'payment_method\' \'transactions\')' -d 'Data the linked accounts grant access to'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l prefetch -x -a '(__stripe_fc_list \'balances\' \'ownership\' \'transactions\')' -d 'Data to fetch right after linking; each must also be a permission'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l country -x -d 'Only institutions in this country (ISO 3166-1 alpha-2, e.g. US)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l subcategory -x -a '(__stripe_fc_list \'checking\' \'savings\' \'credit_card\' \'line_of_credit\' \'mortgage\')' -d 'Only accounts of these subcategories'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l require-payment-method -x -a '\'all\' \'at_least_one\' \'none\'' -d 'Which linked accounts must support a payment method (filters[require_payment_method_support])'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l max-accounts -x -d 'Most accounts linkable in this session (limits[accounts])'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l manual-entry -x -a '\'automatic\' \'disabled\'' -d 'Whether the customer may type account numbers by hand'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sessions create\'' -l return-url -x -d 'Where an OAuth flow returns in webview integrations'

# stripe-fc sessions get

# stripe-fc accounts
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc accounts\' 0' -a list -d 'List linked accounts by holder or session'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc accounts\' 0' -a get -d 'Show a linked account'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc accounts\' 0' -a refresh -d 'Refresh balance, ownership or transactions data'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc accounts\' 0' -a disconnect -d 'Disconnect linked accounts (no more data access)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc accounts\' 0' -a subscribe -d 'Subscribe to daily transaction refreshes'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc accounts\' 0' -a unsubscribe -d 'Stop daily transaction refreshes'

# stripe-fc accounts list
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts list\'' -l customer -x -d 'Accounts held by this customer'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts list\'' -l customer-account -x -d 'Accounts held by this Accounts v2 customer account'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts list\'' -l account -x -d 'Accounts held by this connected account'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts list\'' -l session -x -d 'Accounts collected by this session'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts list\'' -l all -d 'Return every result, page by page'

# stripe-fc accounts get
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts get\'' -l expand -x -a '\'ownership\'' -d 'Expand a field of the account'

# stripe-fc accounts refresh
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts refresh\'' -l feature -x -a '(__stripe_fc_list \'balance\' \'ownership\' \'transactions\')' -d 'Data to refresh'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts refresh\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts refresh\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# stripe-fc accounts disconnect

# stripe-fc accounts subscribe
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts subscribe\'' -l feature -x -a '(__stripe_fc_list \'transactions\')' -d 'Data to (un)subscribe to'

# stripe-fc accounts unsubscribe
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc accounts unsubscribe\'' -l feature -x -a '(__stripe_fc_list \'transactions\')' -d 'Data to (un)subscribe to'

# stripe-fc balances
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc balances\'' -l customer -x -d 'Every account of this customer that has the balances permission'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc balances\'' -l refresh -d 'Refresh balances first (POST …/refresh features[]=balance)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc balances\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc balances\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# stripe-fc owners
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc owners\'' -l refresh -d 'Refresh ownership first (features[]=ownership)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc owners\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc owners\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# stripe-fc transactions
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc transactions\' 0' -a sync -d 'Print the transactions new or updated since the last sync'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l customer -x -d 'Every account of this customer with the transactions permission'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l since -x -d 'Only transactions at or after this time: YYYY-MM-DD (midnight in the zone tables show: local, TZ, or UTC with --utc), RFC 3339 or unix seconds'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l until -x -d 'Only transactions before this time (a date: before its midnight, in the same zone as --since)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l status -x -a '(__stripe_fc_list \'pending\' \'posted\' \'void\')' -d 'Only transactions with this status'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l after-refresh -x -d 'Only transactions created or updated by refreshes after this one'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l refresh -d 'Refresh transactions first (features[]=transactions)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions\'' -l all -d 'Return every result, page by page'

# stripe-fc transactions sync
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions sync\'' -l customer -x -d 'Every account of this customer with the transactions permission'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions sync\'' -l state -r -F -d 'The cursors of the last sync (created by the first run)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions sync\'' -l refresh -d 'Refresh transactions first (features[]=transactions); skipped for an account inside Stripe\'s cooldown'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions sync\'' -l wait -d 'Wait until every requested refresh leaves pending; exit 1 if one failed, 5 on timeout'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc transactions sync\'' -l wait-timeout -x -d 'How long --wait waits (90s, 5m, 1h)'

# stripe-fc pay
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l account -x -d 'The linked account to debit'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l payment-method -x -d 'A saved payment method to debit off-session, instead of --account'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l customer -x -d 'The customer who holds the account or the saved method'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l amount -x -d 'Amount in major units (12.34), converted exactly to the currency\'s minor units'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l currency -x -d 'Three-letter currency code'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l mandate -x -a '\'online\' \'offline\'' -d 'With --account (required): how the customer accepted the ACH mandate'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l ip -x -d 'IP address the customer accepted the mandate from (--mandate online)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l user-agent -x -d 'User agent the customer accepted the mandate with (--mandate online)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l name -x -d 'Billing name, required by ACH (--account)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l description -x -d 'Description of the payment'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l statement-descriptor -x -d 'Text on the customer\'s bank statement (up to 22 characters)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l save -d 'Also save the payment method for later off-session debits (--account; setup_future_usage=off_session)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l wait -d 'Wait until the payment leaves processing; exit 1 if it failed'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc pay\'' -l wait-timeout -x -d 'How long --wait waits'

# stripe-fc payments
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc payments\' 0' -a get -d 'Show a payment'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc payments\' 0' -a cancel -d 'Cancel a payment that has not started processing'

# stripe-fc payments get

# stripe-fc payments cancel
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payments cancel\'' -l reason -x -a '\'abandoned\' \'duplicate\' \'fraudulent\' \'requested_by_customer\'' -d 'Why it is canceled (cancellation_reason)'

# stripe-fc setup
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l account -x -d 'The linked account to save'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l customer -x -d 'The customer who holds the account, and who will own the payment method'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l mandate -x -a '\'online\' \'offline\'' -d 'How the customer accepted the ACH mandate'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l ip -x -d 'IP address the customer accepted the mandate from (--mandate online)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l user-agent -x -d 'User agent the customer accepted the mandate with (--mandate online)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l name -x -d 'Billing name, required by ACH'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l wait -d 'Wait until the SetupIntent leaves processing; exit 1 if it failed'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc setup\'' -l wait-timeout -x -d 'How long --wait waits'

# stripe-fc payment-methods
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc payment-methods\' 0' -a list -d 'List a customer\'s saved payment methods'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc payment-methods\' 0' -a get -d 'Show a payment method'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc payment-methods\' 0' -a detach -d 'Detach a saved payment method (it can no longer be debited)'

# stripe-fc payment-methods list
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payment-methods list\'' -l customer -x -d 'The customer whose methods to list'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payment-methods list\'' -l type -x -d 'Only methods of this type, such as us_bank_account'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payment-methods list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payment-methods list\'' -l all -d 'Return every result, page by page'

# stripe-fc payment-methods get

# stripe-fc payment-methods detach

# stripe-fc mandates
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc mandates\' 0' -a get -d 'Show a mandate'

# stripe-fc mandates get

# stripe-fc events
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc events\' 0' -a list -d 'List events, newest first'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc events\' 0' -a follow -d 'Print new events as they happen'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc events\' 0' -a forward -d 'Deliver events to a local URL as signed webhooks'

# stripe-fc events list
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events list\'' -l type -x -d 'Only events of this type; * wildcards allowed (financial_connections.account.*)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events list\'' -l since -x -d 'Only events created at or after this time (created[gte]); a YYYY-MM-DD date is midnight in the zone tables show (local, TZ, or UTC with --utc)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events list\'' -l limit -x -d 'Most results to return; above 100 pages automatically'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events list\'' -l all -d 'Return every result, page by page'

# stripe-fc events follow
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events follow\'' -l type -x -d 'Only events of this type; * wildcards allowed (financial_connections.account.*)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events follow\'' -l until-type -x -d 'Stop after an event of this type (wildcards allowed)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events follow\'' -l interval -x -d 'Time between polls'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events follow\'' -l wait-timeout -x -d 'Give up (exit 5) after this long'

# stripe-fc events forward
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events forward\'' -l to -x -d 'Where to deliver (your webhook handler)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events forward\'' -l type -x -d 'Only events of this type (up to 20 of them); * wildcards allowed'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events forward\'' -l secret -x -d 'Sign with this whsec_ secret (what your handler verifies with)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events forward\'' -l since -x -d 'Deliver events created at or after this time first'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc events forward\'' -l once -d 'Deliver the events there now and exit (1 if any delivery failed) instead of following'

# stripe-fc link
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l customer -x -d 'Account holder: a customer (account_holder[type]=customer)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l customer-account -x -d 'Account holder: an Accounts v2 account configured as a customer'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l account -x -d 'Account holder: a connected account (account_holder[type]=account)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l permission -x -a '(__stripe_fc_list \'balances\' \'ownership\' \'payment_method\' \'transactions\')' -d 'Data the linked accounts grant access to'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l prefetch -x -a '(__stripe_fc_list \'balances\' \'ownership\' \'transactions\')' -d 'Data to fetch right after linking; each must also be a permission'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l country -x -d 'Only institutions in this country (ISO 3166-1 alpha-2, e.g. US)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l subcategory -x -a '(__stripe_fc_list \'checking\' \'savings\' \'credit_card\' \'line_of_credit\' \'mortgage\')' -d 'Only accounts of these subcategories'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l require-payment-method -x -a '\'all\' \'at_least_one\' \'none\'' -d 'Which linked accounts must support a payment method (filters[require_payment_method_support])'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l max-accounts -x -d 'Most accounts linkable in this session (limits[accounts])'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l manual-entry -x -a '\'automatic\' \'disabled\'' -d 'Whether the customer may type account numbers by hand'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l return-url -x -d 'Where an OAuth flow returns in webview integrations'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l for -x -a '\'data\' \'payouts\'' -d 'data: link accounts (collectFinancialConnectionsAccounts); payouts: one bank account as a token for a connected account\'s payouts (collectBankAccountToken)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l attach -d 'With --for payouts: make the token the connected account\'s external (payout) bank account, and print that'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l publishable-key -x -d 'Stripe.js\'s key, against Stripe (not needed for stripe-fc sandbox)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l no-browser -d 'Print the page\'s address instead of opening a browser'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc link\'' -l wait-timeout -x -d 'How long to wait for the browser'

# stripe-fc payouts
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc payouts\' 0' -a attach -d 'Make a bank-account token a connected account\'s payout account'

# stripe-fc payouts attach
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payouts attach\'' -l account -x -d 'The connected account paid out to the bank account'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc payouts attach\'' -l token -x -d 'The bank-account token (from \'stripe-fc link --for payouts\')'

# stripe-fc sandbox
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sandbox\' 0' -a link -d 'Link a session\'s accounts in the sandbox (the UI step)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sandbox\' 0' -a trigger -d 'Put an account or payment into a state and emit its event'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sandbox\' 0' -a clock -d 'Show or advance the sandbox\'s clock'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sandbox\' 0' -a state -d 'Print the sandbox\'s world as a scenario file'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l host -x -d 'Address to bind'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l port -x -d 'Port to listen on; 0 picks a free one'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l data -r -F -d 'Keep state in this file across restarts (durable before each response)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l data-repair -d 'If a line of the --data file is damaged, cut the file off before it (saying what was dropped) and start'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l seed -x -d 'Seed for the generated world (ids, balances, owners, transactions)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l latency -x -d 'Delay added to every response'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l fail-rate -x -d 'Fraction (0-1) of requests answered 500/503 with Stripe-Should-Retry'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l drop-after-rate -x -d 'Fraction (0-1) of requests handled, then left unanswered (connection closed)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l rate-limit -x -d 'Requests per second before 429 rate_limit; 0 is unlimited'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l refresh-delay -x -d 'How long a refresh stays pending'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l refresh-cooldown -x -d 'After a successful refresh, how long before the feature can be refreshed again (next_refresh_available_at)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l settle-delay -x -d 'How long a payment stays processing'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l transactions -x -d 'Transactions generated per account'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l clock -x -a '\'system\' \'manual\'' -d 'manual: sandbox time stands still until \'stripe-fc sandbox clock advance\' moves it'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l scenario -r -F -d 'Seed customers, linked accounts and webhook endpoints with fixed ids from this JSON file (see docs/sandbox.md); not with --data'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l webhook -x -d 'Deliver every event, signed, to this URL (a webhook endpoint for all types); its whsec_ secret is printed after the address line, one line per URL'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox\'' -l webhook-retry-base -x -d 'Wait before a failed webhook delivery\'s first retry; it doubles for each of the 3 retries'

# stripe-fc sandbox link
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox link\'' -l institution -x -a '\'Test Institution\' \'Ownership Accounts\' \'Invalid Payment Accounts\' \'Down Bank (Error)\'' -d 'Which test institution to link'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox link\'' -l subcategory -x -a '(__stripe_fc_list \'checking\' \'savings\' \'credit_card\' \'line_of_credit\' \'mortgage\')' -d 'Only link accounts of these subcategories'

# stripe-fc sandbox trigger
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox trigger\'' -l account -x -d 'The linked account to act on (default: a newly linked one)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox trigger\'' -l customer -x -d 'The customer whose accounts are linked when no --account is given (default: a new one)'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox trigger\'' -l failure-code -x -a '\'insufficient_funds\' \'account_closed\' \'no_account\' \'debit_not_authorized\'' -d 'payment_intent.payment_failed: the ACH return'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox trigger\'' -l failed -d 'refreshed_balance, refreshed_ownership, refreshed_transactions: the refresh ends failed'
complete -c stripe-fc -n '__stripe_fc_at \'stripe-fc sandbox trigger\'' -l cause -x -a '\'access_expired\' \'access_denied\' \'account_closed\' \'account_unavailable\' \'institution_requirement\' \'unspecified\'' -d 'deactivated, expected_deactivation_date_updated, upcoming_deactivation: why (status_details)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sandbox trigger\' 0' -x -a '\'financial_connections.account.created\' \'financial_connections.account.deactivated\' \'financial_connections.account.reactivated\' \'financial_connections.account.disconnected\' \'financial_connections.account.refreshed_balance\' \'financial_connections.account.refreshed_ownership\' \'financial_connections.account.refreshed_transactions\' \'financial_connections.account.account_numbers_updated\' \'financial_connections.account.upcoming_account_number_expiry\' \'financial_connections.account.expected_deactivation_date_updated\' \'financial_connections.account.upcoming_deactivation\' \'financial_connections.account.supported_payment_method_types_updated\' \'payment_intent.succeeded\' \'payment_intent.payment_failed\'' -d 'The event type to cause: financial_connections.account.{created, deactivated, reactivated, disconnected, refreshed_balance, refreshed_ownership, refreshed_transactions, account_numbers_updated, upcoming_account_number_expiry, expected_deactivation_date_updated, upcoming_deactivation, supported_payment_method_types_updated}, payment_intent.succeeded or payment_intent.payment_failed'

# stripe-fc sandbox clock
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc sandbox clock\' 0' -a advance -d 'Move the sandbox\'s clock forward'

# stripe-fc sandbox clock advance

# stripe-fc sandbox state

# stripe-fc demo

# stripe-fc completion
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc completion\' 0' -x -a '\'bash\' \'zsh\' \'fish\'' -d 'The shell: bash, zsh or fish'

# stripe-fc config
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config\' 0' -a set -d 'Set a value in the profile'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config\' 0' -a get -d 'Print a value (keys masked)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config\' 0' -a list -d 'List the profile\'s values (keys masked)'
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config\' 0' -a unset -d 'Remove a value from the profile'

# stripe-fc config set
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config set\' 0' -x -a '\'api_key\' \'base_url\' \'stripe_account\' \'format\' \'publishable_key\'' -d 'One of: api_key, base_url, stripe_account, format, publishable_key'

# stripe-fc config get
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config get\' 0' -x -a '\'api_key\' \'base_url\' \'stripe_account\' \'format\' \'publishable_key\'' -d 'One of: api_key, base_url, stripe_account, format, publishable_key'

# stripe-fc config list

# stripe-fc config unset
complete -c stripe-fc -n '__stripe_fc_argument \'stripe-fc config unset\' 0' -x -a '\'api_key\' \'base_url\' \'stripe_account\' \'format\' \'publishable_key\'' -d 'One of: api_key, base_url, stripe_account, format, publishable_key'

# stripe-fc version
