package io.batchsend.template;

import io.batchsend.config.HeaderSpec;
import io.batchsend.config.RequestSpec;
import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The URL, header and body templates of a run, parsed and checked once, rendered per item with each
 * value encoded for its context. Thread-safe: rendering keeps no state.
 */
public final class RequestTemplate {

  /**
   * The longest URL sent. Servers refuse far shorter ones (nginx 8 KiB, Node 16 KiB), and the HTTP
   * client holds a URL several times over while sending it: 256 KiB items of non-ASCII text made 2
   * MB URLs, and eight in flight exhausted the launcher's 96 MB heap.
   */
  static final int MAX_URL_CHARS = 64 * 1024;

  private final String method;
  private final Template url;
  // True when the URL template is one placeholder: the item is the whole URL, checked per item.
  private final boolean urlFromItem;
  private final boolean urlNeedsRedaction;
  private final List<HeaderSpec> headerSpecs;
  private final List<Template> headers;
  private final Template body;
  private final ValueEncoder bodyEncoder;
  private final String contentType;
  private final Redactor redactor;
  private final Set<String> fieldsUsed;
  private final boolean usesAuth;

  private RequestTemplate(
      String method,
      Template url,
      List<HeaderSpec> headerSpecs,
      List<Template> headers,
      Template body,
      String contentType,
      Redactor redactor) {
    this.method = method;
    this.url = url;
    this.headerSpecs = headerSpecs;
    this.headers = headers;
    this.body = body;
    this.contentType = contentType;
    this.bodyEncoder = encoderFor(contentType);
    this.redactor = redactor;
    this.urlFromItem = url.isOnePlaceholder();
    this.urlNeedsRedaction = urlFromItem || url.hasSecrets() || needsRedaction(url, redactor);
    this.fieldsUsed = fieldsUsed(url, headers, body);
    this.usesAuth =
        url.usesAuth()
            || headers.stream().anyMatch(Template::usesAuth)
            || (body != null && body.usesAuth());
  }

  private static Set<String> fieldsUsed(Template url, List<Template> headers, Template body) {
    Set<String> names = new LinkedHashSet<>(url.placeholders());
    headers.forEach(h -> names.addAll(h.placeholders()));
    if (body != null) {
      names.addAll(body.placeholders());
    }
    names.remove(Template.DATA);
    names.remove(Template.INDEX);
    return Collections.unmodifiableSet(names);
  }

  /**
   * Parses and checks the templates of {@code spec} against what the input provides.
   *
   * @param fieldNames the names {@code {NAME}} may use
   * @param inputKind how the input is described in messages, e.g. "lines input"
   * @throws UsageException for a malformed template, an unknown placeholder, an unset variable or a
   *     URL that is not an absolute http(s) URL
   */
  public static RequestTemplate compile(
      RequestSpec spec,
      Set<String> fieldNames,
      String inputKind,
      Map<String, String> env,
      Redactor redactor) {
    String shownUrl = redactor.redactUrl(spec.urlTemplate());
    Template url = Template.parse(spec.urlTemplate(), "--url", env);
    url.requireKnown(fieldNames, inputKind);
    if (url.isOnePlaceholder() && url.onlyPlaceholder().equals(Template.INDEX)) {
      throw new UsageException("invalid --url '" + shownUrl + "': {index} is a number, not a URL");
    }
    url = url.asUrl(shownUrl);
    List<Template> headers = new ArrayList<>();
    List<String> secrets = new ArrayList<>(url.secrets());
    String contentType = null;
    for (HeaderSpec h : spec.headers()) {
      Template t = Template.parse(h.valueTemplate(), "header " + h.name(), env);
      t.requireKnown(fieldNames, inputKind);
      headers.add(t);
      secrets.addAll(t.secrets());
      if (h.isSensitive() && !t.dependsOnItem()) {
        secrets.add(h.valueTemplate());
      }
      if (h.name().equalsIgnoreCase("Content-Type")) {
        contentType = h.valueTemplate();
      }
    }
    Template body = null;
    if (spec.bodyTemplate() != null) {
      body = Template.parse(spec.bodyTemplate(), "--body", env);
      body.requireKnown(fieldNames, inputKind);
      secrets.addAll(body.secrets());
      if (contentType == null) {
        contentType = guessContentType(body, inputKind);
      }
    }
    RequestTemplate template =
        new RequestTemplate(
            spec.method().name(),
            url,
            spec.headers(),
            List.copyOf(headers),
            body,
            contentType,
            redactor.withSecrets(secrets));
    if (!template.urlFromItem) {
      template.checkUrl(sampleItem(fieldNames), shownUrl);
    }
    return template;
  }

  /** A JSON-looking body is sent as JSON unless the user says otherwise; anything else as text. */
  /**
   * JSON when the template writes a JSON object or array, or when it starts with a placeholder of
   * JSON Lines input (whose items and nested fields are JSON); text otherwise.
   */
  private static String guessContentType(Template body, String inputKind) {
    boolean jsonInput = inputKind.startsWith("JSON");
    if (body.startsWithJsonLiteral() || (jsonInput && body.startsWithPlaceholder())) {
      return "application/json";
    }
    return "text/plain; charset=utf-8";
  }

