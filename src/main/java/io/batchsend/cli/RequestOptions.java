package io.batchsend.cli;

import io.batchsend.config.AuthSettings;
import io.batchsend.config.HeaderSpec;
import io.batchsend.config.HttpMethod;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.OptionDefaults;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.TlsProviderChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The "Request" section: what is sent for each item, and how connections are made. */
final class RequestOptions {
  @Option(
      names = {"-u", "--url"},
      paramLabel = "TEMPLATE",
      description = "Request URL, e.g. 'https://api.example.com/users/{data}'.")
  String url;

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      defaultValue = OptionDefaults.METHOD,
      completionCandidates = StandardMethods.class,
      description =
          "Any method token, e.g. POST, PUT, PATCH, DELETE, HEAD, OPTIONS or PROPFIND (default:"
              + " ${DEFAULT-VALUE}); standard methods are upper-cased, others sent as typed.")
  String method;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      description = "Request header; repeatable. Placeholders and $${VAR} allowed.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = {"-d", "--body"},
      paramLabel = "TEMPLATE",
      description =
          "Request body; '@file' (also '-d @file') reads the template from a file, at most "
              + RequestSpec.MAX_BODY_TEMPLATE_TEXT
              + ".")
  String body;

  @Option(
      names = "--idempotency-key",
      paramLabel = "TEMPLATE",
      description =
          "Send an Idempotency-Key header rendered from the item; makes POST/PATCH retryable.")
  String idempotencyKey;

  @Option(
      names = "--auth-command",
      paramLabel = "CMD",
      description =
          "Command whose output is the token $${AUTH} (e.g. -H 'Authorization: Bearer $${AUTH}');"
              + " run without a shell before the first request and again after a 401 or"
              + " --auth-ttl. Quoted as in a shell, but run without one: sh -c '...' asks for one.")
  String authCommand;

  @Option(
      names = "--auth-ttl",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Renew the $${AUTH} token before use once it is older than this, e.g. 50m.")
  Duration authTtl;

  @Option(
      names = "--insecure",
      description = "Do not verify TLS certificates or host names (prints a warning).")
  boolean insecure;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description = "Also trust the PEM certificates in FILE.")
  Path caCert;

  @Option(
      names = "--tls-provider",
      paramLabel = "WHICH",
      defaultValue = OptionDefaults.TLS_PROVIDER,
      description =
          "auto (default: Conscrypt where its native library loads, else the JDK's), jdk or"
              + " conscrypt (exit 2 when it does not load). --version names the one auto picks.")
  TlsProviderChoice tlsProvider;

  @Option(
      names = "--location-trusted",
      description =
          "Follow a redirect to another origin (scheme, host or port) even with a request body,"
              + " which is then sent there (as curl's --location-trusted).")
  boolean locationTrusted;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description =
          "HTTP proxy for every request, e.g. http://user:pass@proxy:3128 (default: https_proxy,"
              + " HTTPS_PROXY, http_proxy and NO_PROXY from the environment).")
  String proxy;

  /**
   * The request: method, URL, the headers of {@code --config} that no {@code -H} replaces followed
   * by the {@code -H} headers, the {@code Idempotency-Key} header, and the body template.
   */
  RequestSpec spec(List<String> configHeaders) {
    List<HeaderSpec> merged = new ArrayList<>(mergedHeaders(configHeaders));
    if (idempotencyKey != null) {
      merged.add(new HeaderSpec("Idempotency-Key", idempotencyKey));
    }
    return new RequestSpec(HttpMethod.parse(method), url, merged, BodyArgument.template(body));
  }

  /** The command giving the {@code ${AUTH}} token, and its lifetime. */
  AuthSettings auth() {
    return AuthSettings.of(authCommand, authTtl);
  }

  /** TLS trust and implementation, and the proxy. */
  NetworkSettings network() {
    return new NetworkSettings(
        insecure,
        caCert,
        proxy == null ? null : NetworkSettings.parseProxy(proxy, "--proxy"),
        locationTrusted,
        tlsProvider);
  }

  private List<HeaderSpec> mergedHeaders(List<String> configHeaders) {
    List<HeaderSpec> fromCommandLine = headers.stream().map(HeaderSpec::parse).toList();
    List<HeaderSpec> merged = new ArrayList<>();
    for (String h : configHeaders) {
      HeaderSpec spec = HeaderSpec.parse(h);
      if (fromCommandLine.stream().noneMatch(c -> c.name().equalsIgnoreCase(spec.name()))) {
        merged.add(spec);
      }
    }
    merged.addAll(fromCommandLine);
    return merged;
  }

  /** The methods offered by shell completion; any other token is accepted too. */
  static final class StandardMethods extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    StandardMethods() {
      super(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"));
    }
  }
}
