package dev.txcheck.cli;

/** The process exit codes; documented in the README and in {@code --help}. Never a count. */
public enum ExitCode {
  /** No findings and every file analysed. */
  CLEAN(0),
  /** At least one finding (this wins over unparsable files: both fail a build). */
  FINDINGS(1),
  /** Bad command line or configuration; nothing was analysed. */
  USAGE(2),
  /** No findings, but some input could not be read or parsed. */
  INPUT_ERRORS(3),
  /** A bug in tx-check; please report it. */
  INTERNAL_ERROR(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
