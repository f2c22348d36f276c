package io.batchsend.app;

import io.batchsend.config.ExitCodes;
import io.batchsend.config.Verbosity;
import io.batchsend.input.Item;
import io.batchsend.input.ItemReader;
import io.batchsend.template.Header;
import io.batchsend.template.RenderException;
import io.batchsend.template.RenderedRequest;
import io.batchsend.template.RequestTemplate;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code --dry-run}: prints {@code METHOD URL} for each item (and under {@code -v} its headers and
 * body), secrets masked; sends nothing and writes no log. The closing count goes to stderr, except
 * under {@code -q}.
 */
final class DryRun {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Verbosity verbosity;

  DryRun(PrintWriter out, PrintWriter err, Verbosity verbosity) {
    this.out = out;
    this.err = err;
    this.verbosity = verbosity;
  }

  /**
   * How many items are printed between two checks that stdout still takes them: a check flushes, so
   * not after every line, yet a closed pipe ({@code | head -1}) stops the reading soon.
   */
  private static final int CHECK_EVERY = 1024;

  /**
   * Prints every item's request; returns the exit code: 0, or 3 when stdout would not take the
   * requests or the input could not be read to its end (the printed list is then incomplete).
   */
  int print(ItemReader reader, RequestTemplate template) {
    long items = 0;
    long unsendable = 0;
    String problem = null;
    try (reader) {
      Item item;
      while ((item = reader.next()) != null) {
        items++;
        if (items % CHECK_EVERY == 0 && out.checkError()) {
          break;
        }
        if (item.isMalformed()) {
          unsendable++;
          err.println("batchsend: item " + item.index() + ": input: " + item.problem());
          continue;
        }
        try {
          RenderedRequest request = template.render(item);
          out.println(request.method() + " " + request.displayUrl());
          if (verbosity == Verbosity.VERBOSE) {
            for (Header h : request.headers()) {
              out.println("  " + h.name() + ": " + h.displayValue());
            }
            String body = template.displayBody(item);
            if (body != null) {
              out.println("  " + body.replace("\n", "\n  "));
            }
          }
        } catch (RenderException e) {
          unsendable++;
          err.println("batchsend: item " + item.index() + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      problem = "cannot read input: " + e.getMessage();
    }
    // PrintWriter keeps a write error to itself: without asking, a closed or full stdout would
    // lose the whole list and still exit 0.
    if (out.checkError()) {
      problem = "cannot write the dry run to stdout: the output was closed or is full";
    }
    if (problem != null) {
      err.println("batchsend: " + problem);
      err.flush();
      return ExitCodes.IO;
    }
    if (verbosity != Verbosity.QUIET) {
      // The requests on stdout are the answer; -q keeps stderr for errors alone.
      err.println(
          "batchsend: dry run: "
              + items
              + (items == 1 ? " item, " : " items, ")
              + unsendable
              + " could not be sent; nothing was sent");
    }
    err.flush();
    return ExitCodes.OK;
  }
}
