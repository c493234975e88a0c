package dev.txcheck.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A report or baseline that could not be written: "cannot write REPORT: REASON", naming the file
 * the user asked for, never the temporary file it was written through.
 */
public final class ReportWriteException extends IOException {
  ReportWriteException(Path target, Path temp, IOException cause) {
    super("cannot write " + target + ": " + reason(cause, target.toAbsolutePath(), temp), cause);
  }

  /** NIO's messages are often just a path; say what went wrong, and where when not the report. */
  private static String reason(IOException e, Path target, Path temp) {
    if (!(e instanceof FileSystemException fs)) {
      return e.getMessage();
    }
    String file = fs.getFile();
    boolean elsewhere =
        file != null && !Path.of(file).equals(target) && !Path.of(file).equals(temp);
    String where = elsewhere ? " (" + file + ")" : "";
    if (e instanceof AccessDeniedException) {
      return "permission denied" + where;
    }
    if (e instanceof FileAlreadyExistsException && elsewhere) {
      return file + " is a file, not a directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory" + where;
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory" + where;
    }
    String reason = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
    // "Is a directory", "No space left on device": the system's words, as the rest of a sentence
    return Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + where;
  }
}
