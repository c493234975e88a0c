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
   * A write (catalogued, or through a helper of the analysed sources that writes), or a call on a
   * data-access bean ({@code orderDao.save(o)}), whose methods are units of data work.
   */
  static boolean isStep(MethodCallExpr call, CallClassifier calls) {
    CallFacts facts = calls.classify(call);
    if (facts.write()) {
      return true;
    }
    return facts.data()
        && facts.events().isEmpty()
        && calls.types().catalogMatches(call).isEmpty()
        && calls.target(call) == null;
  }

  /**
   * True when the steps of the body that start before {@code end} can stop half way: there are two
   * of them, or one that runs in a loop.
   */
  public static boolean canBePartialBefore(Node end, Node body, CallClassifier calls) {
    int steps = 0;
    for (MethodCallExpr call : Bodies.callsIn(body)) {
      if (!Bodies.startsBefore(call, end) || !isStep(call, calls)) {
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
