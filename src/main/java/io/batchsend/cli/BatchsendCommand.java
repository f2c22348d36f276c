package io.batchsend.cli;

import io.batchsend.app.Demo;
import io.batchsend.app.Runner;
import io.batchsend.config.CaptureSettings;
import io.batchsend.config.CoordinationSettings;
import io.batchsend.config.DeliverySettings;
import io.batchsend.config.EngineSettings;
import io.batchsend.config.OutputSettings;
import io.batchsend.config.RunConfig;
import io.batchsend.config.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code batchsend [OPTIONS] DATA}: one mixin per section of the help turns its options into a
 * validated settings record; this class puts them together into a {@link RunConfig} and delegates.
 * A new option belongs in the mixin of its section (an option declared here shows under "General"):
 * {@link InputOptions} for how items are read, {@link RequestOptions} for what is sent and how
 * connections are made, {@link DeliveryOptions} or {@link RetryOptions} for sending, retrying and
 * accounting, {@link OutputOptions} for logs, reports and the terminal, {@link CoordinationOptions}
 * for runs that share a job.
 */
@Command(
    name = "batchsend",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    headerHeading = "",
    synopsisHeading = "Usage: ",
    customSynopsis = {
      "batchsend [OPTIONS] -u TEMPLATE DATA",
      "       batchsend report [OPTIONS] LOG...",
      "       batchsend completion bash|zsh"
    },
    descriptionHeading = "%n",
    description = {
      "Send one HTTP request per item of DATA through a fixed pool of workers, time each call,"
          + " and append one record per item to the request log.",
      "",
      "Placeholders: {data} the whole item, {index} its 1-based position, {NAME} a CSV column or"
          + " a JSON key ({a.b} inside a nested object), $${VAR} an environment variable (never"
          + " printed). Values are percent-encoded in the URL.",
      "",
      "'batchsend report LOG...' prints the summary of existing logs and writes report files"
          + " from them; see 'batchsend report --help'.",
    },
    commandListHeading = "%nCommands:%n")
final class BatchsendCommand implements Callable<Integer> {
  /** The sections of {@code --help}, each listing the options of its mixins. */
  private static final List<HelpSections.Section> SECTIONS =
      List.of(
          new HelpSections.Section("Input", List.of("input")),
          new HelpSections.Section("Request", List.of("request")),
          new HelpSections.Section("Delivery and retries", List.of("delivery")),
          new HelpSections.Section("Output and reports", List.of("output")),
          new HelpSections.Section("Coordination", List.of("coordination")));

  private CommandSpec spec;

  @Mixin(name = "input")
  InputOptions input = new InputOptions();

  @Mixin(name = "request")
  RequestOptions request = new RequestOptions();

  @Mixin(name = "delivery")
  DeliveryOptions delivery = new DeliveryOptions();

  @Mixin(name = "output")
  OutputOptions output = new OutputOptions();

  @Mixin(name = "coordination")
  CoordinationOptions coordination = new CoordinationOptions();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Option defaults from a properties file (keys: long option names, e.g. concurrency=16;"
              + " headers: header.1=Name: value). The command line wins.")
  Path config;

  private final Runner runner;

  /** The environment {@code --shard=auto} reads. */
  private final Map<String, String> env;

  /** Headers from {@code --config}, sent unless a {@code -H} of the same name replaces them. */
  private List<String> configHeaders = List.of();

  BatchsendCommand(Runner runner, Map<String, String> env) {
    this.runner = runner;
    this.env = env;
  }

  /** Called by picocli once the model is built: the help gets its sections here. */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    HelpSections.install(spec, SECTIONS);
  }

  void useConfig(ConfigFile file) {
    this.configHeaders = file.headers();
  }

  boolean isVerbose() {
    return output.verbose;
  }

  @Override
  public Integer call() throws InterruptedException {
    ParseResult given = spec.commandLine().getParseResult();
    EngineSettings engine = delivery.engine(request.network());
    OutputSettings out = output.settings(given);
    CaptureSettings capture = output.capture();
    CoordinationSettings sharing = coordination.settings(env);
    DeliverySettings sending =
        delivery.settings(
            coordination.rate(delivery.rate, sharing.shard()), request.idempotencyKey);
    if (input.demo) {
      if (input.hasData() || request.url != null) {
        throw new UsageException("--demo brings its own data and URL: drop DATA and --url");
      }
      if (!sharing.equals(CoordinationSettings.NONE)) {
        throw new UsageException("--demo runs on its own: drop --shard and --lock");
      }
      return new Demo(runner, spec.commandLine().getErr()).run(engine, out, sending, capture);
    }
    RunConfig run =
        RunConfig.builder()
            .input(input.spec())
            .request(request.spec(configHeaders))
            .engine(engine)
            .output(out)
            .delivery(sending)
            .capture(capture)
            .coordination(sharing)
            .auth(request.auth())
            .build();
    return runner.run(run);
  }
}
