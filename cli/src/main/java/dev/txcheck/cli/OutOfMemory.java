package dev.txcheck.cli;

/** What the CLI says when the JVM runs out of heap: the run ends at once, with exit code 4. */
final class OutOfMemory {
  static final String MESSAGE =
      "tx-check: out of memory: the analysis needs more heap than this JVM may use. Give it more,"
          + " e.g. TX_CHECK_JAVA_OPTS=-Xmx4g ./tx-check ... or java -Xmx4g -jar tx-check.jar ...";

  private OutOfMemory() {}
}
