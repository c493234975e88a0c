package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Branches;
import dev.txcheck.txflow.CallFacts;
import dev.txcheck.txflow.CallerIndex;
import dev.txcheck.txflow.Loops;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.Paths;
import dev.txcheck.txflow.TestCode;
import dev.txcheck.txflow.TxAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** TX014: two or more self-committing writes with no transaction around them. */
@RuleInfo(
    id = "TX014",
    name = "non-atomic-multi-write",
    severity = Severity.WARNING,
    summary =
        "A method makes two or more writes that each commit on their own, with no transaction around them.",
    onByDefault = false)
public final class NonAtomicMultiWrite implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!(body.body() instanceof MethodDeclaration method)
        || !(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)
        || TestCode.isTestClass(type)) {
      return;
    }
    List<MethodCallExpr> writes = new ArrayList<>();
    for (MethodCallExpr call : body.callsInBody()) {
      CallFacts facts = body.calls().classify(call);
      if (facts.has(Effect.BEGIN) || facts.callback()) {
        return; // a programmatic transaction: other rules judge it
      }
      if (facts.autocommit()) {
        writes.add(call);
      }
    }
    MethodCallExpr[] pair = pairThatCanBothCommit(writes, method, body);
    // The method's own annotation wins over its class's. SUPPORTS (often class-wide, with readOnly)
    // starts no transaction, nor do NOT_SUPPORTED and NEVER: then the callers decide.
    Optional<TxAttributes> declared =
        body.declarative().declaredOn(method).or(() -> body.declarative().declaredOn(type));
    if (pair == null || declared.map(TxAttributes::requiresTransaction).orElse(false)) {
      return;
    }
    // Only a path that surely runs without a transaction counts: a caller in a transaction covers
    // the method only when every caller does; a method nothing calls is an entry point.
    CallerIndex.Reach reach = body.calls().callers().reach(method);
    if (!reach.withoutTransaction()) {
      return;
    }
    MethodCallExpr first = pair[0];
    MethodCallExpr second = pair[1];
    reporter.report(
        second,
        Messages.shortText(first)
            + " on line "
            + Messages.line(first)
            + " and "
            + Messages.shortText(second)
            + " on line "
            + Messages.line(second)
            + " each commit on their own: "
            + body.describe()
            + " runs in no transaction ("
            + declared
                .map(tx -> "its propagation " + tx.propagation() + " starts none")
                .orElse("none is declared here or on the class")
            + ", and "
            + reach.why()
            + "), so when a later write fails the earlier ones stay committed; annotate the"
            + " method @Transactional");
  }

  /**
   * The first two writes that can both commit in one run: not alternatives (the branches of an if,
   * a try and its catch), not each in a loop of its own (two batches of items that may be meant to
   * be independent, like the items of one loop), and the second reachable once the first completed
   * in the same round of a loop around both (a write and the write that a {@code continue} skips
   * are alternatives per item) (an insert that returns when it works, and an update in the catch of
   * its failure, do not both commit).
   */
  private static MethodCallExpr[] pairThatCanBothCommit(
      List<MethodCallExpr> writes, MethodDeclaration method, BodyContext body) {
    Predicate<CfgEdge> follows = body.flow(false)::follows;
    for (int j = 1; j < writes.size(); j++) {
      for (int i = 0; i < j; i++) {
        MethodCallExpr a = writes.get(i);
        MethodCallExpr b = writes.get(j);
        if (Branches.exclusive(a, b) || Loops.inSeparateLoops(a, b, method)) {
          continue;
        }
        // Within one round of a loop around both: across rounds they are items of that loop.
        Node round = Loops.innermostAround(a, b, method);
        Node head = round == null ? null : Loops.head(round);
        Set<CfgNode> heads = head == null ? Set.of() : Set.copyOf(body.cfg().nodesFor(head));
        if (Paths.runsAfter(body.cfg(), a, b, follows, heads::contains)
            || Paths.runsAfter(body.cfg(), b, a, follows, heads::contains)) {
          return new MethodCallExpr[] {a, b};
        }
      }
    }
    return null;
  }
}
