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
 */
public record RunConfig(
    InputSpec input,
    RequestSpec request,
    EngineSettings engine,
    OutputSettings output,
    DeliverySettings delivery,
    CaptureSettings capture) {
  public RunConfig {
    if (input == null
        || request == null
        || engine == null
        || output == null
        || delivery == null
        || capture == null) {
      throw new UsageException("incomplete configuration");
    }
  }
}
