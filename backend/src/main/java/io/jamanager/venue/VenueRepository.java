package io.jamanager.venue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The venue table. */
public final class VenueRepository {

  private static final String LIST = "select id, name, address from venue order by lower(name), id";
  /** A taken name answers no row rather than an error: a duplicate is an ordinary answer. */
  private static final String INSERT = """
    insert into venue (name, address) values (#{name}, #{address})
    on conflict (name) do nothing
    returning id, name, address""";
  private static final String UPDATE = """
    update venue set name = coalesce(#{name}, name), address = coalesce(#{address}, address)
    where id = #{id}
    returning id, name, address""";
  private static final String DELETE = "delete from venue where id = #{id}";

  private final Pool pool;

  public VenueRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Venue>> list() {
    return pool.query(LIST).execute().map(rows -> {
      List<Venue> venues = new java.util.ArrayList<>(rows.size());
      rows.forEach(row -> venues.add(Venue.from(row)));
      return venues;
    });
  }

  /** The new venue, or null when the name is taken. */
  Future<Venue> create(String name, String address) {
    return SqlTemplate.forQuery(pool, INSERT).execute(Map.of("name", name, "address", address))
      .map(VenueRepository::first);
  }

  /**
   * Changes the given fields (null keeps the current value); null when there is no such venue. A name another
   * venue has fails with the unique violation, 23505.
   */
  Future<Venue> update(long id, String name, String address) {
    Map<String, Object> params = new HashMap<>();
    params.put("id", id);
    params.put("name", name);
    params.put("address", address);
    return SqlTemplate.forQuery(pool, UPDATE).execute(params).map(VenueRepository::first);
  }

  /** False when there was no such venue. Jams at the venue keep existing, without a venue. */
  Future<Boolean> delete(long id) {
    return SqlTemplate.forUpdate(pool, DELETE).execute(Map.of("id", id)).map(rows -> rows.rowCount() > 0);
  }

  private static Venue first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Venue.from(rows.iterator().next());
  }
}
