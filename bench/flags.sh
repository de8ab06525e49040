#!/bin/bash
# Sweeps launcher JVM flags over `guide build` of the real guide (N runs each, interleaved so drift
# hits every variant alike). Usage: bench/flags.sh [RUNS]  -> target/bench/flags.tsv
set -u
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root" || exit 1
runs=${1:-3}; out=target/bench/flags.tsv; mkdir -p target/bench
base="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djruby.compile.mode=OFF"
salt="-Dsecurity.userPasswordSaltIterations=1"
[ -f target/guide.jsa ] || java $base -XX:ArchiveClassesAtExit=target/guide.jsa -jar target/guide.jar build -q --out target/bench/flags-site >/dev/null 2>&1
declare -A V=(
  [current]="$base"
  [salt]="$base $salt"
  [cds]="$base -XX:SharedArchiveFile=target/guide.jsa"
  [cds+salt]="$base -XX:SharedArchiveFile=target/guide.jsa $salt"
  [parallelgc]="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Djruby.compile.mode=OFF"
  [default-jvm]=""
  [xss4m]="$base -Xss4m"
  [jitthreshold]="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djruby.jit.threshold=1000000"
)
: > "$out"
for i in $(seq 1 "$runs"); do
  for v in current salt cds cds+salt parallelgc default-jvm xss4m jitthreshold; do
    rm -rf target/bench/flags-site
    /usr/bin/time -f "%e %M" -o target/bench/flags.time java ${V[$v]} -jar target/guide.jar build -q --out target/bench/flags-site >/dev/null 2>&1
    echo "$v	$i	$(cat target/bench/flags.time)" | tee -a "$out"
  done
done
python3 - "$out" <<'PY'
import sys,statistics,collections
d=collections.defaultdict(list); m=collections.defaultdict(list)
for l in open(sys.argv[1]):
    v,i,e,r=l.split(); d[v].append(float(e)); m[v].append(int(r))
for v in d: print(f"{v:14s} median {statistics.median(d[v]):6.2f} s  runs {d[v]}  max RSS {max(m[v])//1024} MB")
PY
