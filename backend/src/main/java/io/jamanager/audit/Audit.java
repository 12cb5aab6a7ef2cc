package io.jamanager.audit;

import static io.jamanager.http.HttpVerticle.API;

import io.jamanager.auth.Access;
import io.jamanager.auth.Principal;
import io.jamanager.http.ApiError;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.Json;
import io.jamanager.http.RequestLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The trail of host and co-host actions (who, what, when), written in the same transaction as the action. The
 * actor is {@code host@<address>} or {@code cohost:<link id>@<address>}, with the co-host's name beside it.
 */
public final class Audit implements ApiRoutes {

  private static final String INSERT = """
    insert into audit_log (actor, action, jam_id, details, cohost_id, cohost_name) values ($1, $2, $3, $4, $5, $6)""";
  private static final String LIST = """
    select id, at, actor, action, jam_id, details, cohost_id, cohost_name from audit_log
    where ($1::bigint is null or jam_id = $1) order by id desc limit $2""";

  private final Access access;
  private final Pool pool;

  public Audit(Access access, Pool pool) {
    this.access = access;
    this.pool = pool;
  }

  /**
   * Records an action by the caller of this request (the host, or the co-host its token names); pass the write's
   * transaction so the entry exists exactly when the change does.
   */
  public static Future<Void> record(SqlClient client, RoutingContext ctx, String action, Long jamId, JsonObject details) {
    Principal p = Access.principal(ctx);
    return record(client, ctx, p == null ? null : p.cohost(), action, jamId, details);
  }

  /** Records an action by this co-host (null: the host), e.g. redeeming a link, before the request holds its token. */
  public static Future<Void> record(SqlClient client, RoutingContext ctx, Principal.CoHost cohost, String action, Long jamId,
                                    JsonObject details) {
    String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    JsonObject full = details.copy().put("requestId", RequestLog.requestId(ctx));
    String actor = (cohost == null ? "host" : "cohost:" + cohost.id()) + "@" + peer;
    return client.preparedQuery(INSERT).execute(Tuple.of(actor, action, jamId, full,
      cohost == null ? null : cohost.id(), cohost == null ? null : cohost.name())).mapEmpty();
  }

  @Override
  public void mount(Router router) {
    router.get(API + "/audit").handler(access.host()).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Long jamId = null;
    String raw = ctx.queryParams().get("jamId");
    if (raw != null) {
      try {
        jamId = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        throw ApiError.invalid("jamId", "jamId must be a number");
      }
    }
    pool.preparedQuery(LIST).execute(Tuple.of(jamId, 200)).onSuccess(rows -> {
      JsonArray entries = new JsonArray();
      rows.forEach(r -> entries.add(new JsonObject().put("id", r.getLong(0)).put("at", r.getOffsetDateTime(1).toString())
        .put("actor", r.getString(2)).put("action", r.getString(3)).put("jamId", r.getLong(4))
        .put("details", r.getJsonObject(5))
        .put("cohost", r.getLong(6) == null ? null : new JsonObject().put("id", r.getLong(6)).put("name", r.getString(7)))));
      Json.ok(ctx, entries);
    }).onFailure(ctx::fail);
  }
}
