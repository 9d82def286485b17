#!/usr/bin/env bash
# Runs the project's benchmarks and prints one table (`make bench` calls this).
#
#   scripts/bench.sh                  every benchmark of the list below
#   scripts/bench.sh crawl extract    only those (names of the list)
#   scripts/bench.sh -l               the list
#
# Each benchmark that compares DRA with a baseline runs them side by side in
# one process, rounds interleaved, and reports the min, median and max over
# the rounds of the ratio (metrics named <side>/<baseline>-min, -med, -max);
# the table gathers those ratios at the end. The Elasticsearch benchmarks use
# DRA_ES_URL, or an Elasticsearch this script starts with
# scripts/elasticsearch.sh (skipped, and said so, if neither works). The peer
# benchmark (scripts/peer-bench.sh) needs python3 and PyPI. Raw output goes to
# $BENCH_OUT (test-output/bench).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

# One line per benchmark; add yours here.
#   name           package or cmd:SCRIPT    -bench regexp                -benchtime  needs  extra arguments
BENCHES='
crawl            ./crawler                ^BenchmarkCrawl$              5x          -      
crawl-process    ./crawler                ^BenchmarkCrawlProcess$       3x          -      
link-resolve     ./crawler                ^BenchmarkResolve$            1s          -      -benchmem
extract          ./processor              ^BenchmarkExtractSeedPage$    1s          -      -benchmem
full-record      ./processor              ^BenchmarkFullRecordVsReadability$ 2s     -      -count 5
stage            ./processor              ^BenchmarkStage$              1x          -      
end-to-end       ./internal/cli           ^BenchmarkRunEndToEnd$        1x          -      -timeout 60m
archive-stores   ./crawler                ^BenchmarkArchiveStores$      1x          -      
fleet-night      ./crawler                ^BenchmarkFleetNight$         1x          -      -timeout 2h -args -fleet.scale=2 -fleet.workers=160
hostile-pages    ./processor              ^BenchmarkHostilePages$       1x          -      
bleve            ./search/bleve           .                             1x          -      
elastic          ./search/elastic         .                             1x          es     
es-indexer       ./indexer                ^BenchmarkIndexerProcess$     1x          es     -timeout 60m
facts            ./facts                  .                             1s          -      
vietnamese       ./vietnamese             .                             1s          -      
place            ./place                  .                             1s          -      
peer             cmd:scripts/peer-bench.sh -                            -           python --articles 5000 --rounds 3
'

if [[ "${1:-}" == "-l" ]]; then
	printf '%s\n' "$BENCHES" | sed '/^$/d'
	exit 0
fi
want=" $* "
out=${BENCH_OUT:-test-output/bench}
mkdir -p "$out"
rows="$out/rows.tsv" # benchmark, case, metric, value
: >"$rows"
status=0

es_ready() {
	[[ -n "${DRA_ES_URL:-}" ]] && return 0
	if url="$(scripts/elasticsearch.sh start)"; then
		trap 'scripts/elasticsearch.sh stop' EXIT
		export DRA_ES_URL="$url"
		return 0
	fi
	return 1
}

# rows_of NAME LOG: the metrics of go test -bench output as rows.
rows_of() {
	awk -v name="$1" -F'\t' '
		/^Benchmark/ {
			n = split($0, f, /[ \t]+/)
			c = f[1]; sub(/^Benchmark/, "", c); sub(/-[0-9]+$/, "", c)
			for (i = 3; i + 1 <= n; i += 2) printf "%s\t%s\t%s\t%s\n", name, c, f[i+1], f[i]
		}' "$2"
}

while read -r name pkg re benchtime needs extra <&3; do
	[[ -z "$name" ]] && continue
	if [[ "$want" != "  " && "$want" != *" $name "* ]]; then
		continue
	fi
	log="$out/$name.txt"
	echo "== $name" >&2
	case "$needs" in
	es)
		if ! es_ready; then
			printf '%s\t-\tskipped\tno Elasticsearch (set DRA_ES_URL)\n' "$name" >>"$rows"
			continue
		fi
		;;
	python)
		if ! command -v python3 >/dev/null; then
			printf '%s\t-\tskipped\tno python3\n' "$name" >>"$rows"
			continue
		fi
		;;
	esac
	if [[ "$pkg" == cmd:* ]]; then
		# shellcheck disable=SC2086 # extra is a list of arguments
		"${pkg#cmd:}" $extra 2>&1 | tee "$log" >&2
		rc=${PIPESTATUS[0]}
		# The command's own table: every line from its header on.
		awk -v name="$name" '/^figure /{t=1; next} t && NF {print name "\ttable\t" $0 "\t"}' "$log" >>"$rows"
	else
		# Arguments after -args go to the test binary, after the package.
		pre=${extra%%-args*} post=
		[[ "$extra" == *-args* ]] && post="-args ${extra#*-args}"
		# shellcheck disable=SC2086
		go test -run '^$' -bench "$re" -benchtime "$benchtime" -timeout 60m $pre "$pkg" $post 2>&1 | tee "$log" >&2
		rc=${PIPESTATUS[0]}
		rows_of "$name" "$log" >>"$rows"
	fi
	if [[ $rc -ne 0 ]]; then
		printf '%s\t-\tFAILED\tsee %s\n' "$name" "$log" >>"$rows"
		status=1
	fi
done 3<<<"$BENCHES"

echo
echo "Benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(git rev-parse --short HEAD 2>/dev/null))"
awk -F'\t' '$2 != "table" && $3 !~ /-(min|med|max)$/ {printf "  %-16s %-40s %-28s %s\n", $1, $2, $3, $4}' "$rows"
echo
echo "Ratios over the baseline of the same round (min / median / max over the rounds)"
awk -F'\t' '$3 ~ /-(min|med|max)$/ {
		m = $3; k = substr(m, length(m) - 2); sub(/-(min|med|max)$/, "", m)
		key = $1 "\t" $2 "\t" m
		if (!(key in seen)) { seen[key] = 1; order[++n] = key }
		v[key, k] = $4
	}
	END {
		for (i = 1; i <= n; i++) {
			split(order[i], p, "\t")
			printf "  %-16s %-24s %-28s %s / %s / %s\n", p[1], p[2], p[3], v[order[i], "min"], v[order[i], "med"], v[order[i], "max"]
		}
	}' "$rows"
if grep -q $'\ttable\t' "$rows"; then
	echo
	awk -F'\t' '$2 == "table" {printf "  %-16s %s\n", $1, $3}' "$rows"
fi
echo
echo "The machine may be shared: ratios of sides run in the same rounds hold under load, absolute figures do not."
exit $status
