#!/usr/bin/env bash
# Installs what building and testing stripe-fc needs beyond the Swift toolchain, from Debian
# packages, only when missing: libcurl's development files (CurlTransport links libcurl, found by
# pkg-config) and openssl (the TLS wire tests make a throwaway CA with it). Quiet and idempotent.
# Installs on CI (CI=true) or as root; otherwise says what to install and fails, as the build would.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libcurl 2>/dev/null || [ -z "$(find /usr/include -maxdepth 3 -path '*curl/curl.h' -print -quit 2>/dev/null)" ]; then
    missing+=(libcurl4-openssl-dev)
fi
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
    if [ "${CI:-}" = "true" ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "build-deps: missing ${missing[*]}; install them (Debian/Ubuntu: apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "build-deps: missing ${missing[*]} and no apt-get to install them with" >&2
    exit 1
fi
echo "build-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
