#!/bin/sh
# Builds the libFuzzer harnesses (with AddressSanitizer, in their own scratch path), seeds their corpora (valid
# records and JSON Lines of a small store, CSV imports, command arguments), and runs each for SECONDS (default 60).
#   Fuzz/run.sh [SECONDS] [HARNESS...]     harnesses: record-decoder json-lines csv-import command-inputs
set -eu
cd "$(dirname "$0")"
seconds="${1:-60}"
[ $# -gt 0 ] && shift
harnesses="${*:-record-decoder json-lines csv-import command-inputs}"
flags="-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library"
swift build --scratch-path ../.build-fuzz $flags
bin="$(swift build --scratch-path ../.build-fuzz $flags --show-bin-path)"
export SWIFT_BACKTRACE=enable=no
for harness in $harnesses; do
    mkdir -p "corpus/$harness"
    if [ -z "$(ls "corpus/$harness")" ]; then RAPPORT_FUZZ_SEEDS="corpus/$harness" "$bin/fuzz-$harness"; fi
    "$bin/fuzz-$harness" -max_total_time="$seconds" -max_len=8192 "corpus/$harness"
done
