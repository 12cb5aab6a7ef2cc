package io.jamanager.http;

import io.vertx.ext.web.Router;

/** A feature's routes, mounted on the /api/v1 router by every HTTP verticle instance. */
@FunctionalInterface
public interface ApiRoutes {
  void mount(Router api);
}
