# bash completion for stripe-fc. Generated from stripe-fc's command tree by `stripe-fc completion bash`; do not edit.
# Install as share/bash-completion/completions/stripe-fc, or source it from ~/.bashrc.

# The subcommand a word names under a command path (aliases give the name).
_stripe_fc_subcommand() {
    case "$1/$2" in
        "stripe-fc/customers"|"stripe-fc/customer") echo customers ;;
        "stripe-fc/sessions"|"stripe-fc/session") echo sessions ;;
        "stripe-fc/accounts"|"stripe-fc/account") echo accounts ;;
        "stripe-fc/balances"|"stripe-fc/balance") echo balances ;;
        "stripe-fc/owners") echo owners ;;
        "stripe-fc/transactions"|"stripe-fc/txns") echo transactions ;;
        "stripe-fc/pay") echo pay ;;
        "stripe-fc/payments"|"stripe-fc/payment") echo payments ;;
        "stripe-fc/setup") echo setup ;;
        "stripe-fc/payment-methods"|"stripe-fc/payment-method") echo payment-methods ;;
        "stripe-fc/mandates"|"stripe-fc/mandate") echo mandates ;;
        "stripe-fc/events"|"stripe-fc/event") echo events ;;
        "stripe-fc/link") echo link ;;
        "stripe-fc/payouts"|"stripe-fc/payout") echo payouts ;;
        "stripe-fc/sandbox") echo sandbox ;;
        "stripe-fc/demo") echo demo ;;
        "stripe-fc/completion") echo completion ;;
        "stripe-fc/config") echo config ;;
        "stripe-fc/version") echo version ;;
        "stripe-fc customers/create") echo create ;;
        "stripe-fc customers/get") echo get ;;
        "stripe-fc customers/list") echo list ;;
        "stripe-fc sessions/create") echo create ;;
        "stripe-fc sessions/get") echo get ;;
        "stripe-fc accounts/list") echo list ;;
        "stripe-fc accounts/get") echo get ;;
        "stripe-fc accounts/refresh") echo refresh ;;
        "stripe-fc accounts/disconnect") echo disconnect ;;
        "stripe-fc accounts/subscribe") echo subscribe ;;
        "stripe-fc accounts/unsubscribe") echo unsubscribe ;;
        "stripe-fc transactions/sync") echo sync ;;
        "stripe-fc payments/get") echo get ;;
        "stripe-fc payments/cancel") echo cancel ;;
        "stripe-fc payment-methods/list") echo list ;;
        "stripe-fc payment-methods/get") echo get ;;
        "stripe-fc payment-methods/detach") echo detach ;;
        "stripe-fc mandates/get") echo get ;;
        "stripe-fc events/list") echo list ;;
        "stripe-fc events/follow") echo follow ;;
        "stripe-fc events/forward") echo forward ;;
        "stripe-fc payouts/attach") echo attach ;;
        "stripe-fc sandbox/link") echo link ;;
        "stripe-fc sandbox/trigger") echo trigger ;;
        "stripe-fc sandbox/clock") echo clock ;;
        "stripe-fc sandbox/state") echo state ;;
        "stripe-fc sandbox clock/advance") echo advance ;;
        "stripe-fc config/set") echo set ;;
        "stripe-fc config/get") echo get ;;
        "stripe-fc config/list") echo list ;;
        "stripe-fc config/unset") echo unset ;;
        *) return 1 ;;
    esac
}

# The subcommands of a command path.
_stripe_fc_subcommands() {
    case "$1" in
        "stripe-fc") echo "customers sessions accounts balances owners transactions pay payments setup payment-methods mandates events link payouts sandbox demo completion config version" ;;
        "stripe-fc customers") echo "create get list" ;;
        "stripe-fc sessions") echo "create get" ;;
        "stripe-fc accounts") echo "list get refresh disconnect subscribe unsubscribe" ;;
        "stripe-fc transactions") echo "sync" ;;
        "stripe-fc payments") echo "get cancel" ;;
        "stripe-fc payment-methods") echo "list get detach" ;;
        "stripe-fc mandates") echo "get" ;;
        "stripe-fc events") echo "list follow forward" ;;
        "stripe-fc payouts") echo "attach" ;;
        "stripe-fc sandbox") echo "link trigger clock state" ;;
        "stripe-fc sandbox clock") echo "advance" ;;
        "stripe-fc config") echo "set get list unset" ;;
    esac
}

