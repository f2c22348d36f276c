package io.batchsend.app;

import io.batchsend.config.Durations;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.RunConfig;
import io.batchsend.template.Redactor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of a run as the reports show them, with secrets masked: the URL template is redacted
 * as request URLs are, headers are listed by name only (a value may hold a literal secret), and the
 * body template is left out for the same reason.
 */
final class RunOptions {
  private RunOptions() {}

  static Map<String, Object> of(RunConfig config) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("data", config.input().displayName());
    Redactor redactor = new Redactor(config.output().redact(), java.util.List.of());
    options.put("url", redactor.redactUrl(config.request().urlTemplate()));
    options.put("method", config.request().method().name());
    options.put("headers", config.request().headers().stream().map(HeaderSpec::name).toList());
    options.put("body", config.request().bodyTemplate() != null);
    options.put("concurrency", config.engine().concurrency());
    options.put("timeout", Durations.format(config.engine().timeout()));
    options.put("connect_timeout", Durations.format(config.engine().connectTimeout()));
    options.put("max_body", config.engine().maxBodyBytes());
    options.put("log", config.output().log().toString());
    options.put("log_format", config.output().logFormat().name().toLowerCase(Locale.ROOT));
    var delivery = config.delivery();
    options.put("retries", delivery.retry().retries());
    options.put("rate_per_s", delivery.rate() == null ? null : delivery.rate().perSecond());
    options.put("max_failures", delivery.maxFailures().toString());
    options.put("resume", delivery.resume());
    options.put("adaptive", delivery.adaptive() == null ? null : delivery.adaptive().name());
    var shard = config.coordination().shard();
    options.put("shard", shard == null ? null : shard.toString());
    return options;
  }
}
