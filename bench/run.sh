#!/bin/bash
# One-command benchmark of the guide tool against stock JBake, the AsciidoctorJ CLI, Ruby
# Asciidoctor and Antora on the same pages. Not part of the tests.
#
#   bench/run.sh           5 measured runs (+1 warm-up on the real guide), sizes 50 200 500 (~25 min)
#   bench/run.sh --quick   3 runs, sizes 50 200 (smoke test, ~8 min)
#
# Writes target/bench/results.tsv (every run: wall, peak RSS, user and sys CPU) and
# target/bench/summary.md (medians and ratios). On a shared machine compare CPU as well as wall.
# Installs only under target/: jars for stock JBake in target/bench-lib (Maven), Antora in
# $BENCH_CACHE (default target/bench-tools; npm). Ruby Asciidoctor is used if `asciidoctor` is on
# PATH (apt-get install asciidoctor ruby-rouge), else skipped with a note.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
RUNS=5; SIZES="50 200 500"; WARM=1
if [ "${1:-}" = "--quick" ]; then RUNS=3; SIZES="50 200"; fi
RUNS=${BENCH_RUNS:-$RUNS}; SIZES=${BENCH_SIZES-$SIZES}   # BENCH_SIZES="" measures the real guide only
T=$root/target/bench
CACHE=${BENCH_CACHE:-$root/target/bench-tools}
TIMEOUT=${BENCH_TIMEOUT:-240}
# Stock JBake and the AsciidoctorJ CLI get the "fast flags" of shared/notes/peers.md.
FAST="-XX:TieredStopAtLevel=1 -Djruby.compile.mode=OFF"
RES=$T/results.tsv
mkdir -p "$T" "$CACHE" "$T/logs" "$T/out"
: > "$RES"
note() { echo "bench: $*" >&2; echo "$*" >> "$T/notes.txt"; }
: > "$T/notes.txt"

# ---------------------------------------------------------------- build and fetch
note "building target/guide.jar"
mvn -q -o package -DskipTests -Dguide.bundle.skip=true || mvn -q package -DskipTests -Dguide.bundle.skip=true || exit 1
fetch() { # G:A:V -> target/bench-lib
  local jar; jar="$(echo "$1" | awk -F: '{print $2"-"$3".jar"}')"
  [ -f "target/bench-lib/$jar" ] && return 0
  mvn -q -o dependency:copy -Dartifact="$1" -DoutputDirectory=target/bench-lib 2>/dev/null \
    || mvn -q dependency:copy -Dartifact="$1" -DoutputDirectory=target/bench-lib
}
# org.jbake.launcher.Main links picocli, Jetty (its `-s` server) and commons-vfs2 (its watcher):
# optional in jbake-core's POM, so not in target/lib. Versions as jbake-core 2.7.0's POM names them.
for a in info.picocli:picocli:4.6.2 org.eclipse.jetty:jetty-server:9.4.44.v20210927 \
         org.eclipse.jetty:jetty-util:9.4.44.v20210927 org.eclipse.jetty:jetty-http:9.4.44.v20210927 \
         org.eclipse.jetty:jetty-io:9.4.44.v20210927 javax.servlet:javax.servlet-api:3.1.0 \
         org.apache.commons:commons-vfs2:2.9.0; do fetch "$a" || { note "cannot fetch $a"; exit 1; }; done
# The JBake distribution puts lib/logging/logback.xml (INFO) on its classpath; do the same.
mkdir -p target/bench-lib/conf
cat > target/bench-lib/conf/logback.xml <<'XML'
<configuration><appender name="c" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n</pattern></encoder></appender><root level="INFO"><appender-ref ref="c"/></root></configuration>
XML
STOCKCP="target/bench-lib/conf:$root/target/lib/*:$root/target/bench-lib/*"
AJCP="$root/target/lib/*"     # asciidoctorj 2.5.13 + jcommander 1.82 are both in target/lib

