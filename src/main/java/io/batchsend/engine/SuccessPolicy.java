package io.batchsend.engine;

/** Which response statuses count as success ({@code --expect}); by default every 2xx. */
@FunctionalInterface
public interface SuccessPolicy {
  boolean isSuccess(int status);

  /** Every 2xx status. */
  SuccessPolicy TWO_XX = status -> status >= 200 && status < 300;
}
