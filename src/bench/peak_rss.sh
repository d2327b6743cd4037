#!/usr/bin/env bash
# Runs a command, samples its VmHWM (peak RSS) every 10 ms, prints "exit=<code> peak_rss_mb=<MB>".
"$@" & pid=$!
peak=0
while kill -0 $pid 2>/dev/null; do
  v=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null)
  [[ -n "$v" && "$v" -gt "$peak" ]] && peak=$v
  sleep 0.01
done
wait $pid; code=$?
echo "exit=$code peak_rss_mb=$((peak / 1024))"
