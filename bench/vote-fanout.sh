#!/usr/bin/env bash
# Vote -> bridge fan-out latency: N SockJS clients on one jam, one attendee voting and un-voting.
# Usage: bench/vote-fanout.sh [clients=100] [votes=300]. Prints p50/p99 from HTTP answer to arrival.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl backend test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="backend/target/test-classes:backend/target/classes:$(cat backend/target/bench.classpath)"
java -Xmx512m -cp "$cp" io.jamanager.bench.VoteFanoutBench "${1:-100}" "${2:-300}" 2>&1 | grep -vE " INFO |^\s+at "
