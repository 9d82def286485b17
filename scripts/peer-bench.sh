#!/usr/bin/env bash
# DRA against its Python peer (Scrapy + trafilatura) on the same simulated portal:
# crawl pages/s, end-to-end articles/s, CPU seconds, extraction time per page and
# body F1 against the simulator's record. Makes a virtual environment from PyPI with
# the pinned versions of bench/peer/requirements.txt (in .bench/peer-venv, or
# DRA_PEER_VENV), builds dra, and runs bench/peer/peer_bench.py; its arguments pass
# through (--articles N, --rounds N, --parallelism N, --extract-pages N).
#
#   scripts/peer-bench.sh                   # 5,000 articles, 3 rounds
#   scripts/peer-bench.sh --articles 1000 --rounds 5
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${DRA_PEER_VENV:-.bench/peer-venv}
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ] || ! cmp -s bench/peer/requirements.txt "$venv/requirements.txt"; then
	echo "peer-bench: installing the peer into $venv" >&2
	"$python" -m venv "$venv"
	"$venv/bin/pip" install --quiet --disable-pip-version-check -r bench/peer/requirements.txt
	cp bench/peer/requirements.txt "$venv/requirements.txt"
fi
mkdir -p bin
go build -o bin/dra ./cmd/dra
exec "$venv/bin/python" bench/peer/peer_bench.py --dra bin/dra "$@"
