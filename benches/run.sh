#!/usr/bin/env bash
# Reproduce the README's performance figures: the criterion benchmarks, then the peak memory
# of loading the 10,000-place / 250,000-event dataset and drawing one day of it.
#   benches/run.sh                    everything (about 10 minutes on 2 cores)
#   benches/run.sh --memory-only      only the peak-memory figures
# Extra arguments go to criterion, e.g. `benches/run.sh --save-baseline main`.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== machine"
echo "cores: $(nproc)"
grep -m1 'model name' /proc/cpuinfo || true
rustc --version

if [[ "${1:-}" != "--memory-only" ]]; then
    echo "== benchmarks"
    cargo bench --bench frontline -- --noplot "$@"
fi

echo "== peak memory, 10,000 places / 250,000 events"
cargo build --release --quiet
bin=target/release/frontline
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" gen --places 10000 --events 250000 --events-per-day 100 --seed 1 -o "$dir" >/dev/null
# The middle day of the generated dataset's 2,500 days.
day=$(date -d "2020-01-01 + 1249 days" +%F)
timev() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" 2>&1 >/dev/null | grep -E 'Maximum resident|Elapsed' | sed 's/^\s*/  /'
    else
        echo "  (install GNU time: apt-get install -y time)"
    fi
}
echo "validate:"
timev "$bin" validate "$dir/dataset.toml"
echo "state --date $day:"
timev "$bin" --data "$dir/dataset.toml" state --date "$day"
echo "export --format txt (one 160x50 frame of the terminal map):"
timev "$bin" --data "$dir/dataset.toml" export --date "$day" --format txt -o -
echo "export --format png (1600 px):"
timev "$bin" --data "$dir/dataset.toml" export --date "$day" --format png -o -
