#!/usr/bin/env bash
# Runs the tests the way CI does (`make test` calls this): with the race
# detector and a real Elasticsearch.
#
#   scripts/test.sh                       go test -race -count=1 ./...
#   scripts/test.sh -run Conformance -v   extra flags go to go test
#   scripts/test.sh ./search/...          packages replace ./...
#
# If DRA_ES_URL is set, the tests use that Elasticsearch. Otherwise this
# script starts one with scripts/elasticsearch.sh and stops it on exit. If it
# cannot start one, the run fails when CI=true (Elasticsearch tests never skip
# in CI) and otherwise goes on with a warning: the Elasticsearch tests skip.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
ES=scripts/elasticsearch.sh

# CI is on for any true value (1, t, true, yes, y, on; any case), as
# internal/testenv.CI reads it; it is exported as CI=true so that every test,
# whichever way it reads it, agrees.
is_ci() {
	case "$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')" in
	1 | t | true | yes | y | on) return 0 ;;
	esac
	return 1
}
if is_ci; then
	export CI=true
fi

if [[ -z "${DRA_ES_URL:-}" ]]; then
	if url="$("$ES" start)"; then
		trap '"$ES" stop' EXIT
		trap 'exit 130' INT
		trap 'exit 143' TERM
		export DRA_ES_URL="$url"
		echo "Elasticsearch $("$ES" version) at $DRA_ES_URL"
	elif is_ci; then
		echo "test.sh: Elasticsearch could not be started and CI=true: failing (the Elasticsearch tests must run in CI)" >&2
		exit 1
	else
		echo "test.sh: WARNING: Elasticsearch could not be started (see above); the Elasticsearch tests will be SKIPPED." >&2
		echo "test.sh: set DRA_ES_URL to use a running Elasticsearch instead." >&2
	fi
else
	version="$(curl -fsS --max-time 10 "$DRA_ES_URL/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null |
		grep -o '"version":"[^"]*"' | head -n1 | cut -d'"' -f4)"
	echo "Elasticsearch ${version:-(version unknown)} at $DRA_ES_URL"
fi

# The browser tests (web/) need Debian's chromium: install it when missing.
if ! scripts/install-browser.sh; then
	if is_ci; then
		echo "test.sh: chromium could not be installed and CI=true: failing (the browser tests must run in CI)" >&2
		exit 1
	fi
	echo "test.sh: WARNING: chromium is not installed; the browser tests will be SKIPPED." >&2
fi

# The accessibility tests (web/) inject axe-core, fetched from npm into the
# test data (never into the UI).
if ! scripts/vendor-axe.sh; then
	if is_ci; then
		echo "test.sh: axe-core could not be fetched and CI=true: failing (the accessibility tests must run in CI)" >&2
		exit 1
	fi
	echo "test.sh: WARNING: axe-core could not be fetched; the accessibility tests will try again and skip." >&2
fi

# Packages: ./... unless some are named.
pkgs=(./...)
for arg in "$@"; do
	case "$arg" in
	./* | ../* | github.com/*)
		pkgs=()
		break
		;;
	esac
done

go test -race -count=1 "$@" "${pkgs[@]}"