# The options of a command path, global ones included.
_stripe_fc_options() {
    case "$1" in
        "stripe-fc") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc customers") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc customers create") echo "--email --name --phone --description --metadata --v2 --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc customers get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc customers list") echo "--email --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sessions") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sessions create") echo "--customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sessions get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts list") echo "--customer --customer-account --account --session --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts get") echo "--expand --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts refresh") echo "--feature --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts disconnect") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts subscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc accounts unsubscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc balances") echo "--customer --refresh --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc owners") echo "--refresh --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc transactions") echo "--customer --since --until --status --after-refresh --refresh --wait --wait-timeout --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc transactions sync") echo "--customer --state --refresh --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc pay") echo "--account --payment-method --customer --amount --currency --mandate --ip --user-agent --name --description --statement-descriptor --save --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payments") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payments get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payments cancel") echo "--reason --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc setup") echo "--account --customer --mandate --ip --user-agent --name --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payment-methods") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payment-methods list") echo "--customer --type --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payment-methods get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payment-methods detach") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc mandates") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc mandates get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc events") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc events list") echo "--type --since --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc events follow") echo "--type --until-type --interval --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc events forward") echo "--to --type --secret --since --once --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc link") echo "--customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --for --attach --publishable-key --no-browser --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payouts") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc payouts attach") echo "--account --token --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sandbox") echo "--host --port --data --data-repair --seed --latency --fail-rate --drop-after-rate --rate-limit --refresh-delay --refresh-cooldown --settle-delay --transactions --clock --scenario --webhook --webhook-retry-base --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sandbox link") echo "--institution --subcategory --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sandbox trigger") echo "--account --customer --failure-code --failed --cause --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sandbox clock") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sandbox clock advance") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc sandbox state") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc demo") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc completion") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc config") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc config set") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc config get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc config list") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc config unset") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
        "stripe-fc version") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --utc --quiet -q --no-color --verbose -v --dry-run --max-retries --concurrency --timeout --max-response-size --ca-bundle --new --idempotency-key --insecure-http --yes -y --version --help -h" ;;
    esac
}

# The options of a command path that take a value.
_stripe_fc_value_options() {
    case "$1" in
        "stripe-fc") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc customers") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc customers create") echo "--email --name --phone --description --metadata --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc customers get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc customers list") echo "--email --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sessions") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sessions create") echo "--customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sessions get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts list") echo "--customer --customer-account --account --session --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts get") echo "--expand --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts refresh") echo "--feature --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts disconnect") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts subscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc accounts unsubscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc balances") echo "--customer --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc owners") echo "--wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc transactions") echo "--customer --since --until --status --after-refresh --wait-timeout --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc transactions sync") echo "--customer --state --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc pay") echo "--account --payment-method --customer --amount --currency --mandate --ip --user-agent --name --description --statement-descriptor --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payments") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payments get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payments cancel") echo "--reason --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc setup") echo "--account --customer --mandate --ip --user-agent --name --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payment-methods") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payment-methods list") echo "--customer --type --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payment-methods get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payment-methods detach") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc mandates") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc mandates get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc events") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc events list") echo "--type --since --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc events follow") echo "--type --until-type --interval --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc events forward") echo "--to --type --secret --since --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc link") echo "--customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --for --publishable-key --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payouts") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc payouts attach") echo "--account --token --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sandbox") echo "--host --port --data --seed --latency --fail-rate --drop-after-rate --rate-limit --refresh-delay --refresh-cooldown --settle-delay --transactions --clock --scenario --webhook --webhook-retry-base --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sandbox link") echo "--institution --subcategory --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sandbox trigger") echo "--account --customer --failure-code --cause --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sandbox clock") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sandbox clock advance") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc sandbox state") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc demo") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc completion") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc config") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc config set") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc config get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc config list") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc config unset") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
        "stripe-fc version") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --concurrency --timeout --max-response-size --ca-bundle --idempotency-key" ;;
    esac
}

