package io.jamanager.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One server per test class on the shared database, emptied before every test. */
public abstract class ServerTest {

  protected static TestApp app;
  protected static Http http;
  protected static Api api;

  @BeforeAll
  static void startServer() {
    app = TestApp.start();
    http = new Http(app.port());
    api = new Api(http);
  }

  @AfterAll
  static void stopServer() throws Exception {
    app.close();
  }

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.reset();
  }
}
