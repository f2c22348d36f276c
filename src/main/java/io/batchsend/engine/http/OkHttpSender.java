package io.batchsend.engine.http;

import io.batchsend.config.ResponseHeaderNames;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.Clock;
import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.engine.ResponseBody;
import io.batchsend.engine.ResponseHeaders;
import io.batchsend.engine.Sender;
import io.batchsend.engine.ServerQuota;
import io.batchsend.template.Header;
import io.batchsend.template.RenderedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Sends requests with the run's one {@link OkHttpClient}: times the whole exchange, drains and
 * counts the body (streaming it to a spool when the run keeps bodies), and follows redirects itself
 * so that credentials never travel to another origin.
 */
public final class OkHttpSender implements Sender, java.io.Closeable {
  /** Redirects followed per attempt before giving up. */
  static final int MAX_REDIRECTS = 5;

  private static final byte[] EMPTY = new byte[0];

  /**
   * Bytes moved per read of a body. They move as Okio segments (no copy) into a buffer of the
   * call's own, which hands them back to Okio's pool at once: no worker keeps a buffer between
   * calls (a 16 KiB array per worker was 8 MB of heap at {@code -c 512}).
   */
  private static final long READ_BYTES = 8 * 1024;

  private final OkHttpClient client;
  private final long maxBodyBytes;
  private final Path spoolDirectory;
  private final Clock clock;
  private final boolean locationTrusted;
  private final ResponseHeaderNames responseHeaders;

  private final UrlParser urls = new UrlParser();
  private final FirstConnectionGate firstConnections = new FirstConnectionGate();

  /** The last body type parsed: a run sends one type, so it is parsed once (immutable, racy). */
  private volatile MediaType lastType;

  /** Set once the shutdown cancelled every call, to tell those apart from timeouts. */
  private volatile boolean cancelledAll;

  /**
   * @param client the run's client, shared by every worker
   * @param maxBodyBytes stop reading a response body past this many bytes
   * @param spoolDirectory where to keep each body (up to the cap) for {@code --responses} or {@code
   *     --save-bodies}, a small one in memory, a larger one in a temporary file there; null to
   *     drain bodies without keeping them
   * @param locationTrusted send a request body on to another origin when redirected there
   */
  public OkHttpSender(
      OkHttpClient client,
      long maxBodyBytes,
      Path spoolDirectory,
      boolean locationTrusted,
      Clock clock) {
    this(client, maxBodyBytes, spoolDirectory, locationTrusted, ResponseHeaderNames.NONE, clock);
  }

  /**
   * @param responseHeaders the headers of each final response kept for {@code --response-headers}
   */
  public OkHttpSender(
      OkHttpClient client,
      long maxBodyBytes,
      Path spoolDirectory,
      boolean locationTrusted,
      ResponseHeaderNames responseHeaders,
      Clock clock) {
    // The listener opens the first-connection gate as soon as the first call holds a connection.
    this.client = client.newBuilder().eventListener(new FirstConnectionGate.Listener()).build();
    this.maxBodyBytes = maxBodyBytes;
    this.spoolDirectory = spoolDirectory;
    this.locationTrusted = locationTrusted;
    this.responseHeaders = responseHeaders;
    this.clock = clock;
  }

  @Override
  public Attempt send(RenderedRequest rendered) {
    long start = clock.nanoTime();
    Request request;
    try {
      request = toRequest(rendered);
    } catch (IllegalArgumentException e) {
      // The client's message may quote a header value, which can be a secret: say it plainly.
      return Attempt.notSent(
          new Failure(
              FailureKind.INVALID,
              "request rejected: a header value is not ASCII or the URL is bad"));
    }
    Call call = null;
    int redirects = 0;
    int lastRedirect = 0;
    CountDownLatch first = null;
    try {
      first = firstConnections.enter(request.url());
      if (first != null) {
        request = request.newBuilder().tag(CountDownLatch.class, first).build();
      }
      for (; ; redirects++) {
        call = client.newCall(request);
        Response response = call.execute();
        try {
          if (redirects < MAX_REDIRECTS && isRedirect(response.code())) {
            Redirect redirect = followUp(request, response, rendered);
            if (redirect.refusal() != null) {
              return refused(response, redirect.refusal(), start);
            }
            if (redirect.next() != null) {
              lastRedirect = response.code();
              request = redirect.next();
              continue;
            }
          }
          return readResponse(call, response, start);
        } finally {
          response.close();
        }
      }
    } catch (IOException e) {
      Failure failure = classify(call, e, false);
      if (redirects > 0) {
        failure = onRedirectHop(failure, lastRedirect);
      }
      return Attempt.failed(failure, clock.nanoTime() - start);
    } finally {
      FirstConnectionGate.opened(first); // whatever became of the first call
    }
  }

