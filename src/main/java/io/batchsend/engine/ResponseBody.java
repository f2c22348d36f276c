package io.batchsend.engine;

/**
 * A response body kept for {@code --responses} or {@code --save-bodies}.
 *
 * @param bytes the body, at most {@code --max-body} bytes
 * @param contentType the response's Content-Type, or null
 * @param truncated true when the body was cut at {@code --max-body}
 */
public record ResponseBody(byte[] bytes, String contentType, boolean truncated) {}
