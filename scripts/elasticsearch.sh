#!/usr/bin/env bash
# Start, stop and locate a local, throwaway Elasticsearch for tests and local runs.
#
#   scripts/elasticsearch.sh start [--nodes N]
#                                    fetch (once), unpack (once), start one node (or a cluster of N nodes,
#                                    each on its own free loopback ports), wait for green, print the version
#                                    and the URL (for a cluster, the node URLs separated by commas: the form
#                                    --es-url and DRA_ES_URL take)
#   scripts/elasticsearch.sh stop    stop every node and remove the data
#   scripts/elasticsearch.sh url     print the URL(s) (fails if no node is running)
#   scripts/elasticsearch.sh status  print "running URL" or "stopped"
#
# The distribution is the Maven Central artifact
# org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip (server core only, no bundled JDK),
# fetched with mvn into the local Maven repository. It runs on the system Java 17.
#
# Environment:
#   DRA_ES_VERSION      Elasticsearch version (default 8.19.21)
#   DRA_ES_CACHE_DIR    where the distribution is unpacked (default ${XDG_CACHE_HOME:-~/.cache}/dra,
#                       or /var/cache/dra as root, since the Elasticsearch user must be able to read it)
#   DRA_ES_RUN_DIR      state, config, data and logs of the running node(s), one node-<i> directory each
#                       (default: a directory under ${TMPDIR:-/tmp} named after this checkout, so several
#                       checkouts do not collide; give each cluster its own)
#   DRA_ES_CLUSTER      cluster name, also the prefix of the node names <name>-<i> (default dra-test)
#   DRA_ES_HEAP         JVM heap (default 512m)
#   DRA_ES_TIMEOUT      seconds to wait for green (default 120)
#   DRA_ES_USER         user to run as when started as root (default dra-es; created if missing)
#   ES_JAVA_HOME        Java to use (default: the java on PATH)
set -euo pipefail

VERSION="${DRA_ES_VERSION:-8.19.21}"
HEAP="${DRA_ES_HEAP:-512m}"
TIMEOUT="${DRA_ES_TIMEOUT:-120}"
ES_USER="${DRA_ES_USER:-dra-es}"
CLUSTER="${DRA_ES_CLUSTER:-dra-test}"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${VERSION}:zip"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $(id -u) -eq 0 ]]; then
	CACHE_DIR="${DRA_ES_CACHE_DIR:-/var/cache/dra}"
else
	CACHE_DIR="${DRA_ES_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dra}"
fi
RUN_DIR="${DRA_ES_RUN_DIR:-${TMPDIR:-/tmp}/dra-es-$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)}"
ES_HOME="$CACHE_DIR/elasticsearch-$VERSION"

log() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() {
	log "$*"
	exit 1
}

# as_es runs a command as the Elasticsearch user (Elasticsearch refuses to run as root).
as_es() {
	if [[ $(id -u) -eq 0 ]]; then
		setpriv --reuid="$ES_USER" --regid="$ES_USER" --init-groups -- "$@"
	else
		"$@"
	fi
}

ensure_user() {
	[[ $(id -u) -eq 0 ]] || return 0
	command -v setpriv >/dev/null || die "running as root needs setpriv (util-linux) to drop to user $ES_USER"
	if ! id "$ES_USER" >/dev/null 2>&1; then
		log "creating system user $ES_USER (Elasticsearch refuses to run as root)"
		useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" ||
			die "cannot create user $ES_USER; create it or run as a non-root user"
	fi
}

find_java() {
	if [[ -n "${ES_JAVA_HOME:-}" ]]; then
		[[ -x "$ES_JAVA_HOME/bin/java" ]] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no bin/java"
		return
	fi
	local java
	java="$(command -v java || true)"
	[[ -n "$java" ]] || die "java not found: Elasticsearch $VERSION needs Java 17 or newer (apt-get install openjdk-17-jre-headless, or set ES_JAVA_HOME)"
	ES_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
	export ES_JAVA_HOME
}

# fetch prints the path of the distribution zip, fetching it into the local Maven repository once.
fetch() {
	local m2="${DRA_M2_REPO:-$HOME/.m2/repository}"
	local zip="$m2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$VERSION/elasticsearch-$VERSION.zip"
	if [[ -s "$zip" ]]; then
		printf '%s\n' "$zip"
		return
	fi
	command -v mvn >/dev/null || die "mvn not found: it fetches $ARTIFACT from Maven Central (apt-get install maven)"
	local dl="$CACHE_DIR/download"
	mkdir -p "$dl"
	log "fetching $ARTIFACT with mvn"
	mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$dl" >&2 ||
		die "mvn could not fetch $ARTIFACT (is Maven Central reachable? is $VERSION a published version?)"
	[[ -s "$dl/elasticsearch-$VERSION.zip" ]] || die "mvn reported success but $dl/elasticsearch-$VERSION.zip is missing"
	printf '%s\n' "$dl/elasticsearch-$VERSION.zip"
}

