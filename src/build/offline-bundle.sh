#!/bin/sh
# The offline bundle of `mvn package`, run beside the tests instead of after them.
#
#   offline-bundle.sh start  DIR JSA COMMAND...   (process-classes: returns at once)
#   offline-bundle.sh finish DIR JSA COMMAND...   (package: waits, prints, fails the build)
#
# The bundle needs only the jar and its libraries, not the test results, and the suite keeps one
# of the two cores idle most of the time (docs/benchmarks.md). `start` runs COMMAND in the
# background, niced so the tests keep their core, with its output in DIR/log. `finish` waits for
# it, prints its output and exits with its status, so a failed bundle fails the build as before;
# when this build started none (a -Dtest run, say), it runs COMMAND itself. `start` does nothing
# when Maven's command line asks for no phase from package on (a whole-suite `mvn test`).
#
# Both steps are children of the same Maven process, whose id marks the run (DIR/owner): a
# leftover of another build is never taken for this one's result. The background job watches
# that process and kills COMMAND when Maven is gone (a failed test phase, Ctrl-C), so nothing
# outlives the build; the bundle writes its zip through a .part file, so a killed one leaves none.
# COMMAND writes its class-data archive (-XX:ArchiveClassesAtExit) to JSA.part; `finish` renames
# it to JSA only after a successful bundle, so ./guide never starts with a torn archive.
set -eu
mode=$1 dir=$2 jsa=$3
shift 3
maven=$PPID

# Whether this Maven run goes on to package (package, verify, install, ...), from its command line
# where Linux shows it: a whole-suite `mvn test` would only pay for a bundle it then kills. When
# unsure, yes: a bundle that is not needed costs CPU, one that is needed and missing costs time.
packages() {
    [ -r "/proc/$maven/cmdline" ] || return 0
    args=$(tr '\000' '\n' <"/proc/$maven/cmdline") || return 0
    case $args in *org.codehaus.plexus.classworlds.launcher.Launcher*) ;; *) return 0 ;; esac
    echo "$args" | grep -Eq '^(package|pre-integration-test|integration-test|post-integration-test|verify|install|deploy)$'
}

case $mode in
start)
    mkdir -p "$dir"
    rm -f "$dir/owner" "$dir/pid" "$dir/status" "$dir/status.part" "$dir/log" "$jsa.part"
    if ! packages; then
        echo "offline bundle: not started (this build stops before package)"
        exit 0
    fi
    nice=""
    if command -v nice >/dev/null 2>&1; then nice="nice -n 10"; fi
    # All descriptors away from Maven's pipes: Maven waits for them to close, not for this shell.
    (
        # shellcheck disable=SC2086 # $nice is zero or three words
        $nice "$@" >"$dir/log" 2>&1 &
        job=$!
        (
            while kill -0 "$job" 2>/dev/null; do
                if ! kill -0 "$maven" 2>/dev/null; then
                    kill "$job" 2>/dev/null || true
                    exit 0
                fi
                sleep 1
            done
        ) &
        status=0
        wait "$job" || status=$?
        echo "$status" >"$dir/status.part"
        mv -f "$dir/status.part" "$dir/status"
    ) </dev/null >/dev/null 2>&1 &
    echo "$!" >"$dir/pid"
    echo "$maven" >"$dir/owner"
    echo "offline bundle: started in the background (output in $dir/log)"
    ;;
finish)
    if [ "$(cat "$dir/owner" 2>/dev/null || true)" != "$maven" ]; then
        echo "offline bundle: not started by this build; running it now"
        status=0
        "$@" || status=$?
    else
        pid=$(cat "$dir/pid")
        waited=0
        since=$(date +%s)
        while [ ! -f "$dir/status" ]; do
            if ! kill -0 "$pid" 2>/dev/null && [ ! -f "$dir/status" ]; then
                cat "$dir/log" 2>/dev/null || true
                echo "offline bundle: the background run (pid $pid) ended without an exit status" >&2
                exit 1
            fi
            # A ceiling, should the pid have been reused after the job died unrecorded: never a hang.
            if [ $(( $(date +%s) - since )) -gt 3600 ]; then
                echo "offline bundle: no exit status after an hour; giving up (output so far in $dir/log)" >&2
                exit 1
            fi
            waited=1
            sleep 1
        done
        cat "$dir/log"
        status=$(cat "$dir/status")
        # What the background run still cost the build after the tests: the number to keep near 0.
        if [ "$waited" = 1 ]; then echo "offline bundle: waited $(( $(date +%s) - since )) s for it after the tests"; fi
    fi
    if [ "$status" != 0 ]; then
        rm -f "$jsa.part"
        echo "offline bundle: failed (exit $status)" >&2
        exit "$status"
    fi
    if [ -s "$jsa.part" ]; then mv -f "$jsa.part" "$jsa"; else rm -f "$jsa.part"; fi
    ;;
*)
    echo "usage: offline-bundle.sh start|finish DIR JSA COMMAND..." >&2
    exit 2
    ;;
esac
