#!/usr/bin/env bash
# Local attachment store candidates, one object at a time: S3Proxy (filesystem, as ./pharos runs it)
# through the AWS SDK's async client the services use, and PostgreSQL large objects through JDBC.
# Needs the local runtime's S3Proxy (:9000) and PostgreSQL (:5432) running, and ~/.m2 warm.
#   benchmarks/attachment-store/run.sh [ROUNDS] [SIZE_MIB...]      (default: 10 rounds, 1 and 20 MiB)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds=${1:-10}
shift || true
sizes=("$@")
[[ $# -eq 0 ]] && sizes=(1 20)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file="$root/attachments/target/bench-classpath.txt"
# the attachments module's classpath (the AWS SDK as the services use it) plus the PostgreSQL driver
(cd "$root" && ./mvnw -B -q -o -pl attachments dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
pg_jar=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
echo "commit $(git -C "$root" rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, rounds $rounds"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$(cat "$cp_file"):$pg_jar" "$here/StoreThroughput.java" "$rounds" "${sizes[@]}"