# unpack unzips the distribution into the cache once.
unpack() {
	[[ -x "$ES_HOME/bin/elasticsearch" ]] && return
	command -v unzip >/dev/null || die "unzip not found (apt-get install unzip)"
	local zip tmp
	zip="$(fetch)"
	mkdir -p "$CACHE_DIR"
	tmp="$(mktemp -d "$CACHE_DIR/.unpack.XXXXXX")"
	unzip -q "$zip" -d "$tmp" || {
		rm -rf "$tmp"
		die "cannot unzip $zip"
	}
	[[ -x "$tmp/elasticsearch-$VERSION/bin/elasticsearch" ]] || {
		rm -rf "$tmp"
		die "$zip has no elasticsearch-$VERSION/bin/elasticsearch"
	}
	chmod -R a+rX "$tmp/elasticsearch-$VERSION"
	mv -T "$tmp/elasticsearch-$VERSION" "$ES_HOME" 2>/dev/null || true # a concurrent start may have won
	rm -rf "$tmp"
	[[ -x "$ES_HOME/bin/elasticsearch" ]] || die "cannot unpack into $ES_HOME"
}

free_port() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
		return
	fi
	local p
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			printf '%s\n' "$p"
			return
		fi
	done
	die "no free port found"
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# node_dirs prints the run directory of each node of the running (or last started) cluster.
node_dirs() {
	local d
	for d in "$RUN_DIR"/node-*; do
		[[ -d "$d" ]] && printf '%s\n' "$d"
	done
	return 0
}

# running_pid prints the pid of every node still alive; it fails if none is.
running_pid() {
	local d pid found=1
	while read -r d; do
		pid="$(cat "$d/pid" 2>/dev/null || true)"
		if pid_alive "$pid"; then
			printf '%s\n' "$pid"
			found=0
		fi
	done < <(node_dirs)
	return $found
}

show_log_tail() {
	local d f
	while read -r d; do
		for f in "$d/launcher.log" "$d/logs/$CLUSTER.log"; do
			if [[ -s "$f" ]]; then
				log "last lines of $f:"
				tail -n 40 "$f" >&2
			fi
		done
	done < <(node_dirs)
}

# prepare_node makes the run directory of one node: data, logs, tmp and a per-node config directory, which
# keeps the shared installation untouched (Elasticsearch writes its keystore there) and puts the JVM's GC log
# and crash files in the node's logs.
prepare_node() {
	local dir="$1"
	mkdir -p "$dir"/{data,logs,tmp}
	cp -R "$ES_HOME/config" "$dir/config"
	sed -i \
		-e "s|file=gc.log|file=$dir/logs/gc.log|" \
		-e "s|file=logs/gc.log|file=$dir/logs/gc.log|" \
		-e "s|-XX:ErrorFile=.*|-XX:ErrorFile=$dir/logs/hs_err_pid%p.log|" \
		-e "s|-XX:HeapDumpPath=.*|-XX:HeapDumpPath=$dir/logs|" \
		"$dir/config/jvm.options"
}

