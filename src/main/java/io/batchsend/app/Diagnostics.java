package io.batchsend.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.batchsend.engine.http.ControlCharacters;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;

/**
 * {@code -v}: batchsend's own loggers at DEBUG (each request and retry, secrets masked), written to
 * the run's stderr for the length of the run. Without {@code -v} the Logback configuration in the
 * jar applies (WARN to stderr; {@code -Dlogback.configurationFile=…} replaces it).
 */
final class Diagnostics implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousAdditive;
  private final AppenderBase<ILoggingEvent> appender;

  private Diagnostics(Logger logger, AppenderBase<ILoggingEvent> appender) {
    this.logger = logger;
    this.previousLevel = logger.getLevel();
    this.previousAdditive = logger.isAdditive();
    this.appender = appender;
  }

  /** Sends DEBUG lines of batchsend to {@code err} until closed; a no-op without Logback. */
  static AutoCloseable verbose(PrintWriter err) {
    if (!(LoggerFactory.getLogger("io.batchsend") instanceof Logger logback)) {
      return () -> {};
    }
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            // The message may quote the network (a status line, an error): no raw control
            // characters reach the terminal.
            err.println(
                "batchsend "
                    + event.getLevel()
                    + ": "
                    + ControlCharacters.escape(event.getFormattedMessage()));
            err.flush();
          }
        };
    appender.setContext(logback.getLoggerContext());
    appender.setName("batchsend-verbose");
    appender.start();
    Diagnostics diagnostics = new Diagnostics(logback, appender);
    logback.addAppender(appender);
    logback.setAdditive(false);
    logback.setLevel(Level.DEBUG);
    return diagnostics;
  }

  @Override
  public void close() {
    logger.setLevel(previousLevel);
    logger.setAdditive(previousAdditive);
    logger.detachAppender(appender);
    appender.stop();
  }
}
