package io.batchsend.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why an item or an attempt failed, as the engine acts on it. Each kind carries its stable word
 * (the text before {@code :} in a record's {@code error}, and the key of the summary's {@code
 * errors}) and the questions the engine asks of a failure: does {@code io} in {@code --retry-on}
 * cover it, is it the server pushing back under {@code --adaptive}, and did the request provably
 * never reach the server (so that even a POST may be sent again).
 */
public enum FailureKind {
  /** No response, or no whole body, within {@code --timeout}. */
  TIMEOUT("timeout", Traits.TRANSPORT | Traits.PUSHBACK),
  /** The connection was refused or timed out: the request never left. */
  CONNECT("connect", Traits.TRANSPORT | Traits.PUSHBACK | Traits.NEVER_SENT),
  /** The host name did not resolve: the request never left. */
  DNS("dns", Traits.TRANSPORT | Traits.NEVER_SENT),
  /** The connection closed or was reset before a response. */
  RESET("reset", Traits.TRANSPORT),
  /**
   * The server refused the request without processing it: an HTTP/2 stream reset with
   * REFUSED_STREAM, or one a GOAWAY left unprocessed (RFC 9113, 8.7). Servers do it to a client
   * that opens more streams than they allow, as OkHttp does before their SETTINGS arrive; so it is
   * pushback, and even a POST may be sent again.
   */
  REFUSED("refused", Traits.TRANSPORT | Traits.PUSHBACK | Traits.NEVER_SENT),
  /** The response body was cut short. */
  TRUNCATED("truncated", Traits.TRANSPORT),
  /** The server broke the HTTP protocol. */
  PROTOCOL("protocol", Traits.TRANSPORT),
  /**
   * A redirect went wrong: a later hop failed to connect (the first hop reached the server, so this
   * never counts as "not sent"), or a redirect was refused by our own rule (a body to another
   * origin without {@code --location-trusted}; that one is never retried, see RetryPolicy).
   */
  REDIRECT("redirect", Traits.TRANSPORT),
  /** The TLS handshake failed: retrying would fail the same way. */
  TLS("tls", 0),
  /** Another I/O failure of the exchange, or a response body that could not be saved. */
  IO("io", Traits.TRANSPORT),
  /** A response came, with a status that does not count as success. */
  STATUS("status", 0),
  /** The response body exceeded {@code --max-body}. */
  TOO_LARGE("too-large", 0),
  /** The item's request cannot be built or was refused before the network: not measured. */
  INVALID("invalid", Traits.UNMEASURED),
  /** The input record itself is malformed. */
  INPUT("input", 0),
  /** The item lacks a field the templates use. */
  MISSING("missing", 0),
  /** Cancelled at shutdown: the run was stopped while the call was in flight; not measured. */
  INTERRUPTED("interrupted", Traits.UNMEASURED),
  /**
   * The {@code --auth-command} failed: the item's request could not be made with a valid token (or
   * its 401 could not be repeated with a new one). The run stops; not measured.
   */
  AUTH("auth", Traits.UNMEASURED),
  /** A bug in batchsend (an {@link Error} such as OutOfMemoryError) while the item was handled. */
  INTERNAL("internal", 0),
  /**
   * A word this version does not know, read from a log written by another version; the failure's
   * message then keeps the whole original error text (see {@link Failure#parse}).
   */
  UNKNOWN("", 0);

  private static final Map<String, FailureKind> BY_WORD = new HashMap<>();

  static {
    for (FailureKind kind : values()) {
      if (kind != UNKNOWN) {
        BY_WORD.put(kind.word, kind);
      }
    }
  }

  private final String word;
  private final int traits;

  FailureKind(String word, int traits) {
    this.word = word;
    this.traits = traits;
  }

  /** The stable word of the log's {@code error} text; empty for {@link #UNKNOWN}. */
  public String word() {
    return word;
  }

  /** True for failures of the exchange itself: what {@code io} in {@code --retry-on} covers. */
  public boolean isTransport() {
    return (traits & Traits.TRANSPORT) != 0;
  }

  /** True when the failure says the server is overloaded: {@code --adaptive} backs off. */
  public boolean isPushback() {
    return (traits & Traits.PUSHBACK) != 0;
  }

  /**
   * True when the request provably never reached the server, so that sending it again is safe even
   * for a method that is not idempotent.
   */
  public boolean neverReachedServer() {
    return (traits & Traits.NEVER_SENT) != 0;
  }

  /** True when the attempt says nothing of the server's health: {@code --adaptive} ignores it. */
  public boolean isUnmeasured() {
    return (traits & Traits.UNMEASURED) != 0;
  }

  /** The kind written as {@code word}, or empty for a word this version does not know. */
  public static Optional<FailureKind> ofWord(String word) {
    return Optional.ofNullable(BY_WORD.get(word));
  }

  /** Bit flags, so that each constant reads as one line. */
  private static final class Traits {
    static final int TRANSPORT = 1;
    static final int PUSHBACK = 2;
    static final int NEVER_SENT = 4;
    static final int UNMEASURED = 8;
  }
}
