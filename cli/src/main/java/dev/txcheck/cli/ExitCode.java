package dev.txcheck.cli;

/** The process exit codes; documented in the README and in {@code --help}. Never a count. */
public enum ExitCode {
  /** No finding at or above --fail-on and every file analysed; always with --fail-on never. */
  CLEAN(0),
  /** At least one finding (this wins over unparsable files: both fail a build). */
  FINDINGS(1),
  /** Bad command line or configuration; nothing was analysed. */
  USAGE(2),
  /** No findings, but some input could not be read or parsed. */
  INPUT_ERRORS(3),
  /** A bug in tx-check (please report it), or the JVM ran out of memory. */
  INTERNAL_ERROR(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The code of a run that analysed its input. {@code --fail-on never} means the run never fails
   * for what it found, unreadable files included: a CI step that uploads a report must get to it.
   */
  static ExitCode ofRun(boolean failingFindings, boolean inputErrors, boolean failOnNever) {
    if (failOnNever) {
      return CLEAN;
    }
    if (failingFindings) {
      return FINDINGS;
    }
    return inputErrors ? INPUT_ERRORS : CLEAN;
  }
}
