package dev.txcheck.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report files atomically: a temporary file beside the target, then a rename, so no half
 * report remains.
 */
public final class ReportFiles {
  private ReportFiles() {}

  public static void write(Path target, Format format, Report report) throws IOException {
    writeAtomically(target, out -> format.writer().write(report, out));
  }

  /**
   * Writes each format's report into the directory under its {@link Format#fileName()}.
   *
   * @return the files written, in the order of the formats
   */
  public static List<Path> writeAll(Path directory, List<Format> formats, Report report)
      throws IOException {
    List<Path> written = new ArrayList<>();
    for (Format format : formats) {
      Path target = directory.resolve(format.fileName());
      write(target, format, report);
      written.add(target);
    }
    return written;
  }

  /** What goes into a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes UTF-8 text to a temporary file beside the target, then renames it over the target. */
  public static void writeAtomically(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        content.writeTo(out);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
