package io.jamanager.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of this JVM from now until {@link #close()}, for tests that check what an operator would read. */
public final class CapturedLog implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedLog() {
    appender.start();
    root.addAppender(appender);
  }

  public List<ILoggingEvent> events() {
    // AppenderBase appends while holding the appender's lock.
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Formatted messages containing the text. */
  public List<String> lines(String containing) {
    return events().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