# Antora (npm) and its minimal UI bundle, generated here.
ANTORA=""
if command -v npm >/dev/null; then
  if [ ! -x "$CACHE/antora/node_modules/.bin/antora" ]; then
    mkdir -p "$CACHE/antora" && (cd "$CACHE/antora" && npm install --no-audit --no-fund --silent \
      @antora/cli@3.1.15 @antora/site-generator@3.1.15 >/dev/null 2>&1) || note "Antora skipped: npm install failed"
  fi
  [ -x "$CACHE/antora/node_modules/.bin/antora" ] && ANTORA="$CACHE/antora/node_modules/.bin/antora"
else note "Antora skipped: no npm"; fi
if [ -n "$ANTORA" ]; then python3 - "$CACHE/antora/ui-bundle.zip" <<'PY'
import sys, zipfile
page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{{page.title}}}</title>'
        '<link rel="stylesheet" href="{{{uiRootPath}}}/css/site.css"></head><body>'
        '<a href="{{{siteRootPath}}}/">Home</a><main>{{{page.contents}}}</main></body></html>\n')
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("layouts/default.hbs", page); z.writestr("layouts/404.hbs", page)
    z.writestr("css/site.css", "body{font-family:sans-serif}\n")
PY
fi
RUBY=""; command -v asciidoctor >/dev/null && RUBY=$(command -v asciidoctor) || note "Ruby Asciidoctor skipped: not on PATH (apt-get install asciidoctor ruby-rouge)"

