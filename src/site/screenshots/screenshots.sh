#!/usr/bin/env bash
# Makes the report screenshots of the docs: runs configs/vae_148_quick.yaml and configs/kmeans_quick.yaml with the
# jar (from the repository root, as the README's commands do: run folders under runs/, models under models/), then
# takes a headless Chromium screenshot of each run's report.html at 1,300 pixels wide into
# src/site/resources/images/report/. Needs the jar (mvn -B -q package -DskipTests), MNIST in data/mnist (fetched on
# first use) and Debian's chromium (apt-get install -y chromium).
#
#   src/site/screenshots/screenshots.sh                    # both runs, then the screenshots (about 5 min on 2 cores)
#   src/site/screenshots/screenshots.sh RUN_DIR [RUN_DIR]  # screenshots of existing run folders only
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAR=${JAR:-target/trainer.jar}
OUT=src/site/resources/images/report
WIDTH=1300
TALL=16000          # taller than any report; the blank bottom is cut off after
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
    echo "error: chromium not found (apt-get install -y chromium)" >&2
    exit 2
fi
mkdir -p "$OUT"

newest_run() {   # the newest run folder of config $1
    ls -1d runs/*-"$1" 2>/dev/null | sort | tail -n 1
}

if [ $# -gt 0 ]; then
    runs=("$@")
else
    [ -f "$JAR" ] || { echo "error: $JAR not found: mvn -B -q package -DskipTests" >&2; exit 2; }
    runs=()
    for config in vae_148_quick kmeans_quick; do
        echo "running configs/$config.yaml ..."
        java -jar "$JAR" --config "configs/$config.yaml"
        runs+=("$(newest_run "$config")")
    done
fi

for run in "${runs[@]}"; do
    name=$(basename "$run" | sed -E 's/^[0-9]{8}-[0-9]{6}-//')
    shot=$(mktemp --suffix=.png)
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$WIDTH,$TALL" --screenshot="$shot" "file://$(realpath "$run")/report.html" 2>/dev/null
    java src/site/screenshots/TrimPng.java "$shot" "$OUT/$name.png"
    rm -f "$shot"
done
