package io.batchsend.config;

/**
 * Everything one run needs, validated: built by the command line with {@link #builder()}, read by
 * the runner.
 *
 * @param input where the items come from
 * @param request what to send for each item
 * @param engine how the items are sent
 * @param output where the account of the run goes
 * @param delivery retries, rate, failure budget, failed items, resume and dry run
 * @param capture what is kept of the responses
 * @param coordination the shard and the run lock
 * @param auth the command giving the {@code ${AUTH}} token, or {@link AuthSettings#NONE}
 */
public record RunConfig(
    InputSpec input,
    RequestSpec request,
    EngineSettings engine,
    OutputSettings output,
    DeliverySettings delivery,
    CaptureSettings capture,
    CoordinationSettings coordination,
    AuthSettings auth) {
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
    if (auth == null) {
      auth = AuthSettings.NONE;
    }
    DistinctFiles.check(input, output, delivery, capture);
    BodyBudget.check(
        request.bodyTemplate(), engine.concurrency(), Runtime.getRuntime().maxMemory());
  }

  /** A run on its own (the whole input, no lock) until {@code coordination} is set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Names each part; every part but the coordination is required. */
  public static final class Builder {
    private InputSpec input;
    private RequestSpec request;
    private EngineSettings engine;
    private OutputSettings output;
    private DeliverySettings delivery;
    private CaptureSettings capture = CaptureSettings.NONE;
    private CoordinationSettings coordination = CoordinationSettings.NONE;
    private AuthSettings auth = AuthSettings.NONE;

    private Builder() {}

    public Builder input(InputSpec input) {
      this.input = input;
      return this;
    }

    public Builder request(RequestSpec request) {
      this.request = request;
      return this;
    }

    public Builder engine(EngineSettings engine) {
      this.engine = engine;
      return this;
    }

    public Builder output(OutputSettings output) {
      this.output = output;
      return this;
    }

    public Builder delivery(DeliverySettings delivery) {
      this.delivery = delivery;
      return this;
    }

    public Builder capture(CaptureSettings capture) {
      this.capture = capture;
      return this;
    }

    public Builder coordination(CoordinationSettings coordination) {
      this.coordination = coordination;
      return this;
    }

    /** Default: {@link AuthSettings#NONE}. */
    public Builder auth(AuthSettings auth) {
      this.auth = auth;
      return this;
    }

    public RunConfig build() {
      return new RunConfig(input, request, engine, output, delivery, capture, coordination, auth);
    }
  }
}