  private static ValueEncoder encoderFor(String contentType) {
    if (contentType == null) {
      return ValueEncoder.RAW;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    if (semicolon >= 0) {
      type = type.substring(0, semicolon);
    }
    type = type.strip();
    if (type.equals("application/json") || type.endsWith("+json")) {
      return ValueEncoder.JSON;
    }
    if (type.equals("application/x-www-form-urlencoded")) {
      return ValueEncoder.FORM;
    }
    return ValueEncoder.RAW;
  }

  private static Item sampleItem(Set<String> fieldNames) {
    Map<String, String> fields = new HashMap<>();
    for (String name : fieldNames) {
      fields.put(name, "x");
    }
    return new Item(1, "x", fields, null);
  }

  private static boolean needsRedaction(Template url, Redactor redactor) {
    StringBuilder sample = new StringBuilder();
    try {
      url.render(new Item(1, "x", new SampleFields(), null), ValueEncoder.URL, sample);
    } catch (RenderException e) {
      return true;
    }
    String s = sample.toString();
    return !redactor.redactUrl(s).equals(s);
  }

  /** Every field reads as "x": enough to see the URL's shape. */
  private static final class SampleFields extends java.util.AbstractMap<String, String> {
    @Override
    public String get(Object key) {
      return "x";
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return Set.of();
    }
  }

  /**
   * Checks the URL the template makes for a sample item.
   *
   * @param shown the template as typed, secrets masked: messages quote it, never the sample
   */
  private void checkUrl(Item sample, String shown) {
    StringBuilder rendered = new StringBuilder();
    try {
      url.render(sample, ValueEncoder.URL, rendered);
    } catch (RenderException e) {
      throw new UsageException("invalid --url '" + shown + "': " + e.getMessage());
    }
    String problem = HttpUrlCheck.problem(rendered.toString());
    if (problem != null) {
      throw new UsageException("invalid --url '" + shown + "': " + problem);
    }
  }

  /**
   * Why {@code item} cannot make a request, as far as can be told before sending (its URL, when the
   * item is the whole URL); null when it can. For a regular file's pre-flight.
   */
  public String problemWith(Item item) {
    if (!urlFromItem || item.isMalformed()) {
      return null;
    }
    try {
      itemUrl(item);
      return null;
    } catch (RenderException e) {
      return e.detail();
    }
  }

  /** The URL an item gives whole, encoded where it must be and checked. */
  private String itemUrl(Item item) throws RenderException {
    StringBuilder value = new StringBuilder();
    url.render(item, ValueEncoder.RAW, value);
    StringBuilder encoded = new StringBuilder(value.length() + 16);
    Encoding.uriEncode(value.toString(), encoded);
    String result = encoded.toString();
    String problem = HttpUrlCheck.problem(result);
    if (problem != null) {
      throw new RenderException(
          RenderException.Kind.INVALID, "not an http(s) URL (" + problem + ")");
    }
    return result;
  }

  /**
   * Renders {@code item}'s request.
   *
   * @throws RenderException when the item cannot make a valid request (a missing field, a header
   *     value with CR or LF); the item gets a failed record
   */
  public RenderedRequest render(Item item) throws RenderException {
    return render(item, null);
  }

  /**
   * Renders {@code item}'s request with {@code auth} as {@code ${AUTH}}.
   *
   * @param auth the current token, or null when none is known ({@code ***} stands in its place)
   * @throws RenderException as {@link #render(Item)}
   */
  public RenderedRequest render(Item item, String auth) throws RenderException {
    StringBuilder sb = new StringBuilder(128);
    String rendered;
    String display;
    if (urlFromItem) {
      rendered = itemUrl(item);
      display = redactor.redactUrl(rendered);
    } else {
      url.render(item, ValueEncoder.URL, sb, auth);
      rendered = sb.toString();
      display = rendered;
    }
    if (rendered.length() > MAX_URL_CHARS) {
      throw new RenderException(
          RenderException.Kind.INVALID,
          "URL longer than " + MAX_URL_CHARS + " characters once encoded");
    }
    if (urlNeedsRedaction && !urlFromItem) {
      sb.setLength(0);
      url.renderForDisplay(item, ValueEncoder.URL, sb);
      display = redactor.redactUrl(sb.toString());
    }
    List<Header> rendHeaders = headers.isEmpty() ? List.of() : new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      HeaderSpec spec = headerSpecs.get(i);
      Template t = headers.get(i);
      sb.setLength(0);
      t.render(item, ValueEncoder.RAW, sb, auth);
      String value = sb.toString();
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new RenderException(
            RenderException.Kind.INVALID, "header " + spec.name() + " value contains CR or LF");
      }
      String shown;
      if (spec.isSensitive()) {
        shown = Redactor.MASK;
      } else if (t.hasSecrets()) {
        sb.setLength(0);
        t.renderForDisplay(item, ValueEncoder.RAW, sb);
        shown = sb.toString();
      } else {
        shown = value;
      }
      rendHeaders.add(new Header(spec.name(), value, shown));
    }
    byte[] bodyBytes = null;
    if (body != null) {
      sb.setLength(0);
      body.render(item, bodyEncoder, sb, auth);
      bodyBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    return new RenderedRequest(method, rendered, display, rendHeaders, bodyBytes, contentType);
  }

  /** The body as it may be shown ({@code --dry-run -v}): secrets masked. */
  public String displayBody(Item item) throws RenderException {
    if (body == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    body.renderForDisplay(item, bodyEncoder, sb);
    return redactor.maskSecrets(sb.toString());
  }

  /**
   * The item fields the templates read: every {@code {NAME}} placeholder of the URL, headers and
   * body, in order of first use, but {@code {data}} and {@code {index}}, which every item has.
   */
  public Set<String> fieldsUsed() {
    return fieldsUsed;
  }

  /** True when the URL, a header or the body uses {@code ${AUTH}}. */
  public boolean usesAuth() {
    return usesAuth;
  }

  /** The request method. */
  public String method() {
    return method;
  }

  /** The redactor that knows this run's secrets, for messages and diagnostics. */
  public Redactor redactor() {
    return redactor;
  }
}
