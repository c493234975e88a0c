package dev.txcheck.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.CallFacts;
import dev.txcheck.txflow.CallerIndex;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.TestCode;
import java.util.ArrayList;
import java.util.List;

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
    if (writes.size() < 2
        || body.declarative().declaredOn(method).isPresent()
        || body.declarative().declaredOn(type).isPresent()) {
      return;
    }
    // Only a path that surely runs without a transaction counts: a caller in a transaction covers
    // the method only when every caller does; a method nothing calls is an entry point.
    CallerIndex.Reach reach = body.calls().callers().reach(method);
    if (!reach.withoutTransaction()) {
      return;
    }
    MethodCallExpr first = writes.get(0);
    MethodCallExpr second = writes.get(1);
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
            + " runs in no transaction (none is declared here or on the class, and "
            + reach.why()
            + "), so when a later write fails the earlier ones stay committed; annotate the"
            + " method @Transactional");
  }
}
