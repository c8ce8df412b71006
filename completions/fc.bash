# bash completion for fc. Generated from fc's command tree by `fc completion bash`; do not edit.
# Install as share/bash-completion/completions/fc, or source it from ~/.bashrc.

# The subcommand a word names under a command path (aliases give the name).
_fc_subcommand() {
    case "$1/$2" in
        "fc/customers"|"fc/customer") echo customers ;;
        "fc/sessions"|"fc/session") echo sessions ;;
        "fc/accounts"|"fc/account") echo accounts ;;
        "fc/balances"|"fc/balance") echo balances ;;
        "fc/owners") echo owners ;;
        "fc/transactions"|"fc/txns") echo transactions ;;
        "fc/pay") echo pay ;;
        "fc/payments"|"fc/payment") echo payments ;;
        "fc/events"|"fc/event") echo events ;;
        "fc/link") echo link ;;
        "fc/sandbox") echo sandbox ;;
        "fc/demo") echo demo ;;
        "fc/completion") echo completion ;;
        "fc/config") echo config ;;
        "fc customers/create") echo create ;;
        "fc customers/get") echo get ;;
        "fc customers/list") echo list ;;
        "fc sessions/create") echo create ;;
        "fc sessions/get") echo get ;;
        "fc accounts/list") echo list ;;
        "fc accounts/get") echo get ;;
        "fc accounts/refresh") echo refresh ;;
        "fc accounts/disconnect") echo disconnect ;;
        "fc accounts/subscribe") echo subscribe ;;
        "fc accounts/unsubscribe") echo unsubscribe ;;
        "fc payments/get") echo get ;;
        "fc payments/cancel") echo cancel ;;
        "fc events/list") echo list ;;
        "fc events/follow") echo follow ;;
        "fc sandbox/link") echo link ;;
        "fc config/set") echo set ;;
        "fc config/get") echo get ;;
        "fc config/list") echo list ;;
        "fc config/unset") echo unset ;;
        *) return 1 ;;
    esac
}

# The subcommands of a command path.
_fc_subcommands() {
    case "$1" in
        "fc") echo "customers sessions accounts balances owners transactions pay payments events link sandbox demo completion config" ;;
        "fc customers") echo "create get list" ;;
        "fc sessions") echo "create get" ;;
        "fc accounts") echo "list get refresh disconnect subscribe unsubscribe" ;;
        "fc payments") echo "get cancel" ;;
        "fc events") echo "list follow" ;;
        "fc sandbox") echo "link" ;;
        "fc config") echo "set get list unset" ;;
    esac
}

# The options of a command path, global ones included.
_fc_options() {
    case "$1" in
        "fc") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc customers") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc customers create") echo "--email --name --phone --description --metadata --v2 --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc customers get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc customers list") echo "--email --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc sessions") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc sessions create") echo "--customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc sessions get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts list") echo "--customer --customer-account --account --session --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts get") echo "--expand --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts refresh") echo "--feature --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts disconnect") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts subscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc accounts unsubscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc balances") echo "--customer --refresh --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc owners") echo "--refresh --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc transactions") echo "--customer --since --until --status --after-refresh --refresh --wait --wait-timeout --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc pay") echo "--account --customer --amount --currency --mandate --ip --user-agent --name --description --statement-descriptor --wait --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc payments") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc payments get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc payments cancel") echo "--reason --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc events") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc events list") echo "--type --since --limit --all --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc events follow") echo "--type --until-type --interval --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc link") echo "--customer --permission --prefetch --no-browser --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc sandbox") echo "--host --port --data --seed --latency --fail-rate --rate-limit --refresh-delay --settle-delay --transactions --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc sandbox link") echo "--institution --subcategory --api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc demo") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc completion") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc config") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc config set") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc config get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc config list") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
        "fc config unset") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --json --fields --quiet -q --no-color --verbose -v --dry-run --max-retries --timeout --idempotency-key --yes -y --version --help -h" ;;
    esac
}

