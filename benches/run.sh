#!/usr/bin/env bash
# Reproduce the README's performance figures: the criterion benchmarks, then the peak memory
# of loading the 10,000-place / 250,000-event dataset and drawing one day of it.
#   benches/run.sh                    everything (about 13 minutes on 2 cores)
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

echo "== peak memory"
cargo build --release --quiet
bin=target/release/frontline
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
timev() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" 2>&1 >/dev/null | grep -E 'Maximum resident|Elapsed' | sed 's/^\s*/    /'
    else
        echo "    (install GNU time: apt-get install -y time)"
    fi
}
# The same sizes as the benchmarks, 100 events a day.
for size in "100 1000" "1000 25000" "10000 250000"; do
    read -r places events <<<"$size"
    rm -rf "${dir:?}"/*
    "$bin" gen --places "$places" --events "$events" --events-per-day 100 --seed 1 -o "$dir" >/dev/null
    days=$((events / 100))
    day=$(date -d "2020-01-01 + $((days / 2 - 1)) days" +%F)
    echo "-- $places places / $events events (dataset.toml $(du -h "$dir/dataset.toml" | cut -f1), middle day $day)"
    echo "  validate:"
    timev "$bin" validate "$dir/dataset.toml"
    echo "  export --format txt (one 160x50 frame of the terminal map):"
    timev "$bin" --data "$dir/dataset.toml" export --date "$day" --format txt -o -
    echo "  export --format png (1600 px):"
    timev "$bin" --data "$dir/dataset.toml" export --date "$day" --format png -o -
done
# The largest dataset again, formatted as people write TOML: each variant must stay on the
# entry-by-entry path (a whole-file parse of it peaked near 1 GB).
echo "-- the same 10000 / 250000 dataset, formatted differently (validate)"
t="$dir/dataset.toml"
sed '0,/^\[\[places\]\]/s//# """\n[[places]]/' "$t" >"$dir/comment.toml"
sed 's/^\[\[places\]\]$/  [[ places ]] # a place/' "$t" >"$dir/spaced.toml"
sed 's/note = "synthetic"/note = """synthetic"""/' "$t" >"$dir/strings.toml"
for variant in comment spaced strings; do
    echo "  $variant:"
    timev "$bin" validate "$dir/$variant.toml"
done

echo "== animations and the comparison picture (built-in dataset)"
for args in "--format gif" "--format apng" "--format gif --width 1600" \
    "--date 2024-12-07 --format png --compare 2024-12-04"; do
    rm -rf "${dir:?}"/*
    # shellcheck disable=SC2086
    echo "  export $args: $(cd "$dir" && "$bin" export $args | xargs du -k | cut -f1) KB"
    # shellcheck disable=SC2086
    timev "$bin" export $args -o "$dir/again" --force
done
