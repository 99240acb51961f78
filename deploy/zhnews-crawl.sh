#!/bin/sh
# One scheduled, incremental zhnews crawl run: used by the cron and systemd examples.
#
# Takes a lock with flock(1) so that runs never overlap (a run still going when the next
# is due makes the next one skip, with a message, exit status 0), then crawls with one
# seen-store (--state), so that each run writes only the articles that are new since the
# last one, into a new file named by the UTC time.
#
# Settings (environment):
#   ZHNEWS            the zhnews command        (default /opt/zhnews/.venv/bin/zhnews)
#   ZHNEWS_STATE_DIR  seen-store directory      (default /var/lib/zhnews/state)
#   ZHNEWS_OUT_DIR    where output files go     (default /var/lib/zhnews/out)
#   ZHNEWS_SITE       site config, if it exists (default /etc/zhnews/site.toml)
#   ZHNEWS_LOCK       lock file                 (default /var/lib/zhnews/crawl.lock)
#   ZHNEWS_ARGS       more `zhnews crawl` options, split on spaces (e.g. "--set DOWNLOAD_DELAY=2")
# Arguments are passed on to `zhnews crawl` (start URLs, --since, --recheck, --set ...).
#
# Exit status: that of `zhnews crawl` (0 ok, 1 nothing found, 2 usage), 0 when skipped.
set -eu

ZHNEWS=${ZHNEWS:-/opt/zhnews/.venv/bin/zhnews}
STATE=${ZHNEWS_STATE_DIR:-/var/lib/zhnews/state}
OUT=${ZHNEWS_OUT_DIR:-/var/lib/zhnews/out}
SITE=${ZHNEWS_SITE:-/etc/zhnews/site.toml}
LOCK=${ZHNEWS_LOCK:-/var/lib/zhnews/crawl.lock}

mkdir -p "$STATE" "$OUT" "$(dirname "$LOCK")"
exec 9>>"$LOCK"
if ! flock -n 9; then
    echo "zhnews-crawl: a crawl still holds $LOCK; skipping this run" >&2
    exit 0
fi

# shellcheck disable=SC2086  # ZHNEWS_ARGS is split on purpose
set -- --state "$STATE" -o "$OUT/$(date -u +%Y%m%dT%H%M%SZ).jsonl" --append ${ZHNEWS_ARGS:-} "$@"
if [ -f "$SITE" ]; then
    set -- --site "$SITE" "$@"
fi
status=0
"$ZHNEWS" crawl "$@" || status=$?
exit "$status"
