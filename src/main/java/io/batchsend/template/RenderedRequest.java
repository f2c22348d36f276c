package io.batchsend.template;

import java.util.List;

/**
 * One item's request, ready to send.
 *
 * @param method the request method
 * @param url the URL to send to
 * @param displayUrl the URL to show and log, secrets masked
 * @param headers the headers, in order
 * @param body the body bytes, or null for none
 * @param contentType the body's media type, or null for none
 */
public record RenderedRequest(
    String method,
    String url,
    String displayUrl,
    List<Header> headers,
    byte[] body,
    String contentType) {}
