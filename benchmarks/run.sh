#!/usr/bin/env bash
# Runs every benchmark and writes benchmarks/results/latest.md and latest.json.
#
#   benchmarks/run.sh quick   # one round, short iterations: under 10 minutes on 2 cores
#   benchmarks/run.sh full    # three rounds, client order rotated: about 45 minutes on 2 cores (50 with a baseline)
#   benchmarks/run.sh smoke   # one round of 1 s iterations: shows the suite works, measures nothing;
#                             # its reports go to benchmarks/target/bench/results/
#
#   benchmarks/run.sh full --baseline 6ede746   # or BASELINE=6ede746 benchmarks/run.sh full
#     adds the client nexttoken@<shortsha>: nexttoken built from that commit, measured in the same run
#     beside the working tree's nexttoken and the floor, with a before/after section in the reports.
#
# Builds nexttoken and the benchmark classes (with -Pbench, which compiles the peer SDKs' clients),
# resolves each client's own runtime classpath from classpaths/<client>/pom.xml, then hands over to
# BenchmarkSuite, which starts the stub server in its own process and runs everything else.
# Logs of every JMH fork and child process: benchmarks/target/bench/logs/.
#
# With a baseline nothing is installed into ~/.m2 (an install of either tree would change what other
# builds resolve): both nexttokens are built with `package`, each from its own source tree, and each
# gets its own jars plus their third-party runtime dependencies as resolved in that tree's build. The
# baseline tree is a `git archive` export of the commit under benchmarks/target/bench/baseline-src
# (no worktree is registered, so an interrupted run leaves nothing behind in .git). The nexttoken
# client (clients/NextTokenClient.java, or BASELINE_CLIENT_SRC=<file>) is compiled again against the
# baseline jars into its own classes directory, which goes first on that client's classpath.
set -euo pipefail

usage() { echo "usage: $0 quick|full|smoke [--baseline <commit>]   (or BASELINE=<commit> $0 ...)" >&2; exit 2; }
mode="${1:-quick}"
case "$mode" in
  quick|full|smoke) ;;
  *) usage ;;
esac
shift || true
baseline="${BASELINE:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) [ $# -ge 2 ] || usage; baseline="$2"; shift 2 ;;
    --baseline=*) baseline="${1#--baseline=}"; shift ;;
    *) usage ;;
  esac
done

