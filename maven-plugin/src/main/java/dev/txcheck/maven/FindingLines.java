package dev.txcheck.maven;

import dev.txcheck.engine.ProcessingError;
import dev.txcheck.finding.Finding;
import dev.txcheck.report.TextReport;
import java.nio.file.Path;

/**
 * Log lines for findings and processing errors, {@code file:line:column: error: [TX001] message} as
 * the CLI and compilers write them, with the file named relative to the directory Maven was started
 * in, so that CI logs and terminals link to it.
 */
final class FindingLines {
  private FindingLines() {}

  static String finding(Finding f, Path basedir, Path executionRoot) {
    return file(f.file(), basedir, executionRoot)
        + ":"
        + f.line()
        + ":"
        + f.column()
        + ": "
        + f.severity().label()
        + ": ["
        + f.ruleId()
        + "] "
        + TextReport.oneLine(f.message());
  }

  static String error(ProcessingError e, Path basedir, Path executionRoot) {
    String file = file(e.file(), basedir, executionRoot);
    return (e.line() > 0 ? file + ":" + e.line() + ":" + e.column() : file) + ": " + e.message();
  }

  /** Findings name files relative to the module's directory; the log names them from the root. */
  private static String file(String name, Path basedir, Path executionRoot) {
    return relative(basedir.resolve(name).normalize(), executionRoot);
  }

  static String relative(Path absolute, Path root) {
    Path shown =
        absolute.startsWith(root) && !absolute.equals(root) ? root.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
