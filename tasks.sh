#!/usr/bin/env bash
# Rapport's set-up and everyday tasks, on a Debian machine with Swift 6.
#   ./tasks.sh demo    build the `rapport` tool and run its demo (the main job)
#   ./tasks.sh test    run the test suite
# Both first make sure LMDB's C library (Debian's liblmdb-dev) is installed.
set -euo pipefail
cd "$(dirname "$0")"

ensure_lmdb() {
    if pkg-config --exists lmdb 2>/dev/null || [ -f /usr/include/lmdb.h ]; then
        return
    fi
    echo "LMDB's development files (liblmdb-dev) are missing; installing them." >&2
    local packages="liblmdb-dev pkg-config"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && apt-get install -y -qq $packages
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo apt-get update -qq && sudo apt-get install -y -qq $packages
    else
        echo "Cannot install them without root. Run:  sudo apt-get update && sudo apt-get install -y $packages" >&2
        exit 1
    fi
}

case "${1:-}" in
    demo)
        ensure_lmdb
        shift
        swift build -c release --product rapport
        "$(swift build -c release --show-bin-path)/rapport" demo "$@"
        ;;
    test)
        ensure_lmdb
        shift
        swift test "$@"
        ;;
    *)
        echo "usage: ./tasks.sh demo | test" >&2
        exit 2
        ;;
esac