# Completes the value of option $2 of command path $1; $3 is the word so far.
_stripe_fc_option_value() {
    case "$1 $2" in
        "stripe-fc sessions create --permission") _stripe_fc_reply list "$3" balances ownership payment_method transactions ;;
        "stripe-fc sessions create --prefetch") _stripe_fc_reply list "$3" balances ownership transactions ;;
        "stripe-fc sessions create --subcategory") _stripe_fc_reply list "$3" checking savings credit_card line_of_credit mortgage ;;
        "stripe-fc sessions create --require-payment-method") _stripe_fc_reply word "$3" all at_least_one none ;;
        "stripe-fc sessions create --manual-entry") _stripe_fc_reply word "$3" automatic disabled ;;
        "stripe-fc accounts get --expand") _stripe_fc_reply word "$3" ownership ;;
        "stripe-fc accounts refresh --feature") _stripe_fc_reply list "$3" balance ownership transactions ;;
        "stripe-fc accounts subscribe --feature") _stripe_fc_reply list "$3" transactions ;;
        "stripe-fc accounts unsubscribe --feature") _stripe_fc_reply list "$3" transactions ;;
        "stripe-fc transactions --status") _stripe_fc_reply list "$3" pending posted void ;;
        "stripe-fc transactions sync --state") _stripe_fc_files "$3" ;;
        "stripe-fc pay --mandate") _stripe_fc_reply word "$3" online offline ;;
        "stripe-fc payments cancel --reason") _stripe_fc_reply word "$3" abandoned duplicate fraudulent requested_by_customer ;;
        "stripe-fc setup --mandate") _stripe_fc_reply word "$3" online offline ;;
        "stripe-fc link --permission") _stripe_fc_reply list "$3" balances ownership payment_method transactions ;;
        "stripe-fc link --prefetch") _stripe_fc_reply list "$3" balances ownership transactions ;;
        "stripe-fc link --subcategory") _stripe_fc_reply list "$3" checking savings credit_card line_of_credit mortgage ;;
        "stripe-fc link --require-payment-method") _stripe_fc_reply word "$3" all at_least_one none ;;
        "stripe-fc link --manual-entry") _stripe_fc_reply word "$3" automatic disabled ;;
        "stripe-fc link --for") _stripe_fc_reply word "$3" data payouts ;;
        "stripe-fc sandbox --data") _stripe_fc_files "$3" ;;
        "stripe-fc sandbox --clock") _stripe_fc_reply word "$3" system manual ;;
        "stripe-fc sandbox --scenario") _stripe_fc_files "$3" ;;
        "stripe-fc sandbox link --institution") _stripe_fc_reply word "$3" 'Test Institution' 'Ownership Accounts' 'Invalid Payment Accounts' 'Down Bank (Error)' ;;
        "stripe-fc sandbox link --subcategory") _stripe_fc_reply list "$3" checking savings credit_card line_of_credit mortgage ;;
        "stripe-fc sandbox trigger --failure-code") _stripe_fc_reply word "$3" insufficient_funds account_closed no_account debit_not_authorized ;;
        "stripe-fc sandbox trigger --cause") _stripe_fc_reply word "$3" access_expired access_denied account_closed account_unavailable institution_requirement unspecified ;;
        *" --format") _stripe_fc_reply word "$3" table json jsonl csv tsv ;;
        *" --ca-bundle") _stripe_fc_files "$3" ;;
    esac
}

