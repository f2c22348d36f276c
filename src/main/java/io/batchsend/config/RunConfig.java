package io.batchsend.config;

/**
 * Everything one run needs, validated: built by the command line, read by the runner.
 *
 * @param input where the items come from
 * @param request what to send for each item
 * @param engine how the items are sent
 * @param output where the account of the run goes
 * @param delivery retries, rate, failure budget, failed items, resume and dry run
 * @param capture what is kept of the responses
 * @param coordination the shard and the run lock
 */
public record RunConfig(
    InputSpec input,
    RequestSpec request,
    EngineSettings engine,
    OutputSettings output,
    DeliverySettings delivery,
    CaptureSettings capture,
    CoordinationSettings coordination) {
  public RunConfig {
    if (input == null
        || request == null
        || engine == null
        || output == null
        || delivery == null
        || capture == null) {
      throw new UsageException("incomplete configuration");
    }
    if (coordination == null) {
      coordination = CoordinationSettings.NONE;
    }
  }

  /** A run on its own: the whole input, no lock. */
  public RunConfig(
      InputSpec input,
      RequestSpec request,
      EngineSettings engine,
      OutputSettings output,
      DeliverySettings delivery,
      CaptureSettings capture) {
    this(input, request, engine, output, delivery, capture, CoordinationSettings.NONE);
  }
}
