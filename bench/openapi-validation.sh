#!/usr/bin/env bash
# Can vertx-openapi's RequestValidator own request validation instead of http/Fields? Prints the contract's
# load time, the validation cost per vote and suggest request for both, and the jar bytes it would add.
# Runs io.jamanager.http.OpenApiValidationBench (backend test sources) on the backend's test class path,
# with the deployed server's JVM options.
source "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

./mvnw -B -q -pl backend -am -Dskip.npm -Dskip.installnodenpm -DskipTests test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
# shellcheck disable=SC2086  # JAVA_OPTS is a word list
java $SERVER_JAVA_OPTS -cp "backend/target/test-classes:backend/target/classes:$(cat backend/target/test.classpath)" \
  io.jamanager.http.OpenApiValidationBench