  /**
   * A failure on a later hop of an attempt. Only a failure before the attempt's first request was
   * written proves that the server never saw it; once the first hop was answered, a connect failure
   * on the next says nothing about the first. So it is no longer "connect" (which a POST may retry)
   * but "redirect", which only {@code io} retries cover for idempotent methods.
   */
  private static Failure onRedirectHop(Failure failure, int code) {
    if (!failure.kind().neverReachedServer()) {
      return failure;
    }
    return new Failure(FailureKind.REDIRECT, "following " + code + ": " + failure.describe());
  }

  /** A redirect not followed: the record keeps its status and says why. */
  private Attempt refused(Response response, Failure why, long start) {
    ServerQuota quota = quota(response);
    return Attempt.response(response.code(), clock.nanoTime() - start)
        .failure(why)
        .retryAfterMillis(retryAfter(response, quota))
        .headers(keptHeaders(response))
        .quota(quota)
        .build();
  }

  private Attempt readResponse(Call call, Response response, long start) {
    int status = response.code();
    ServerQuota quota = quota(response);
    long retryAfter = retryAfter(response, quota);
    long bytes = 0;
    Failure failure = null;
    okhttp3.ResponseBody body = response.body();
    BodySpool spool = spoolDirectory == null ? null : new BodySpool(spoolDirectory);
    boolean truncated = false;
    Buffer chunk = new Buffer();
    try (BufferedSource in = body.source()) {
      long n;
      while ((n = in.read(chunk, READ_BYTES)) != -1) {
        if (bytes + n > maxBodyBytes) {
          n = maxBodyBytes - bytes;
          truncated = true;
        }
        bytes += n;
        if (spool != null) {
          spool.write(chunk, n);
        }
        chunk.clear();
        if (truncated) {
          failure =
              new Failure(
                  FailureKind.TOO_LARGE,
                  "response body exceeds --max-body " + maxBodyBytes + " bytes");
          break;
        }
      }
    } catch (BodySpool.SpoolException e) {
      return Attempt.response(status, clock.nanoTime() - start)
          .bytes(bytes)
          .failure(new Failure(FailureKind.IO, e.getMessage()))
          .headers(keptHeaders(response))
          .quota(quota)
          .build();
    } catch (IOException e) {
      failure = classify(call, e, true);
    }
    long declared = declaredLength(response);
    if (failure == null && bytes < declared) {
      failure = shortOfContentLength(bytes, declared);
    }
    ResponseBody captured = null;
    if (spool != null) {
      try {
        captured = spool.finish(response.header("Content-Type"), truncated);
      } catch (BodySpool.SpoolException e) {
        failure = new Failure(FailureKind.IO, e.getMessage());
      }
    }
    return Attempt.response(status, clock.nanoTime() - start)
        .bytes(bytes)
        .failure(failure)
        .retryAfterMillis(retryAfter)
        .body(captured)
        .headers(keptHeaders(response))
        .quota(quota)
        .build();
  }