# ---------------------------------------------------------------- inputs
# g30 = the real guide; gN = synthetic guides (bench/synth.py). pN = the same pages for the
# peers and for stock JBake: plus content/ko/examples, a copy of content/examples, because stock
# Asciidoctor resolves the Korean pages' include::examples/...[] against content/ko/ (our bake
# gives every page the content folder as its base). Nothing else is changed.
mkpeer() { # SRC_PROJECT N
  local p=$T/p$2; rm -rf "$p"; mkdir -p "$p"
  cp -r "$1/content" "$1/templates" "$1/jbake.properties" "$p/"
  cp -r "$p/content/examples" "$p/content/ko/examples"
  if [ -n "$ANTORA" ]; then
    local a=$T/a$2; rm -rf "$a"; mkdir -p "$a/repo/modules/ROOT/pages/ko" "$a/repo/modules/ROOT/examples"
    cp -r "$1/content/examples/." "$a/repo/modules/ROOT/examples/"
    for f in "$1"/content/*.adoc "$1"/content/ko/*.adoc; do
      rel=${f#"$1/content/"}
      sed 's/include::examples\//include::example$/' "$f" > "$a/repo/modules/ROOT/pages/$rel"
    done
    (cd "$a/repo/modules/ROOT/pages" && ls *.adoc ko/*.adoc | sed 's/^/* xref:/; s/$/[]/') > "$a/repo/modules/ROOT/nav.adoc"
    printf 'name: guide\nversion: ~\ntitle: Guide\nstart_page: index.adoc\nnav: [modules/ROOT/nav.adoc]\n' > "$a/repo/antora.yml"
    (cd "$a/repo" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm pages)
    printf 'site: {title: Guide, start_page: guide::index.adoc}\ncontent: {sources: [{url: ./repo, branches: HEAD}]}\nui: {bundle: {url: %s, snapshot: true}}\noutput: {dir: ./out}\n' \
      "$CACHE/antora/ui-bundle.zip" > "$a/antora-playbook.yml"
  fi
}
note "making inputs: 30 (real) $SIZES"
mkpeer "$root" 30
for n in $SIZES; do python3 bench/synth.py "$root" "$T/g$n" "$n" >/dev/null || exit 1; mkpeer "$T/g$n" "$n"; done

# ---------------------------------------------------------------- measuring
# measure TOOL SIZE CLEAN_DIR CMD...: WARM warm-up run(s) (run 0, excluded) when size is 30, then
# RUNS runs; each a fresh process with CLEAN_DIR deleted first (untimed); %e wall s, %M peak RSS KB,
# %U user and %S sys CPU s.
measure() {
  local tool=$1 size=$2 clean=$3; shift 3
  local first=1; [ "$size" = 30 ] && first=$((1 - WARM))
  for i in $(seq "$first" "$RUNS"); do
    [ -n "$clean" ] && rm -rf "$clean"
    /usr/bin/time -f '%e %M %U %S' -o "$T/time.tmp" timeout "$TIMEOUT" "$@" > "$T/logs/$tool-$size.log" 2>&1
    local rc=$?
    printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$size" "$i" "$(tail -1 "$T/time.tmp" | tr ' ' '\t')" "$rc" >> "$RES"
    [ $rc -ne 0 ] && note "$tool $size run $i exited $rc (see target/bench/logs/$tool-$size.log)"
    echo "  $tool $size #$i: $(tail -1 "$T/time.tmp") rc=$rc" >&2
  done
}
ajcli()  { (cd "$T/p$1" && java $FAST -cp "$AJCP" org.asciidoctor.jruby.cli.AsciidoctorInvoker \
             -a source-highlighter=rouge -a rouge-css=class -R content -D "$T/out/aj$1" content/*.adoc content/ko/*.adoc); }
ruby()   { (cd "$T/p$1" && "$RUBY" -a source-highlighter=rouge -a rouge-css=class -R content -D "$T/out/rb$1" content/*.adoc content/ko/*.adoc); }
antora() { (cd "$T/a$1" && "$ANTORA" --quiet --to-dir "$T/out/an$1" antora-playbook.yml); }
stock()  { java $FAST -cp "$STOCKCP" org.jbake.launcher.Main -b "$T/p$1" "$T/out/jb$1"; }
export -f ajcli ruby antora stock; export T FAST AJCP STOCKCP RUBY ANTORA
guide_dir() { [ "$1" = 30 ] && echo "$root" || echo "$T/g$1"; }

for n in 30 $SIZES; do
  note "size $n"
  measure guide-build "$n" "$T/out/gb$n" ./guide -C "$(guide_dir "$n")" build -q --out "$T/out/gb$n"
  measure jbake "$n" "$T/out/jb$n" bash -c "stock $n"
  measure ajcli "$n" "$T/out/aj$n" bash -c "ajcli $n"
  [ -n "$RUBY" ] && measure ruby "$n" "$T/out/rb$n" bash -c "ruby $n"
  [ -n "$ANTORA" ] && measure antora "$n" "$T/out/an$n" bash -c "antora $n"
  if [ "$n" = 30 ]; then
    measure guide-check 30 "" ./guide check -q
    measure guide-pdf 30 "" ./guide pdf --quiet
    measure guide-bundle 30 "" ./guide bundle --quiet
    ls -l target/agentops-selfhost-guide-*-offline.zip | awk '{print "bundle_bytes\t"$5"\t"$9}' >> "$T/notes.txt"
  fi
done

# ---------------------------------------------------------------- serve (warm)
mkdir -p "$T/serve-classes"
javac -d "$T/serve-classes" -cp "target/classes:target/lib/*" bench/serve/ServeBench.java || exit 1
# The launcher's flags (not its AppCDS archive: that is for the jar's class path, not this one).
# (A serve rebuild is a short run: the interpreter, as ./guide gives every command but pdf and bundle.)
GUIDE_FLAGS="$(sed -n 's/^flags="\(.*\)"$/\1/p' guide) -Djruby.compile.mode=OFF"
for n in 30 $(echo "$SIZES" | awk '{print $NF}'); do
  src=$(guide_dir "$n"); s=$T/s$n; rm -rf "$s"; mkdir -p "$s"
  cp -r "$src/content" "$src/templates" "$src/jbake.properties" "$s/"
  note "serve $n pages (flags: $GUIDE_FLAGS)"
  /usr/bin/time -f '%e %M' -o "$T/time.tmp" timeout $((TIMEOUT * 4)) java $GUIDE_FLAGS \
    -cp "$T/serve-classes:target/classes:target/lib/*" ServeBench "$s" start.adoc "$RUNS" > "$T/logs/serve-$n.out" 2> "$T/logs/serve-$n.log"
  echo "serve$n $(cat "$T/logs/serve-$n.out" | tr '\n' ';') rss_kb=$(awk '{print $2}' "$T/time.tmp")" >> "$T/notes.txt"
done

python3 bench/summarize.py "$T" > "$T/summary.md"
cat "$T/summary.md"
