package dev.txcheck.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes report files atomically: a temporary file beside the target, then a rename, so no half
 * report remains. Temporary files are named after the process that writes them, so that a later run
 * removes those a killed run left behind, and never those of a run still going on.
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

  /**
   * Writes UTF-8 text to a temporary file beside the target, then renames it over the target. The
   * file gets the permissions of any new file (the umask's), not the owner-only ones of a temporary
   * file.
   *
   * @throws ReportWriteException saying which file could not be written and why
   */
  public static void writeAtomically(Path target, Content content) throws IOException {
    replace(
        target,
        temp -> {
          try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            content.writeTo(out);
          }
        });
  }

  /**
   * Writes bytes to a temporary file beside the target, then renames it over the target, as {@link
   * #writeAtomically(Path, Content)} does text (the incremental cache is written so).
   *
   * @throws ReportWriteException saying which file could not be written and why
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    replace(target, temp -> Files.write(temp, bytes));
  }

  /** Fills a temporary file. */
  private interface Filling {
    void fill(Path temp) throws IOException;
  }

  private static void replace(Path target, Filling filling) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    String name = absolute.getFileName().toString();
    Path temp =
        dir.resolve(
            "." + name + "." + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      removeStaleTemporaryFiles(dir, name);
      Files.createFile(temp);
      filling.fill(temp);
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temp); // its failure must not hide why the report was not written
      throw new ReportWriteException(target, temp, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a later run removes it as stale
    }
  }

  /**
   * Temporary files of this target whose process has ended (a run that was killed), and those of
   * versions that did not name the process ({@code .tx-check.json123.tmp}).
   */
  private static void removeStaleTemporaryFiles(Path dir, String name) throws IOException {
    Pattern ours =
        Pattern.compile("\\." + Pattern.quote(name) + "(?:\\.(\\d+)-[-\\w]+|\\d+)\\.tmp");
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(dir, p -> ours.matcher(p.getFileName().toString()).matches())) {
      for (Path entry : entries) {
        Matcher m = ours.matcher(entry.getFileName().toString());
        if (m.matches() && (m.group(1) == null || !running(Long.parseLong(m.group(1))))) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }

  private static boolean running(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
