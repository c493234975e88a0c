package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import java.util.Optional;

/**
 * Switch statements and expressions, both entry forms. The SWITCH node dispatches to every entry; a
 * statement group ({@code case X:}) falls through into the next entry, an arrow entry ends the
 * switch. A failed guard ({@code case Foo f when cond}) moves on to the next entry.
 */
final class SwitchBuilder {
  private final CfgBuilder b;

  SwitchBuilder(CfgBuilder b) {
    this.b = b;
  }

  void statement(SwitchStmt s) {
    build(s, s.getSelector(), s.getEntries(), Frame.Role.SWITCH);
  }

  /**
   * Flattened in place: control continues where the yields land, inside the enclosing expression.
   */
  void expression(SwitchExpr e) {
    build(e, e.getSelector(), e.getEntries(), Frame.Role.SWITCH_EXPR);
  }

  private void build(
      Node ast, Expression selector, NodeList<SwitchEntry> entries, Frame.Role role) {
    b.expressions.flatten(selector);
    CfgNode dispatch = b.graph.add(NodeKind.SWITCH, ast);
    b.graph.take();
    Frame frame = b.jumps.push(Frame.of(role, ast));
    Flow after = new Flow();
    Flow carry =
        new Flow(); // into the next entry: fall-through of a statement group, a failed guard
    boolean hasDefault = false;
    for (SwitchEntry entry : entries) {
      hasDefault |= entry.isDefault() || entry.getLabels().isEmpty();
      b.graph.resume(Flow.of(dispatch, EdgeKind.NORMAL));
      b.graph.resume(carry);
      carry = new Flow();
      Optional<Expression> guard = entry.getGuard();
      if (guard.isPresent()) {
        b.expressions.flatten(guard.get());
        carry.absorb(b.graph.branch(guard.get()));
      }
      for (Statement statement : entry.getStatements()) {
        b.statements.statement(statement);
      }
      if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
        carry.absorb(b.graph.take());
      } else {
        after.absorb(b.graph.take());
      }
    }
    after.absorb(carry);
    // Switch expressions are exhaustive; for statements we do not try to prove exhaustiveness.
    if (!hasDefault && role == Frame.Role.SWITCH) {
      after.absorb(Flow.of(dispatch, EdgeKind.NORMAL));
    }
    b.jumps.pop(frame);
    after.absorb(frame.parkedOf(role == Frame.Role.SWITCH ? Exit.Kind.BREAK : Exit.Kind.YIELD));
    b.graph.resume(after);
  }
}
