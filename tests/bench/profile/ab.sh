#!/bin/bash
# Two builds side by side: runs top.mjs against URL_A and URL_B in turn, ROUNDS times, and
# prints each run's p50/p95 of the key tasks. The machine's speed drifts within minutes, so
# only runs taken in turn are compared. Usage: ab.sh URL_A URL_B [ROUNDS] (THROTTLE=4 default).
here=$(dirname "$0")
for i in $(seq 1 "${3:-3}"); do
  for url in "$1" "$2"; do
    echo -n "$url "
    BASE_URL=$url THROTTLE=${THROTTLE:-4} TOP=0 node "$here/top.mjs" 2>&1 | head -1
  done
done
