package dev.txcheck.rules;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.finding.Severity;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.HandleKey;
import dev.txcheck.txflow.MainPrograms;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.ResourceFlow;
import java.util.Optional;

/** TX009: a connection, EntityManager, session or handle the method opens and does not close. */
@RuleInfo(
    id = "TX009",
    name = "resource-leak",
    severity = Severity.ERROR,
    summary =
        "A connection, EntityManager, session or handle opened in a method is not closed on every path,"
            + " normal and exceptional.")
public final class ResourceLeak implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!body.callsAny(Effect.OPEN)) {
      return; // most bodies: no graph needed
    }
    // A test's connections live as long as the test; a command-line program's, as long as the JVM.
    if (body.isTestCode() || MainPrograms.runsOnlyUnderMain(body.body())) {
      return;
    }
    ResourceFlow flow = body.resources();
    for (int site = 0; site < flow.sites().size(); site++) {
      Expression open = flow.sites().get(site);
      String what = describe(open, flow.handleOfSite(site));
      Optional<CfgNode> exit = flow.openReturn(site);
      if (exit.isPresent()) {
        CfgNode node = exit.get();
        String where =
            node.kind() == NodeKind.RETURN
                ? "the return on line " + Messages.line(node.ast())
                : "the end of the method after line " + Messages.line(node.ast());
        reporter.report(
            open,
            what
                + " is still open at "
                + where
                + "; close it on every path, best by opening it in a try-with-resources statement");
        continue;
      }
      Optional<CfgNode> thrower = flow.escapingThrow(site);
      if (thrower.isPresent() && flow.isCleanup(thrower.get())) {
        reporter.report(
            open,
            what
                + " is not closed when "
                + Messages.shortText(thrower.get().ast())
                + " on line "
                + Messages.line(thrower.get().ast())
                + " fails in cleanup code: the failure skips the close after it, and a broken"
                + " connection is never given back; guard the call with its own try/catch, or close"
                + " in a finally block of its own");
      } else if (thrower.isPresent() && flow.returned(site)) {
        // A factory: the leak needs the set-up of a fresh resource to fail, which is rare.
        reporter.report(
            open,
            what
                + " is returned to the caller, but not closed when "
                + Messages.describeThrow(thrower.get())
                + " leaves this factory before it returns it; such a failure is rare, but each one"
                + " loses a connection: close it before rethrowing");
      } else {
        thrower.ifPresent(
            node ->
                reporter.report(
                    open,
                    what
                        + " is not closed when "
                        + Messages.describeThrow(node)
                        + " leaves the method; close it in a finally block, or open it in a"
                        + " try-with-resources statement"));
      }
    }
  }

  private static String describe(Expression open, HandleKey handle) {
    String from = Messages.shortText(open) + " on line " + Messages.line(open);
    if (!handle.id().startsWith("expr:")) {
      return handle.display() + ", opened by " + from + ",";
    }
    // ds.getConnection().createStatement(), or runScript(ds.getConnection(), file)
    boolean receiver =
        open.getParentNode().orElse(null) instanceof MethodCallExpr user
            && user.getScope().map(scope -> scope == open).orElse(false);
    return receiver || !(open.getParentNode().orElse(null) instanceof MethodCallExpr lender)
        ? "the resource opened by " + from + " and used at once"
        : "the resource opened by "
            + from
            + " and passed straight to "
            + lender.getNameAsString()
            + "(), which does not keep it,";
  }
}