  /**
   * The body length the response declared, or -1 when it declared none or has no body. Over
   * HTTP/1.1 OkHttp fails a body that ends short of it; over HTTP/2 it does not (a stream ended
   * early reads as a whole body), so the sender checks. A body OkHttp decompresses loses the header
   * first.
   */
  private static long declaredLength(Response response) {
    int code = response.code();
    if (response.protocol() != okhttp3.Protocol.HTTP_2
        || response.request().method().equals("HEAD")
        || code == 204
        || code == 304) {
      return -1;
    }
    String value = response.header("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Failure shortOfContentLength(long bytes, long declared) {
    return new Failure(
        FailureKind.TRUNCATED,
        "response body cut short (" + bytes + " of its Content-Length " + declared + " bytes)");
  }

  /** What the response's rate-limit headers say, or null when it has none. */
  private ServerQuota quota(Response response) {
    Headers headers = response.headers();
    RateLimitHeaders read = new RateLimitHeaders();
    for (int i = 0; i < headers.size(); i++) {
      read.add(headers.name(i), headers.value(i));
    }
    return read.quota(clock.epochMillis());
  }

  /**
   * The server's Retry-After in milliseconds, or -1. A 429 without one that gives its quota's reset
   * (RateLimit, X-RateLimit-Reset...) is waited out until that reset instead: the server said when
   * it will take requests again. A reset already past (a server clock behind ours) says nothing,
   * and the backoff applies, rather than retries without any wait.
   */
  private long retryAfter(Response response, ServerQuota quota) {
    long retryAfter = RetryAfter.millis(response.header("Retry-After"), clock.epochMillis());
    if (retryAfter < 0 && response.code() == 429 && quota != null && quota.waitMillis() > 0) {
      return quota.waitMillis();
    }
    return retryAfter;
  }

  /**
   * The final response's headers asked for by {@code --response-headers}, or null when none are
   * asked (nothing is copied then). Only the final response's: a redirect's are not kept.
   */
  private ResponseHeaders keptHeaders(Response response) {
    if (!responseHeaders.any()) {
      return null;
    }
    Headers headers = response.headers();
    ResponseHeaders.Collector kept = ResponseHeaders.collector(responseHeaders);
    for (int i = 0; i < headers.size(); i++) {
      kept.add(headers.name(i), headers.value(i));
    }
    return kept.build();
  }

  /**
   * A call cancelled at shutdown fails with whatever the closed socket said: say why instead. (A
   * call timeout cancels the call too, so the flag is what tells them apart.)
   */
  private Failure classify(Call call, IOException e, boolean afterStatus) {
    if (cancelledAll && call != null && call.isCanceled()) {
      return new Failure(FailureKind.INTERRUPTED, "cancelled when the grace period ran out");
    }
    return FailureClassifier.classify(e, afterStatus);
  }

  private Request toRequest(RenderedRequest rendered) {
    HttpUrl url = urls.parse(rendered.url());
    Request.Builder builder = new Request.Builder().url(url);
    boolean authorization = false;
    for (Header h : rendered.headers()) {
      builder.addHeader(h.name(), h.value());
      authorization |= h.name().equalsIgnoreCase("Authorization");
    }
    if (!authorization && !url.username().isEmpty()) {
      // As curl does: credentials in the URL become Basic authentication.
      builder.header("Authorization", Credentials.basic(url.username(), url.password()));
    }
    RequestBody body = null;
    if (rendered.body() != null) {
      MediaType type = mediaType(rendered.contentType());
      body = RequestBody.create(rendered.body(), type);
    } else if (requiresBody(rendered.method())) {
      body = RequestBody.create(EMPTY, null);
    }
    return builder.method(rendered.method(), body).build();
  }

  private MediaType mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    MediaType cached = lastType;
    if (cached != null && cached.toString().equals(contentType)) {
      return cached;
    }
    MediaType parsed = MediaType.parse(contentType);
    lastType = parsed;
    return parsed;
  }

  private static boolean requiresBody(String method) {
    // OkHttp refuses these methods without a body (any -X token may be sent).
    return switch (method) {
      case "POST", "PUT", "PATCH", "PROPPATCH", "QUERY", "REPORT" -> true;
      default -> false;
    };
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /**
   * Where a redirect leads: the next request, a refusal, or neither (no usable Location: the
   * response is final).
   *
   * @param next the request to send next, or null
   * @param refusal why the redirect is not followed, or null
   */
  private record Redirect(Request next, Failure refusal) {
    static final Redirect FINAL = new Redirect(null, null);
  }

  /**
   * The request a redirect asks for. A 301/302/303 after a POST becomes a GET without a body, as
   * browsers do; 307/308 keep the method and body. On a change of scheme, host or port, {@code
   * Authorization}, {@code Cookie} and every {@code -H} header are dropped, and a request that
   * still has a body is not sent there at all unless {@code --location-trusted}: a body is as
   * likely to carry a secret as a header.
   */
  private Redirect followUp(Request request, Response response, RenderedRequest rendered) {
    int code = response.code();
    String location = response.header("Location");
    HttpUrl target = location == null ? null : request.url().resolve(location);
    if (target == null) {
      return Redirect.FINAL;
    }
    Request.Builder next = request.newBuilder().url(target);
    String method = request.method();
    boolean keepBody = code == 307 || code == 308;
    if (!keepBody && !method.equals("GET") && !method.equals("HEAD")) {
      next.method("GET", null);
      next.removeHeader("Content-Type");
      next.removeHeader("Content-Length");
    }
    if (!sameOrigin(request.url(), target)) {
      if (keepBody && hasContent(request) && !locationTrusted) {
        return new Redirect(
            null,
            new Failure(
                FailureKind.REDIRECT,
                "not following "
                    + code
                    + " to another origin with a request body (--location-trusted allows it)"));
      }
      next.removeHeader("Authorization");
      next.removeHeader("Proxy-Authorization");
      next.removeHeader("Cookie");
      for (Header h : rendered.headers()) {
        next.removeHeader(h.name());
      }
    }
    return new Redirect(next.build(), null);
  }

  /** True when the request carries body bytes (an empty POST body carries no secret). */
  private static boolean hasContent(Request request) {
    RequestBody body = request.body();
    if (body == null) {
      return false;
    }
    try {
      return body.contentLength() != 0;
    } catch (IOException e) {
      return true; // unknown length: assume it has content
    }
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme())
        && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
        && a.port() == b.port();
  }

  @Override
  public void cancelAll() {
    cancelledAll = true;
    client.dispatcher().cancelAll();
  }

  /** Releases the client's threads and connections. */
  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
