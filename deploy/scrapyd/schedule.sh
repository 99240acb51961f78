#!/bin/sh
# Queue one incremental crawl on scrapyd (e.g. from cron: */30 * * * * zhnews /opt/zhnews/deploy/scrapyd/schedule.sh).
# Spider arguments (-d NAME=VALUE) are those of `scrapy crawl news -a ...`; -d setting=NAME=VALUE sets a Scrapy setting.
set -eu
SCRAPYD=${SCRAPYD:-http://127.0.0.1:6800}
START_URLS=${ZHNEWS_START_URLS:-http://news.example.cn/}
STATE=${ZHNEWS_STATE_DIR:-/var/lib/zhnews/state}
OUT=${ZHNEWS_OUT_DIR:-/var/lib/zhnews/out}
curl -sS "$SCRAPYD/schedule.json" \
    -d project=zhnews -d spider=news \
    -d start_urls="$START_URLS" \
    -d state="$STATE" \
    -d setting=FEEDS="{\"$OUT/%(time)s.jsonl\": {\"format\": \"jsonlines\", \"encoding\": \"utf-8\"}}"
echo
