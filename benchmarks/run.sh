#!/usr/bin/env bash
# Runs every benchmark and writes benchmarks/results/latest.md and latest.json.
#
#   benchmarks/run.sh quick   # one round, short iterations: under 10 minutes on 2 cores
#   benchmarks/run.sh full    # three rounds, client order rotated: under 40 minutes on 2 cores
#
# Builds nexttoken and the benchmark classes (with -Pbench, which compiles the peer SDKs' clients),
# resolves each client's own runtime classpath from classpaths/<client>/pom.xml, then hands over to
# BenchmarkSuite, which starts the stub server in its own process and runs everything else.
# Logs of every JMH fork and child process: benchmarks/target/bench/logs/.
set -euo pipefail

mode="${1:-quick}"
case "$mode" in
  quick|full) ;;
  *) echo "usage: $0 quick|full" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/target/bench"
dep="org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath"
quiet="-Dstyle.color=never"

cd "$root"
echo "[bench] building nexttoken and the benchmarks"
# install, so the nexttoken classpath below resolves this working tree's core and openai jars
mvn -B -q $quiet -pl benchmarks -am install -DskipTests -Pbench

rm -rf "$work"
mkdir -p "$work/classpaths" "$work/jars"
echo "[bench] resolving each client's runtime classpath"
# Others may rebuild the work tree or reinstall snapshots while this runs: every class and jar used is
# copied first, so a run measures one consistent build.
cp -r "$here/target/classes" "$work/classes"
snapshot() { # <name> <resolved classpath file>: copies the jars, writes the copied classpath
  mkdir -p "$work/jars/$1"
  local out=""
  for jar in $(tr ':' ' ' < "$2"); do
    cp "$jar" "$work/jars/$1/"
    out="$out${out:+:}$work/jars/$1/$(basename "$jar")"
  done
  printf '%s\n' "$out" > "$work/classpaths/$1.txt"
}
for client in floor nexttoken openai-java langchain4j jmh; do
  mvn -B -q $quiet -f "$here/classpaths/$client/pom.xml" "$dep" -Dmdep.outputFile="$work/resolved-$client.txt"
  snapshot "$client" "$work/resolved-$client.txt"
done
mvn -B -q $quiet -pl benchmarks "$dep" -Dmdep.outputFile="$work/resolved-suite.txt"
snapshot suite "$work/resolved-suite.txt"

exec java -cp "$work/classes:$(cat "$work/classpaths/suite.txt")" dev.nexttoken.benchmarks.BenchmarkSuite \
  "$mode" "$work/classes" "$work/classpaths" "$here/results" "$work"
