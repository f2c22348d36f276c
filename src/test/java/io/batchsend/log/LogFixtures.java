package io.batchsend.log;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RequestSpec;
import java.util.List;

/** The request the log tests' records say they were sent by. */
final class LogFixtures {
  static final RequestFingerprint REQUEST =
      RequestFingerprint.of(new RequestSpec(HttpMethod.GET, "http://h/{data}", List.of(), null));

  private LogFixtures() {}
}
