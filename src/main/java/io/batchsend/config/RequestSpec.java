package io.batchsend.config;

import java.util.List;

/**
 * What to send for each item, as the user wrote it: templates not yet parsed.
 *
 * @param method the request method
 * @param urlTemplate the URL template ({@code -u})
 * @param headers the {@code -H} headers, in order
 * @param bodyTemplate the body template ({@code -d}, file already read), or null for none
 */
public record RequestSpec(
    HttpMethod method, String urlTemplate, List<HeaderSpec> headers, String bodyTemplate) {
  public RequestSpec {
    if (method == null) {
      throw new UsageException("method is required");
    }
    if (urlTemplate == null || urlTemplate.isBlank()) {
      throw new UsageException(
          "missing --url: the request URL template, e.g. -u 'https://host/api?id={data}'");
    }
    headers = List.copyOf(headers);
    if (bodyTemplate != null && !method.permitsBody()) {
      throw new UsageException("--body cannot be sent with " + method);
    }
  }
}
