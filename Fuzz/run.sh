#!/bin/sh
# Builds the libFuzzer harnesses (in their own scratch path) and runs each for SECONDS (default 60).
#   Fuzz/run.sh [SECONDS]
set -eu
cd "$(dirname "$0")"
seconds="${1:-60}"
swift build --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
bin="$(swift build --scratch-path ../.build-fuzz --show-bin-path)"
mkdir -p corpus/record-decoder corpus/json-lines
"$bin/fuzz-record-decoder" -max_total_time="$seconds" -max_len=4096 corpus/record-decoder
"$bin/fuzz-json-lines" -max_total_time="$seconds" -max_len=4096 corpus/json-lines
