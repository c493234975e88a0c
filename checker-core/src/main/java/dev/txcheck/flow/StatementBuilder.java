package dev.txcheck.flow;

import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.Set;

/** Statements, loops and jumps. Switches and trys have their own builders. */
final class StatementBuilder {
  private final CfgBuilder b;

  StatementBuilder(CfgBuilder b) {
    this.b = b;
  }

  void statement(Statement s) {
    if (s instanceof BlockStmt block) {
      block.getStatements().forEach(this::statement);
    } else if (s instanceof ExpressionStmt expression) {
      b.expressions.flatten(expression.getExpression());
    } else if (s instanceof IfStmt ifStmt) {
      ifChain(ifStmt);
    } else if (s instanceof WhileStmt loop) {
      whileLoop(loop);
    } else if (s instanceof DoStmt loop) {
      doLoop(loop);
    } else if (s instanceof ForStmt loop) {
      forLoop(loop);
    } else if (s instanceof ForEachStmt loop) {
      forEachLoop(loop);
    } else if (s instanceof LabeledStmt labeled) {
      labeled(labeled);
    } else if (s instanceof BreakStmt jump) {
      jump(jump, Exit.Kind.BREAK, b.jumps.breakTarget(jump.getLabel()));
    } else if (s instanceof ContinueStmt jump) {
      jump(jump, Exit.Kind.CONTINUE, b.jumps.continueTarget(jump.getLabel()));
    } else if (s instanceof YieldStmt jump) {
      b.expressions.flatten(jump.getExpression());
      jump(jump, Exit.Kind.YIELD, b.jumps.yieldTarget());
    } else if (s instanceof ReturnStmt ret) {
      ret.getExpression().ifPresent(b.expressions::flatten);
      b.graph.add(NodeKind.RETURN, ret);
      b.jumps.leave(Exit.RETURN, b.graph.take());
    } else if (s instanceof ThrowStmt throwStmt) {
      throwStatement(throwStmt);
    } else if (s instanceof TryStmt tryStmt) {
      b.trys.build(tryStmt);
    } else if (s instanceof SwitchStmt switchStmt) {
      b.switches.statement(switchStmt);
    } else if (s instanceof SynchronizedStmt sync) {
      b.expressions.flatten(sync.getExpression());
      statement(sync.getBody());
    } else if (s instanceof AssertStmt assertStmt) {
      assertion(assertStmt);
    } else if (s instanceof ExplicitConstructorInvocationStmt call) {
      call.getExpression().ifPresent(b.expressions::flatten);
      call.getArguments().forEach(b.expressions::flatten);
      b.throwing(NodeKind.CONSTRUCTOR_CALL, call);
    }
    // Empty statements, local class and record declarations (bodies of their own), unparsable
    // statements:
    // no control flow of this body.
  }

  /** An else-if chain is walked in a loop: generated code has chains hundreds of branches long. */
  private void ifChain(IfStmt first) {
    Flow done = new Flow();
    Statement next = first;
    while (next instanceof IfStmt ifStmt) {
      b.expressions.flatten(ifStmt.getCondition());
      Flow otherwise = b.graph.branch(ifStmt.getCondition());
      statement(ifStmt.getThenStmt());
      done.absorb(b.graph.take());
      b.graph.resume(otherwise);
      next = ifStmt.getElseStmt().orElse(null);
    }
    if (next != null) {
      statement(next);
    }
    b.graph.resume(done);
  }

  private void whileLoop(WhileStmt loop) {
    Frame frame = b.jumps.push(Frame.of(Frame.Role.LOOP, loop));
    Flow.Target head = b.graph.here();
    b.expressions.flatten(loop.getCondition());
    Flow exit = exitUnlessAlwaysTrue(loop.getCondition(), b.graph.branch(loop.getCondition()));
    statement(loop.getBody());
    b.graph.resume(frame.parkedOf(Exit.Kind.CONTINUE));
    b.graph.loopBack(head);
    endLoop(frame, exit);
  }

