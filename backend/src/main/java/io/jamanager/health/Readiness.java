package io.jamanager.health;

import java.util.concurrent.atomic.AtomicBoolean;

/** Shared by every HTTP verticle: set once on SIGTERM so load balancers stop sending traffic at once. */
public final class Readiness {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final String expectedMigration;

  public Readiness(String expectedMigration) {
    this.expectedMigration = expectedMigration;
  }

  public void beginDrain() {
    draining.set(true);
  }

  public boolean draining() {
    return draining.get();
  }

  public String expectedMigration() {
    return expectedMigration;
  }
}
