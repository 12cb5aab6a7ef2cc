package io.jamanager.docs;

import io.jamanager.App;
import io.jamanager.http.HttpVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.lang.reflect.Field;
import java.util.List;

/**
 * The routes of the router a running app really serves, read from its HTTP verticle. Reflection keeps the product
 * free of test hooks; it fails loudly if Vert.x or the verticle change shape.
 */
public final class LiveRoutes {

  private LiveRoutes() {
  }

  public static List<Route> of(App app) {
    for (DeploymentContext deployment : ((VertxInternal) app.vertx()).deploymentManager().deployments()) {
      for (Deployable instance : deployment.deployment().instances()) {
        if (instance instanceof HttpVerticle verticle) {
          Object server = field(verticle, "server");
          return ((Router) field(server, "requestHandler")).getRoutes();
        }
      }
    }
    throw new AssertionError("no HttpVerticle is deployed");
  }

  private static Object field(Object target, String name) {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        Object value = field.get(target);
        if (value == null) {
          throw new AssertionError(type.getName() + "." + name + " is not set");
        }
        return value;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(target.getClass().getName() + " has no field " + name);
  }
}