  private void doLoop(DoStmt loop) {
    Frame frame = b.jumps.push(Frame.of(Frame.Role.LOOP, loop));
    Flow.Target head = b.graph.here();
    statement(loop.getBody());
    b.graph.resume(frame.parkedOf(Exit.Kind.CONTINUE));
    b.expressions.flatten(loop.getCondition());
    Flow exit = exitUnlessAlwaysTrue(loop.getCondition(), b.graph.branch(loop.getCondition()));
    b.graph.loopBack(head);
    endLoop(frame, exit);
  }

  private void forLoop(ForStmt loop) {
    loop.getInitialization().forEach(b.expressions::flatten);
    Frame frame = b.jumps.push(Frame.of(Frame.Role.LOOP, loop));
    Flow.Target head = b.graph.here();
    Flow exit = new Flow(); // without a condition only break (or return, throw) leaves
    if (loop.getCompare().isPresent()) {
      Expression condition = loop.getCompare().get();
      b.expressions.flatten(condition);
      exit = exitUnlessAlwaysTrue(condition, b.graph.branch(condition));
    }
    statement(loop.getBody());
    b.graph.resume(frame.parkedOf(Exit.Kind.CONTINUE));
    loop.getUpdate().forEach(b.expressions::flatten);
    b.graph.loopBack(head);
    endLoop(frame, exit);
  }

  /**
   * {@code while (true)} never leaves through its condition: dropping that edge keeps retry loops
   * from showing a path past the loop that skips the commit.
   */
  private static Flow exitUnlessAlwaysTrue(Expression condition, Flow exit) {
    return condition instanceof BooleanLiteralExpr literal && literal.getValue()
        ? new Flow()
        : exit;
  }

  private void forEachLoop(ForEachStmt loop) {
    b.expressions.flatten(loop.getIterable());
    CfgNode round = b.graph.add(NodeKind.FOREACH, loop);
    Frame frame = b.jumps.push(Frame.of(Frame.Role.LOOP, loop));
    statement(loop.getBody());
    b.graph.resume(frame.parkedOf(Exit.Kind.CONTINUE));
    Flow.Target back = new Flow.Target();
    back.node = round;
    b.graph.loopBack(back);
    endLoop(frame, Flow.of(round, EdgeKind.NORMAL));
  }

  /** After the loop: the normal way out and every break. */
  private void endLoop(Frame frame, Flow exit) {
    b.jumps.pop(frame);
    b.graph.resume(exit);
    b.graph.resume(frame.parkedOf(Exit.Kind.BREAK));
  }

  private void labeled(LabeledStmt labeled) {
    Frame frame = b.jumps.push(Frame.label(labeled, labeled.getLabel().getIdentifier()));
    statement(labeled.getStatement());
    b.jumps.pop(frame);
    b.graph.resume(frame.parkedOf(Exit.Kind.BREAK));
  }

  private void jump(Statement jump, Exit.Kind kind, Frame target) {
    b.graph.add(NodeKind.JUMP, jump);
    Flow out = b.graph.take();
    if (target != null) { // null only for code javac rejects: the jump then leads nowhere
      b.jumps.leave(Exit.to(kind, target), out);
    }
  }

  private void throwStatement(ThrowStmt throwStmt) {
    b.expressions.flatten(throwStmt.getExpression());
    CfgNode node = b.graph.add(NodeKind.THROW, throwStmt);
    b.graph.take(); // a throw never completes normally
    Set<EdgeKind> kinds = b.exceptions.thrownBy(throwStmt);
    for (EdgeKind kind : CfgBuilder.EXCEPTION_KINDS) {
      if (kinds.contains(kind)) {
        b.jumps.leave(Exit.exception(kind), Flow.of(node, kind));
      }
    }
  }

  /**
   * Modelled as a condition whose failure is not followed: assertions are usually off in
   * production.
   */
  private void assertion(AssertStmt assertStmt) {
    b.expressions.flatten(assertStmt.getCheck());
    Flow failed = b.graph.branch(assertStmt.getCheck());
    Flow passed = b.graph.take();
    b.graph.resume(failed);
    assertStmt.getMessage().ifPresent(b.expressions::flatten);
    b.graph.resume(passed);
  }
}
