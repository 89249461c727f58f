#!/usr/bin/env bash
# The first run of issue 17, measured side by side in one benchmark run: the analyst's notebook
# (analyst_notebook.py: pandas, scikit-learn, matplotlib) and `impact run` (folder adapter, public site and
# e-mails to the outbox included), one after the other on the same simulated cohort, each in its own process
# under /usr/bin/time -v. Prints one table of wall time and maximum resident set.
#
#   bash bench/notebook/side-by-side.sh [workshops] [seed]      (default 3500 workshops, seed 1)
#
# Needs python3 with pandas, scikit-learn and matplotlib (Debian: python3-pandas python3-sklearn
# python3-matplotlib) and GNU time (/usr/bin/time). About 12 minutes for 3,500 workshops on 2 cores.
set -euo pipefail
workshops="${1:-3500}"
seed="${2:-1}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/cli/Impact.Cli" -v q -nologo > "$work/build.log"
impact=(dotnet "$root/cli/Impact.Cli/bin/Release/net10.0/impact.dll")
"${impact[@]}" simulate --workshops "$workshops" --seed "$seed" --out "$work/cohort" > "$work/simulate.log"
cp -rp "$work/cohort" "$work/impact-in" # -p: the files' times are the receipt times

measure() { # name, log, command...
  local name="$1" log="$2"; shift 2
  /usr/bin/time -v "$@" > "$log" 2> "$log.time"
  local wall rss
  wall="$(grep 'Elapsed (wall clock)' "$log.time" | awk '{print $NF}')"
  rss="$(grep 'Maximum resident set size' "$log.time" | awk '{print $NF}')"
  printf '| %s | %s | %d MiB |\n' "$name" "$wall" "$((rss / 1024))" >> "$work/table.md"
}

echo "| $workshops workshops, seed $seed | wall (m:ss) | maximum resident set |" > "$work/table.md"
echo "|---|---:|---:|" >> "$work/table.md"
measure "notebook (pandas + scikit-learn + matplotlib)" "$work/notebook.log" \
  "$python" "$root/bench/notebook/analyst_notebook.py" --in "$work/cohort" --out "$work/notebook-out" --as-of 2024-Q3
measure "impact run (folder, site and e-mails included)" "$work/impact.log" \
  "${impact[@]}" run --in "$work/impact-in" --out "$work/impact-out" --as-of 2024-Q3

echo "notebook:"; sed 's/^/  /' "$work/notebook.log"
echo "impact run:"; grep -E 'retours lus|durée par étape|E-mails' "$work/impact.log" | sed 's/^/  /' || true
cat "$work/table.md"
