package io.batchsend.template;

import io.batchsend.config.UsageException;
import io.batchsend.input.Item;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A file path rendered per item, e.g. {@code out/{index}.json}, that can never leave its base
 * directory: the part of the template before the first placeholder.
 */
public final class PathTemplate {
  private final Template template;
  private final Path base;
  private final String option;

  private PathTemplate(Template template, Path base, String option) {
    this.template = template;
    this.base = base;
    this.option = option;
  }

  /**
   * Parses {@code text}.
   *
   * @throws UsageException for a bad template or an unknown placeholder
   */
  public static PathTemplate compile(
      String text,
      String option,
      Set<String> fieldNames,
      String inputKind,
      Map<String, String> env) {
    Template t = Template.parse(text, option, env);
    if (t.usesAuth()) {
      throw new UsageException("${AUTH} is a secret and cannot name a file (" + option + ")");
    }
    t.requireKnown(fieldNames, inputKind);
    int firstPlaceholder = text.indexOf('{');
    String prefix = firstPlaceholder < 0 ? text : text.substring(0, firstPlaceholder);
    int slash = prefix.lastIndexOf('/');
    Path base =
        Path.of(slash < 0 ? "." : prefix.substring(0, slash + 1)).toAbsolutePath().normalize();
    return new PathTemplate(t, base, option);
  }

  /** The directory no rendered path may leave: absolute and normalised. */
  public Path base() {
    return base;
  }

  /**
   * The item's path, absolute and normalised.
   *
   * @throws RenderException when it would escape the base directory or is not a valid path
   */
  public Path render(Item item) throws RenderException {
    StringBuilder sb = new StringBuilder();
    template.render(item, ValueEncoder.RAW, sb);
    Path path;
    try {
      path = Path.of(sb.toString()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new RenderException(
          RenderException.Kind.INVALID, option + " path is not valid for this item");
    }
    if (!path.startsWith(base) || path.equals(base)) {
      throw new RenderException(
          RenderException.Kind.INVALID, option + " path for this item escapes " + base);
    }
    return path;
  }
}
