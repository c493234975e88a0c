package dev.txcheck.cli;

import java.io.PrintWriter;

/** The {@code tx-check} command. Only exits; everything else is in {@link TxCheckCommand#run}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    // A thread that runs out of memory ends the run at once, whichever thread it is.
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError) {
            System.err.println(OutOfMemory.MESSAGE);
            Runtime.getRuntime().halt(ExitCode.INTERNAL_ERROR.code());
          }
          e.printStackTrace();
        });
    System.exit(TxCheckCommand.run(args, out, err));
  }
}
