package dev.txcheck.cli;

import java.io.PrintWriter;

/** The {@code tx-check} command. Only exits; everything else is in {@link TxCheckCommand#run}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(TxCheckCommand.run(args, out, err));
  }
}
