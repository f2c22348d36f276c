package io.batchsend.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a run whose outputs name the data file or one another ({@code -o items.txt items.txt}
 * would append log records to the data). Paths are compared as real paths, so {@code ./x}, {@code
 * dir/../x} and a symbolic link to {@code x} are the same file.
 */
final class DistinctFiles {
  private DistinctFiles() {}

  /** One file by the name of the option that gave it. */
  private record Named(String option, Path path) {}

  /**
   * @throws UsageException naming the first two that are one file
   */
  static void check(
      InputSpec input, OutputSettings output, DeliverySettings delivery, CaptureSettings capture) {
    List<Named> files = new ArrayList<>();
    add(files, "--log", output.log());
    add(files, "--failed", delivery.failedFile());
    if (capture.responses() != null && !capture.responses().equals("-")) {
      add(files, "--responses", Path.of(capture.responses()));
    }
    add(files, "--summary", output.reports().summary());
    add(files, "--junit", output.reports().junit());
    add(files, "--html", output.reports().html());
    add(files, "DATA", input.path());
    List<Path> real = files.stream().map(f -> real(f.path())).toList();
    for (int i = 0; i < files.size(); i++) {
      for (int j = i + 1; j < files.size(); j++) {
        if (same(real.get(i), real.get(j))) {
          throw new UsageException(
              files.get(i).option()
                  + " and "
                  + files.get(j).option()
                  + " name the same file: "
                  + files.get(i).path());
        }
      }
    }
  }

  private static void add(List<Named> files, String option, Path path) {
    if (path != null) {
      files.add(new Named(option, path));
    }
  }

  private static boolean same(Path a, Path b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      // Hard links have two real paths; isSameFile compares the files themselves.
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The real path; for a file not there yet, its real directory and its name. */
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath();
    } catch (IOException notThereYet) {
      Path parent = absolute.getParent();
      if (parent == null || absolute.getFileName() == null) {
        return absolute;
      }
      try {
        return parent.toRealPath().resolve(absolute.getFileName());
      } catch (IOException noDirectory) {
        return absolute;
      }
    }
  }
}