# launch_node starts node $1 (1-based) in the background; the remaining arguments are its discovery settings.
launch_node() {
	local i="$1" dir="$RUN_DIR/node-$1"
	shift
	(cd "$dir/logs" && as_es env \
		ES_JAVA_HOME="$ES_JAVA_HOME" \
		ES_PATH_CONF="$dir/config" \
		ES_TMPDIR="$dir/tmp" \
		ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP ${DRA_ES_JAVA_OPTS:-}" \
		timeout "$TIMEOUT" "$ES_HOME/bin/elasticsearch" -d -p "$dir/pid" \
		-Ecluster.name="$CLUSTER" \
		-Enode.name="$CLUSTER-$i" \
		-Enetwork.host=127.0.0.1 \
		-Ehttp.port="$(cat "$dir/http_port")" \
		-Etransport.port="$(cat "$dir/transport_port")" \
		-Epath.data="$dir/data" \
		-Epath.logs="$dir/logs" \
		-Expack.security.enabled=false \
		-Eaction.destructive_requires_name=false \
		-Ecluster.routing.allocation.disk.threshold_enabled=false \
		"$@" \
		>"$dir/launcher.log" 2>&1 </dev/null)
}

cmd_start() {
	local nodes=1 pid
	while (($#)); do
		case "$1" in
		--nodes)
			nodes="${2:-}"
			shift 2 || die "--nodes needs a number"
			;;
		--nodes=*)
			nodes="${1#--nodes=}"
			shift
			;;
		*) die "start: unknown argument $1 (usage: $0 start [--nodes N])" ;;
		esac
	done
	[[ "$nodes" =~ ^[1-9][0-9]?$ ]] || die "--nodes $nodes: want a number from 1 to 99"
	if pid="$(running_pid)"; then
		die "already running (pid $(echo $pid)) at $(cat "$RUN_DIR/url"); run '$0 stop' first"
	fi
	command -v curl >/dev/null || die "curl not found (apt-get install curl)"
	find_java
	ensure_user
	unpack

	rm -rf "$RUN_DIR"
	mkdir -p "$RUN_DIR"
	local i dir port tport urls=() seeds=() names=()
	local used=" "
	for ((i = 1; i <= nodes; i++)); do
		dir="$RUN_DIR/node-$i"
		prepare_node "$dir"
		port="$(free_port)"
		while [[ "$used" == *" $port "* ]]; do port="$(free_port)"; done
		used+="$port "
		tport="$(free_port)"
		while [[ "$used" == *" $tport "* ]]; do tport="$(free_port)"; done
		used+="$tport "
		printf '%s\n' "$port" >"$dir/http_port"
		printf '%s\n' "$tport" >"$dir/transport_port"
		urls+=("http://127.0.0.1:$port")
		seeds+=("127.0.0.1:$tport")
		names+=("$CLUSTER-$i")
	done
	if [[ $(id -u) -eq 0 ]]; then
		chown -R "$ES_USER:$ES_USER" "$RUN_DIR"
		as_es test -r "$ES_HOME/lib" -a -x "$ES_HOME/bin/elasticsearch" ||
			die "user $ES_USER cannot read $ES_HOME; set DRA_ES_CACHE_DIR to a directory it can reach"
		as_es test -w "$RUN_DIR/node-1/data" ||
			die "user $ES_USER cannot write $RUN_DIR; set DRA_ES_RUN_DIR to a directory it can reach"
	fi
	local url list
	url="${urls[0]}"
	list="$(
		IFS=,
		printf '%s' "${urls[*]}"
	)"
	local discovery=(-Ediscovery.type=single-node)
	if ((nodes > 1)); then
		discovery=(
			"-Ediscovery.seed_hosts=$(
				IFS=,
				printf '%s' "${seeds[*]}"
			)"
			"-Ecluster.initial_master_nodes=$(
				IFS=,
				printf '%s' "${names[*]}"
			)"
		)
	fi

	log "starting Elasticsearch $VERSION, $nodes node(s) on $list (data in $RUN_DIR)"
	# -d daemonises once the node has started; -p writes the server's pid. The nodes of a cluster start in
	# parallel: each waits for the others to elect a master.
	local launchers=()
	for ((i = 1; i <= nodes; i++)); do
		launch_node "$i" "${discovery[@]}" &
		launchers+=($!)
	done
	local failed=0
	for pid in "${launchers[@]}"; do
		wait "$pid" || failed=1
	done
	if ((failed)); then
		log "Elasticsearch did not start"
		show_log_tail
		cmd_stop >/dev/null 2>&1 || true
		exit 1
	fi
	printf '%s\n' "$list" >"$RUN_DIR/url"

	local deadline=$((SECONDS + TIMEOUT)) health="" alive
	while ((SECONDS < deadline)); do
		alive="$(running_pid | wc -l)"
		if ((alive < nodes)); then
			log "$((nodes - alive)) Elasticsearch node(s) exited during startup"
			show_log_tail
			cmd_stop >/dev/null 2>&1 || true
			exit 1
		fi
		health="$(curl -fsS --max-time 10 "$url/_cluster/health?wait_for_status=green&wait_for_nodes=$nodes&timeout=5s" 2>/dev/null || true)"
		if [[ "$health" == *'"status":"green"'* && "$health" == *"\"number_of_nodes\":$nodes,"* ]]; then
			break
		fi
		health=""
		sleep 1
	done
	if [[ -z "$health" ]]; then
		log "Elasticsearch at $list was not green with $nodes node(s) after ${TIMEOUT}s"
		show_log_tail
		cmd_stop >/dev/null 2>&1 || true
		exit 1
	fi
	local version
	version="$(curl -fsS --max-time 10 "$url/_nodes/_local?filter_path=nodes.*.version" | grep -o '"version":"[^"]*"' | head -n1 | cut -d'"' -f4)"
	printf '%s\n' "$version" >"$RUN_DIR/version"
	log "Elasticsearch $version is green at $list (pid $(running_pid | paste -sd' '))"
	printf '%s\n' "$list"
}

cmd_stop() {
	local pids pid
	if ! pids="$(running_pid)"; then
		rm -rf "$RUN_DIR"
		log "not running"
		return 0
	fi
	for pid in $pids; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	local deadline=$((SECONDS + 60))
	while running_pid >/dev/null && ((SECONDS < deadline)); do
		sleep 0.5
	done
	for pid in $pids; do
		if pid_alive "$pid"; then
			log "pid $pid did not stop after 60s; killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
	sleep 0.5
	rm -rf "$RUN_DIR"
	log "stopped (pid $(echo $pids))"
}

cmd_url() {
	running_pid >/dev/null || die "not running (start it with '$0 start')"
	cat "$RUN_DIR/url"
}

cmd_version() {
	running_pid >/dev/null || die "not running (start it with '$0 start')"
	cat "$RUN_DIR/version"
}

case "${1:-}" in
start)
	shift
	cmd_start "$@"
	;;
stop) cmd_stop ;;
url) cmd_url ;;
version) cmd_version ;;
status)
	if running_pid >/dev/null; then
		echo "running $(cat "$RUN_DIR/url")"
	else
		echo "stopped"
	fi
	;;
*)
	echo "usage: $0 start [--nodes N]|stop|url|version|status" >&2
	exit 2
	;;
esac
