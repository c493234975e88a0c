package dev.txcheck.engine;

import java.util.Comparator;

/**
 * A file (or input path) that could not be analysed, with the position when there is one (line 0
 * otherwise).
 */
public record ProcessingError(String file, int line, int column, String message) {
  public static final Comparator<ProcessingError> ORDER =
      Comparator.comparing(ProcessingError::file)
          .thenComparingInt(ProcessingError::line)
          .thenComparingInt(ProcessingError::column);

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