client_src="${BASELINE_CLIENT_SRC:-}"
case "$client_src" in
  ""|/*) ;;
  *) client_src="$PWD/$client_src" ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/target/bench"
dep="org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath"
quiet="-Dstyle.color=never"
# Relative, so every module of a reactor build writes its own runtime classpath under its own target/.
runtime_cp="-Dmdep.outputFile=target/bench-runtime-classpath.txt -DincludeScope=runtime"

cd "$root"
if [ -n "$baseline" ]; then
  sha="$(git rev-parse --verify --quiet "$baseline^{commit}")" || { echo "[bench] --baseline $baseline: not a commit here" >&2; exit 2; }
  short="$(git rev-parse --short=7 "$sha")"
  label="nexttoken@$short"
  echo "[bench] baseline $label: $(git log -1 --format='%h %s' "$sha")"
fi

echo "[bench] building nexttoken and the benchmarks"
if [ -z "$baseline" ]; then
  # install, so the nexttoken classpath below resolves this working tree's core and openai jars
  mvn -B -q $quiet -pl benchmarks -am install -DskipTests -Pbench
else
  # package only, and the runtime classpath of every module of this build (see the header)
  mvn -B -q $quiet -pl benchmarks -am package -DskipTests -Pbench "$dep" $runtime_cp
fi

rm -rf "$work"
mkdir -p "$work/classpaths" "$work/jars"
echo "[bench] resolving each client's runtime classpath"
# Others may rebuild the work tree or reinstall snapshots while this runs: every class and jar used is
# copied first, so a run measures one consistent build.
cp -r "$here/target/classes" "$work/classes"
snapshot() { # <name> <resolved classpath file> [more jars]: copies the jars, writes the copied classpath
  mkdir -p "$work/jars/$1"
  local name="$1" file="$2" out=""
  shift 2
  for jar in "$@" $(tr ':' ' ' < "$file"); do
    cp "$jar" "$work/jars/$name/"
    out="$out${out:+:}$work/jars/$name/$(basename "$jar")"
  done
  printf '%s\n' "$out" > "$work/classpaths/$name.txt"
}
main_jar() { # <module dir>: the module's own jar, not its sources, javadoc or tests
  ls "$1"/target/*.jar | grep -v -E -- '-(sources|javadoc|tests|test-sources)\.jar$'
}
clients="floor nexttoken openai-java langchain4j jmh"
[ -z "$baseline" ] || clients="floor openai-java langchain4j jmh"
for client in $clients; do
  mvn -B -q $quiet -f "$here/classpaths/$client/pom.xml" "$dep" -Dmdep.outputFile="$work/resolved-$client.txt"
  snapshot "$client" "$work/resolved-$client.txt"
done
if [ -z "$baseline" ]; then
  mvn -B -q $quiet -pl benchmarks "$dep" -Dmdep.outputFile="$work/resolved-suite.txt"
  snapshot suite "$work/resolved-suite.txt"
else
  snapshot suite "$here/target/bench-runtime-classpath.txt"
  snapshot nexttoken "$root/providers/openai/target/bench-runtime-classpath.txt" "$(main_jar "$root/providers/openai")"

  src="$work/baseline-src"
  echo "[bench] building $label from a git archive of $sha in $src"
  mkdir -p "$src"
  git archive --format=tar "$sha" | tar -x -C "$src"
  if ! (cd "$src" && mvn -B -o -q $quiet package -DskipTests -pl providers/openai -am "$dep" $runtime_cp) > "$work/baseline-build.log" 2>&1; then
    cat "$work/baseline-build.log" >&2
    echo "[bench] FAILED to build $label offline in $src (log: $work/baseline-build.log)" >&2
    exit 1
  fi
  snapshot "$label" "$src/providers/openai/target/bench-runtime-classpath.txt" "$(main_jar "$src/providers/openai")"

  # The two nexttokens should differ in nexttoken's own jars only; say so when they do not.
  third_party() { tr ':' '\n' < "$work/classpaths/$1.txt" | xargs -n1 basename | grep -v '^nexttoken-' | sort; }
  if diff <(third_party nexttoken) <(third_party "$label") > "$work/third-party.diff"; then
    echo "[bench] $label: same third-party jars as the working tree's nexttoken ($(third_party nexttoken | wc -l))"
  else
    echo "[bench] WARNING: third-party jars differ between nexttoken (<) and $label (>):"
    cat "$work/third-party.diff"
  fi
  for jar in core openai; do
    a="$(ls "$work/jars/nexttoken"/nexttoken-"$jar"-*.jar)"; b="$(ls "$work/jars/$label"/nexttoken-"$jar"-*.jar)"
    if cmp -s "$a" "$b"; then
      echo "[bench] WARNING: nexttoken-$jar is byte-identical in the working tree and in $label"
    fi
  done

  client_src="${client_src:-$here/src/main/java/dev/nexttoken/benchmarks/clients/NextTokenClient.java}"
  overlay="$work/client-$short"
  mkdir -p "$overlay"
  echo "[bench] compiling $(basename "$client_src") against $label's jars into $overlay"
  # The suite's classes for BenchClient, Check and Canned; -implicit:none and no sourcepath, so only the
  # client's own classes land in the overlay, which goes before the suite's classes on this client's path.
  if ! javac --release 17 -g -nowarn -implicit:none -sourcepath "" -d "$overlay" \
      -cp "$work/classes:$(cat "$work/classpaths/$label.txt")" "$client_src" > "$work/baseline-client.log" 2>&1; then
    cat "$work/baseline-client.log" >&2
    cat >&2 <<MSG
[bench] FAILED: the nexttoken benchmark client $client_src
[bench] does not compile against $label's jars (javac above): the API it uses (OpenAiModel.builder/chat/
[bench] chatStreaming/complete, OpenAiResponsesModel.builder/chatStreaming, ChatRequest, CompletionRequest,
[bench] text/textDelta/logprobs/topLogprobs/token/logprob) is not the same at $sha (a commit before
[bench] add9396 has no OpenAiResponsesModel).
[bench] Choose a later baseline, or give a client written for the baseline's API (one without responses()
[bench] gets an n/a Responses row):
[bench]   BASELINE_CLIENT_SRC=path/to/NextTokenClient.java $0 $mode --baseline $baseline
[bench] e.g. the baseline's own: git show $sha:benchmarks/src/main/java/dev/nexttoken/benchmarks/clients/NextTokenClient.java
MSG
    exit 1
  fi
  printf '%s\n' "$overlay" > "$work/classpaths/$label.overlay"
  {
    echo "commit=$sha"
    echo "subject=$(git log -1 --format=%s "$sha")"
    echo "clientSource=${client_src#"$root"/}"
    for jar in "$work/jars/$label"/nexttoken-*.jar; do echo "jar=$(basename "$jar") sha256:$(sha256sum "$jar" | cut -c1-12)"; done
  } > "$work/classpaths/$label.provenance"
fi

# A smoke run's figures are not measurements: they go to target/, never over the committed results.
results="$here/results"
[ "$mode" != smoke ] || results="$work/results"
exec java -cp "$work/classes:$(cat "$work/classpaths/suite.txt")" dev.nexttoken.benchmarks.BenchmarkSuite \
  "$mode" "$work/classes" "$work/classpaths" "$results" "$work" ${label:+"$label"}
