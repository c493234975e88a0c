package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;

/**
 * The steps of a unit of work: calls that change data. A failure after one step and before the next
 * leaves partial work, which a commit must not make permanent.
 */
public final class Work {
  private Work() {}

  /**
   * True when the steps of the body that start before {@code end} can stop half way: there are two
   * of them, or one that runs in a loop.
   */
  public static boolean canBePartialBefore(Node end, Node body, CallClassifier calls) {
    int steps = 0;
    for (MethodCallExpr call : Bodies.callsIn(body)) {
      if (!Bodies.startsBefore(call, end) || !calls.writes(call)) {
        continue;
      }
      steps++;
      if (steps >= 2 || Loops.enclosingLoop(call, body, calls).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
