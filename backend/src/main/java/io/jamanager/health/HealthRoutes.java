package io.jamanager.health;

import io.jamanager.db.DatabaseOutage;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;

/** /health/live (the process answers) and /health/ready (database, schema and not draining). */
public final class HealthRoutes {

  /** Procedures must settle before the handler's own timeout, which would answer 500 instead of 503. */
  private static final long CHECK_TIMEOUT_MS = 1_000;
  private static final long PROCEDURE_TIMEOUT_MS = 3_000;
  private static final String SCHEMA_VERSION =
    "select version from flyway_schema_history where success order by installed_rank desc limit 1";

  private final Vertx vertx;
  private final Pool pool;
  private final DatabaseOutage outage;
  private final Readiness readiness;

  public HealthRoutes(Vertx vertx, Pool pool, DatabaseOutage outage, Readiness readiness) {
    this.vertx = vertx;
    this.pool = pool;
    this.outage = outage;
    this.readiness = readiness;
  }

  public void mount(Router router) {
    HealthChecks live = HealthChecks.create(vertx).register("process", p -> p.complete(Status.OK()));
    HealthChecks ready = HealthChecks.create(vertx)
      .register("database", PROCEDURE_TIMEOUT_MS, this::databaseAndSchema)
      .register("shutdown", p -> p.complete(readiness.draining()
        ? Status.KO(new JsonObject().put("reason", "draining")) : Status.OK()));
    HealthCheckHandler readyHandler = HealthCheckHandler.createWithHealthChecks(ready);
    router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(live));
    router.get("/health/ready").handler(readyHandler);
    router.get("/health").handler(readyHandler);
  }

  private void databaseAndSchema(Promise<Status> promise) {
    long timer = vertx.setTimer(CHECK_TIMEOUT_MS, t ->
      promise.tryComplete(Status.KO(new JsonObject().put("reason", "no answer within " + CHECK_TIMEOUT_MS + " ms"))));
    pool.query(SCHEMA_VERSION).execute()
      .onComplete(ar -> {
        vertx.cancelTimer(timer);
        if (ar.failed()) {
          // A load balancer polls this, so an outage is noticed (and logged once) even without traffic.
          outage.report(ar.cause());
          promise.tryComplete(Status.KO(new JsonObject().put("reason", "unreachable: " + ar.cause().getMessage())));
          return;
        }
        String applied = ar.result().size() == 0 ? "" : ar.result().iterator().next().getString(0);
        JsonObject data = new JsonObject().put("schema", applied).put("expected", readiness.expectedMigration());
        promise.tryComplete(applied.equals(readiness.expectedMigration()) ? Status.OK(data)
          : Status.KO(data.put("reason", "migrations pending")));
      });
  }

}
