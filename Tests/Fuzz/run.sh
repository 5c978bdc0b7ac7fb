#!/bin/bash
# libFuzzer (Swift's -sanitize=fuzzer, with AddressSanitizer) over the three readers of untrusted
# files: the .npz reader, the study parser and the results-file reader.
#
#   bash Tests/Fuzz/run.sh [SECONDS_PER_TARGET]     # default 60
#
# Builds the library targets with coverage instrumentation into .build-fuzz/ (a few minutes the
# first time), links one fuzzer per target, and runs each for the given time from the seed corpus
# in Tests/Fuzz/corpus/<target>/ (npz, study, records) (new inputs go to a scratch copy). A crash or a broken property
# leaves crash-* files in .build-fuzz/crashes/ and a non-zero exit; turn each into a regression
# test (see Tests/LaminaCompareTests/Fuzz/).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET="${1:-60}"
BUILD=.build-fuzz
FLAGS=(-Xswiftc -sanitize=fuzzer -Xswiftc -sanitize=address -Xcc -fsanitize=fuzzer-no-link -Xcc -fsanitize=address)
swift build --build-path "$BUILD" "${FLAGS[@]}" --target LaminaCompare >/dev/null
DEBUG="$BUILD/debug"
OBJECTS=("$DEBUG"/CKernels.build/*.o "$DEBUG"/LaminaTensor.build/*.o "$DEBUG"/LaminaGraph.build/*.o
         "$DEBUG"/Lamina.build/*.o "$DEBUG"/LaminaCompare.build/*.o)
mkdir -p "$BUILD/crashes"
status=0
for target in npz study records; do
    define="FUZZ_$(echo "$target" | tr a-z A-Z)"
    swiftc -sanitize=fuzzer,address -parse-as-library -D "$define" -I "$DEBUG/Modules" \
        -Xcc -fmodule-map-file=Sources/CBLAS/module.modulemap -Xcc -fmodule-map-file="$DEBUG/CKernels.build/module.modulemap" \
        Tests/Fuzz/FuzzTarget.swift "${OBJECTS[@]}" -lopenblas -o "$BUILD/fuzz-$target" 2>&1 | grep -v "Cannot export local symbol" || true
    work="$BUILD/corpus-$target"
    rm -rf "$work"; mkdir -p "$work"; cp Tests/Fuzz/corpus/$target/* "$work/"
    echo "fuzzing $target for $SECONDS_PER_TARGET s"
    if ! ASAN_OPTIONS=detect_leaks=0 "$BUILD/fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=2048 \
        -artifact_prefix="$BUILD/crashes/$target-" -print_final_stats=1 "$work" 2>"$BUILD/fuzz-$target.log"; then
        status=1
        echo "fuzz-$target found a crash: see $BUILD/fuzz-$target.log and $BUILD/crashes/"
    fi
    grep -E "^stat::number_of_executed_units|^stat::new_units_added|Done [0-9]+ runs" "$BUILD/fuzz-$target.log" || true
done
exit $status
