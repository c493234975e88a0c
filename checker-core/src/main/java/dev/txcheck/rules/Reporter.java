package dev.txcheck.rules;

import com.github.javaparser.ast.Node;

/** Where a rule reports. The engine adds position, severity, suppression and fingerprint. */
public interface Reporter {
  /**
   * @param at the flagged code; its first line is the finding's line
   * @param message what is wrong and what to do
   */
  void report(Node at, String message);
}
