package io.batchsend.config;

/**
 * What is kept of the responses.
 *
 * @param responses the {@code --responses} file, {@code -} for standard output, or null
 * @param saveBodies the {@code --save-bodies} path template, or null
 * @param responseHeaders the {@code --response-headers} each {@code --responses} record keeps
 */
public record CaptureSettings(
    String responses, String saveBodies, ResponseHeaderNames responseHeaders) {
  /** Nothing kept: bodies are drained and discarded. */
  public static final CaptureSettings NONE = new CaptureSettings(null, null);

  public CaptureSettings {
    if (responses != null && responses.isBlank()) {
      throw new UsageException("invalid --responses: expected a file or '-'");
    }
    if (saveBodies != null && saveBodies.isBlank()) {
      throw new UsageException("invalid --save-bodies: expected a path template");
    }
    if (responseHeaders == null) {
      responseHeaders = ResponseHeaderNames.NONE;
    }
    if (responseHeaders.any() && responses == null) {
      throw new UsageException("--response-headers adds to --responses: give --responses too");
    }
  }

  /** Bodies only, no response header kept. */
  public CaptureSettings(String responses, String saveBodies) {
    this(responses, saveBodies, ResponseHeaderNames.NONE);
  }

  /** True when response bodies must be kept in memory (up to {@code --max-body}). */
  public boolean keepsBodies() {
    return responses != null || saveBodies != null;
  }
}