# Completes argument number $2 (from 0) of command path $1; $3 is the word so far.
_stripe_fc_argument_value() {
    case "$1" in
        "stripe-fc sandbox trigger") if (( $2 == 0 )); then _stripe_fc_reply word "$3" financial_connections.account.created financial_connections.account.deactivated financial_connections.account.reactivated financial_connections.account.disconnected financial_connections.account.refreshed_balance financial_connections.account.refreshed_ownership financial_connections.account.refreshed_transactions financial_connections.account.account_numbers_updated financial_connections.account.upcoming_account_number_expiry financial_connections.account.expected_deactivation_date_updated financial_connections.account.upcoming_deactivation financial_connections.account.supported_payment_method_types_updated payment_intent.succeeded payment_intent.payment_failed; fi ;;
        "stripe-fc completion") if (( $2 == 0 )); then _stripe_fc_reply word "$3" bash zsh fish; fi ;;
        "stripe-fc config set") if (( $2 == 0 )); then _stripe_fc_reply word "$3" api_key base_url stripe_account format publishable_key; fi ;;
        "stripe-fc config get") if (( $2 == 0 )); then _stripe_fc_reply word "$3" api_key base_url stripe_account format publishable_key; fi ;;
        "stripe-fc config unset") if (( $2 == 0 )); then _stripe_fc_reply word "$3" api_key base_url stripe_account format publishable_key; fi ;;
    esac
}

# Sets COMPREPLY to the candidates ($3...) that start with the word so far ($2), quoted for
# the command line. In "list" mode ($1) a comma-separated list is completed after its last comma.
_stripe_fc_reply() {
    local mode=$1 word=$2 prefix="" candidate
    shift 2
    if [[ $mode == list && $word == *,* ]]; then
        prefix=${word%,*},
        word=${word##*,}
    fi
    # Inside an opened quote readline quotes the reply itself; otherwise escape it here.
    local quoted=""
    if [[ $word == [\"\']* ]]; then
        quoted=1
        word=${word:1}
    fi
    word=${word//\\/}
    COMPREPLY=()
    for candidate in "$@"; do
        if [[ $candidate == "$word"* ]]; then
            if [[ -n $quoted || $candidate =~ ^[A-Za-z0-9_.,/=+@%-]*$ ]]; then
                COMPREPLY+=("$prefix$candidate")
            else
                COMPREPLY+=("$prefix$(printf '%q' "$candidate")")
            fi
        fi
    done
}

_stripe_fc_files() {
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$1"))
}

_stripe_fc() {
    local cur=${COMP_WORDS[COMP_CWORD]} path=stripe-fc word next option="" count=0 i=1 sub
    # `--opt=value` reaches us as three words (`=` is a word break): --opt, =, value.
    if [[ $cur == = ]]; then
        option=${COMP_WORDS[COMP_CWORD-1]}
        cur=""
    elif ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then
        option=${COMP_WORDS[COMP_CWORD-2]}
    fi
    while ((i < COMP_CWORD)); do
        word=${COMP_WORDS[i]}
        ((i++))
        case $word in
            --)
                count=$((count + COMP_CWORD - i))
                break
                ;;
            -?*)
                if [[ " $(_stripe_fc_value_options "$path") " == *" $word "* ]]; then
                    next=${COMP_WORDS[i]-}
                    if [[ $next == = ]]; then ((i += 2)); else ((i++)); fi
                    if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=$word; fi
                fi
                ;;
            *)
                if ((count == 0)) && sub=$(_stripe_fc_subcommand "$path" "$word"); then
                    path="$path $sub"
                else
                    ((count++))
                fi
                ;;
        esac
    done
    COMPREPLY=()
    if [[ -n $option ]]; then
        _stripe_fc_option_value "$path" "$option" "$cur"
    elif [[ $cur == -* ]]; then
        _stripe_fc_reply word "$cur" $(_stripe_fc_options "$path")
    elif ((count == 0)) && [[ -n $(_stripe_fc_subcommands "$path") ]]; then
        _stripe_fc_reply word "$cur" $(_stripe_fc_subcommands "$path")
    else
        _stripe_fc_argument_value "$path" "$count" "$cur"
    fi
    return 0
}

complete -F _stripe_fc stripe-fc
