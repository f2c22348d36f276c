package io.batchsend.engine.http;

import io.batchsend.config.EngineSettings;
import io.batchsend.engine.Clock;

/** Creates the run's sender around its one client. */
public final class OkHttpSenders {
  private OkHttpSenders() {}

  /**
   * A sender with a new client sized for {@code settings}; close it at the end of the run.
   *
   * @param keepBodies keep response bodies for {@code --responses} or {@code --save-bodies}
   */
  public static OkHttpSender create(EngineSettings settings, boolean keepBodies, Clock clock) {
    return new OkHttpSender(
        HttpClientFactory.create(settings), settings.maxBodyBytes(), keepBodies, clock);
  }
}
