#!/usr/bin/env bash
# Installs what the shell-citizenship tests drive (bash-completion, zsh, fish) and check the man
# page with (mandoc, man-db), from Debian packages. Only on CI (CI=true) and only when something
# is missing; elsewhere it prints what is missing and leaves the machine alone (those tests then
# skip, with the reason recorded).
set -euo pipefail

missing=()
[ -r /usr/share/bash-completion/bash_completion ] || missing+=(bash-completion)
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
command -v mandoc >/dev/null 2>&1 || missing+=(mandoc)
command -v man >/dev/null 2>&1 || missing+=(man-db)

if [ ${#missing[@]} -eq 0 ]; then
    echo "shells-install: bash-completion, zsh, fish, mandoc and man are present"
    exit 0
fi
if [ "${CI:-}" != "true" ]; then
    echo "shells-install: missing ${missing[*]}; not installing outside CI (set CI=true to install)" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "shells-install: missing ${missing[*]} and no apt-get; the shell tests will skip" >&2
    exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "shells-install: missing ${missing[*]}, not root and no sudo; the shell tests will skip" >&2
        exit 0
    fi
fi
echo "shells-install: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
