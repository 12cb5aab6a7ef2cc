package io.jamanager;

import io.jamanager.attendee.AttendeeRepository;
import io.jamanager.attendee.AttendeeRoutes;
import io.jamanager.audit.Audit;
import io.jamanager.auth.Access;
import io.jamanager.auth.AuthRoutes;
import io.jamanager.auth.Tokens;
import io.jamanager.cohost.CoHostRoutes;
import io.jamanager.config.AppConfig;
import io.jamanager.db.Database;
import io.jamanager.db.DatabaseOutage;
import io.jamanager.flags.FlagRepository;
import io.jamanager.flags.FlagRoutes;
import io.jamanager.health.Readiness;
import io.jamanager.http.ApiRoutes;
import io.jamanager.http.ClientIp;
import io.jamanager.http.Errors;
import io.jamanager.http.FailureLog;
import io.jamanager.http.HttpVerticle;
import io.jamanager.http.RateLimiter;
import io.jamanager.http.Throttle;
import io.jamanager.http.SpaRoutes;
import io.jamanager.jam.JamRepository;
import io.jamanager.jam.JamRoutes;
import io.jamanager.lineup.LineupRoutes;
import io.jamanager.live.BridgeRoutes;
import io.jamanager.live.EventRepository;
import io.jamanager.live.EventRoutes;
import io.jamanager.live.Live;
import io.jamanager.live.LiveHub;
import io.jamanager.live.LiveRelay;
import io.jamanager.live.Notifier;
import io.jamanager.metrics.Metrics;
import io.jamanager.metrics.MetricsVerticle;
import io.jamanager.queue.QueueRoutes;
import io.jamanager.recap.RecapRoutes;
import io.jamanager.song.SongRepository;
import io.jamanager.song.SongRoutes;
import io.jamanager.upload.PosterRepository;
import io.jamanager.upload.PosterRoutes;
import io.jamanager.venue.VenueRepository;
import io.jamanager.venue.VenueRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running server: Vert.x, the pool and the deployed verticles, started and stopped in order. */
public final class App {

  private static final Logger LOG = LoggerFactory.getLogger(App.class);
  private static final long STARTUP_TIMEOUT_SECONDS = 60;
  private static final long RATE_LIMIT_SWEEP_MS = 60_000;
  /** Waits on the database end well inside the request timeout, so a database that is away answers 503, not 408. */
  private static final int DATABASE_WAIT_MS = 3_000;

  private final AppConfig config;
  private final Vertx vertx;
  private final Pool pool;
  private final Readiness readiness;
  private final String httpDeployment;

  private App(AppConfig config, Vertx vertx, Pool pool, Readiness readiness, String httpDeployment) {
    this.config = config;
    this.vertx = vertx;
    this.pool = pool;
    this.readiness = readiness;
    this.httpDeployment = httpDeployment;
  }

  /**
   * Starts the server on the calling (non event-loop) thread: migrations in development, then the
   * pool and the verticles. Production expects `migrate` to have run as the release step.
   */
  public static App start(AppConfig config, Database database) throws Exception {
    String schema = config.production() ? Database.SCHEMA_VERSION : database.migrate();
    Readiness readiness = new Readiness(schema);
    PrometheusMeterRegistry registry = Metrics.createRegistry();
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(Metrics.options()))
      .withMetrics(new MicrometerMetricsFactory(registry))
      .build();
    Pool pool = database.createPool(vertx, config.poolSize(),
      (int) Math.min(DATABASE_WAIT_MS, config.requestTimeoutSeconds() * 1000L / 4));
    DatabaseOutage outage = new DatabaseOutage(vertx, pool, registry);
    SpaRoutes spa = await(SpaRoutes.load(vertx));

    String instanceId = UUID.randomUUID().toString();
    EventRepository events = new EventRepository(pool);
    LiveHub hub = new LiveHub(vertx, events);
    Live live = new Live(vertx, pool, hub, new Notifier(vertx, pool, instanceId, outage));
    await(vertx.deployVerticle(new LiveRelay(database.listenUrl().connectOptions(), hub, events, instanceId)));

    Access access = new Access(new Tokens(vertx, config.jwtKeys()), pool);
    Throttle throttle = new Throttle(new RateLimiter(), new ClientIp(config.trustedProxies()), config.rateLimits());
    vertx.setPeriodic(RATE_LIMIT_SWEEP_MS, t -> throttle.sweep());
    FailureLog failures = new FailureLog(LoggerFactory.getLogger(Errors.class), System::currentTimeMillis);
    vertx.setPeriodic(FailureLog.WINDOW_MS, t -> failures.flush());
    JamRepository jams = new JamRepository(pool);
    AttendeeRepository attendees = new AttendeeRepository(pool);
    List<ApiRoutes> features = List.of(
      new AuthRoutes(access, config.accessCode(), throttle, pool),
      new JamRoutes(vertx, access, jams, attendees, live, config.publicUrl()),
      new AttendeeRoutes(access, jams, attendees, live, throttle),
      new CoHostRoutes(vertx, access, pool, live, throttle, config.publicUrl()),
      new QueueRoutes(access, live, pool, throttle),
      new LineupRoutes(access, live, pool),
      new RecapRoutes(pool),
      new EventRoutes(access, events),
      new Audit(access, pool),
      new BridgeRoutes(vertx, access, hub, config.livePingTimeoutSeconds() * 1000L),
      new io.jamanager.docs.DocsRoutes(),
      new VenueRoutes(access, new VenueRepository(pool)),
      new SongRoutes(access, new SongRepository(pool)),
      new FlagRoutes(access, new FlagRepository(pool), live),
      new PosterRoutes(access, new PosterRepository(pool), live, config));
    if (config.metricsOnOwnPort()) {
      await(vertx.deployVerticle(new MetricsVerticle(registry, config.metricsPort(), config.host())));
      LOG.info("metrics on http://{}:{}{} (not on the public port)", config.host(), config.metricsPort(), MetricsVerticle.PATH);
    }
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    String http = await(vertx.deployVerticle(
      () -> new HttpVerticle(config, pool, outage, readiness, registry, spa, features, throttle, failures),
      new DeploymentOptions().setInstances(instances)));
    return new App(config, vertx, pool, readiness, http);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public Readiness readiness() {
    return readiness;
  }

  public int port() {
    return config.port();
  }

  public int metricsPort() {
    return config.metricsPort();
  }

  /** Readiness turns 503 at once; in-flight requests finish within the drain time; then the pool closes. */
  public void stop() throws Exception {
    readiness.beginDrain();
    LOG.info("draining: up to {} s for in-flight requests", config.drainSeconds());
    long timeout = config.drainSeconds() + 10L;
    await(vertx.undeploy(httpDeployment).eventually(pool::close), timeout);
    // Closed from this thread: closing Vert.x from one of its own event loops would wait on itself.
    await(vertx.close(), 10);
    LOG.info("stopped");
  }

  static <T> T await(Future<T> future) throws Exception {
    return await(future, STARTUP_TIMEOUT_SECONDS);
  }

  private static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