# The options of a command path that take a value.
_fc_value_options() {
    case "$1" in
        "fc") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc customers") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc customers create") echo "--email --name --phone --description --metadata --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc customers get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc customers list") echo "--email --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc sessions") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc sessions create") echo "--customer --customer-account --account --permission --prefetch --country --subcategory --require-payment-method --max-accounts --manual-entry --return-url --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc sessions get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts list") echo "--customer --customer-account --account --session --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts get") echo "--expand --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts refresh") echo "--feature --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts disconnect") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts subscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc accounts unsubscribe") echo "--feature --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc balances") echo "--customer --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc owners") echo "--wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc transactions") echo "--customer --since --until --status --after-refresh --wait-timeout --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc pay") echo "--account --customer --amount --currency --mandate --ip --user-agent --name --description --statement-descriptor --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc payments") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc payments get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc payments cancel") echo "--reason --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc events") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc events list") echo "--type --since --limit --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc events follow") echo "--type --until-type --interval --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc link") echo "--customer --permission --prefetch --wait-timeout --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc sandbox") echo "--host --port --data --seed --latency --fail-rate --rate-limit --refresh-delay --settle-delay --transactions --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc sandbox link") echo "--institution --subcategory --api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc demo") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc completion") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc config") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc config set") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc config get") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc config list") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
        "fc config unset") echo "--api-key --profile --base-url --stripe-account --stripe-version --format --fields --max-retries --timeout --idempotency-key" ;;
    esac
}

# Completes the value of option $2 of command path $1; $3 is the word so far.
_fc_option_value() {
    case "$1 $2" in
        "fc sessions create --permission") _fc_reply list "$3" balances ownership payment_method transactions ;;
        "fc sessions create --prefetch") _fc_reply list "$3" balances ownership transactions ;;
        "fc sessions create --subcategory") _fc_reply list "$3" checking savings credit_card line_of_credit mortgage ;;
        "fc sessions create --require-payment-method") _fc_reply word "$3" all at_least_one none ;;
        "fc sessions create --manual-entry") _fc_reply word "$3" automatic disabled ;;
        "fc accounts get --expand") _fc_reply word "$3" ownership ;;
        "fc accounts refresh --feature") _fc_reply list "$3" balance ownership transactions ;;
        "fc accounts subscribe --feature") _fc_reply list "$3" transactions ;;
        "fc accounts unsubscribe --feature") _fc_reply list "$3" transactions ;;
        "fc transactions --status") _fc_reply list "$3" pending posted void ;;
        "fc pay --mandate") _fc_reply word "$3" online offline ;;
        "fc payments cancel --reason") _fc_reply word "$3" abandoned duplicate fraudulent requested_by_customer ;;
        "fc link --permission") _fc_reply list "$3" balances ownership payment_method transactions ;;
        "fc link --prefetch") _fc_reply list "$3" balances ownership transactions ;;
        "fc sandbox --data") _fc_files "$3" ;;
        "fc sandbox link --institution") _fc_reply word "$3" 'Test Institution' 'Ownership Accounts' 'Invalid Payment Accounts' 'Down Bank (Error)' ;;
        "fc sandbox link --subcategory") _fc_reply list "$3" checking savings credit_card line_of_credit mortgage ;;
        *" --format") _fc_reply word "$3" table json jsonl csv tsv ;;
    esac
}

# Completes argument number $2 (from 0) of command path $1; $3 is the word so far.
_fc_argument_value() {
    case "$1" in
        "fc completion") if (( $2 == 0 )); then _fc_reply word "$3" bash zsh fish; fi ;;
        "fc config set") if (( $2 == 0 )); then _fc_reply word "$3" api_key base_url stripe_account format; fi ;;
        "fc config get") if (( $2 == 0 )); then _fc_reply word "$3" api_key base_url stripe_account format; fi ;;
        "fc config unset") if (( $2 == 0 )); then _fc_reply word "$3" api_key base_url stripe_account format; fi ;;
    esac
}

# Sets COMPREPLY to the candidates ($3...) that start with the word so far ($2), quoted for
# the command line. In "list" mode ($1) a comma-separated list is completed after its last comma.
_fc_reply() {
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

_fc_files() {
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$1"))
}

_fc() {
    local cur=${COMP_WORDS[COMP_CWORD]} path=fc word next option="" count=0 i=1 sub
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
                if [[ " $(_fc_value_options "$path") " == *" $word "* ]]; then
                    next=${COMP_WORDS[i]-}
                    if [[ $next == = ]]; then ((i += 2)); else ((i++)); fi
                    if ((i > COMP_CWORD)) && [[ -z $option ]]; then option=$word; fi
                fi
                ;;
            *)
                if ((count == 0)) && sub=$(_fc_subcommand "$path" "$word"); then
                    path="$path $sub"
                else
                    ((count++))
                fi
                ;;
        esac
    done
    COMPREPLY=()
    if [[ -n $option ]]; then
        _fc_option_value "$path" "$option" "$cur"
    elif [[ $cur == -* ]]; then
        _fc_reply word "$cur" $(_fc_options "$path")
    elif ((count == 0)) && [[ -n $(_fc_subcommands "$path") ]]; then
        _fc_reply word "$cur" $(_fc_subcommands "$path")
    else
        _fc_argument_value "$path" "$count" "$cur"
    fi
    return 0
}

complete -F _fc fc
