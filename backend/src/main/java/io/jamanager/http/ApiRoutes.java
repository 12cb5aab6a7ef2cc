package io.jamanager.http;

import io.vertx.ext.web.Router;

/** A feature's routes, mounted (with full paths under {@link HttpVerticle#API}) by every HTTP verticle instance. */
@FunctionalInterface
public interface ApiRoutes {
  void mount(Router router);
}
