package dev.txcheck.flow;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * try / catch / finally and try-with-resources. Frames, innermost first: one CLEANUP frame per
 * opened resource (the JLS nests {@code try (a; b)} as {@code try (a) { try (b) ... }}), the
 * CATCHES frame, the finally's CLEANUP frame. Every exit parked on a cleanup frame gets its own
 * copy of the close or finally block, whose end continues along that same exit; so copies are
 * memoised per (try, exit) for free.
 */
final class TryBuilder {
  private final CfgBuilder b;

  TryBuilder(CfgBuilder b) {
    this.b = b;
  }

  void build(TryStmt tryStmt) {
    BlockStmt finallyBlock = tryStmt.getFinallyBlock().orElse(null);
    Frame cleanup =
        finallyBlock == null ? null : b.jumps.push(Frame.of(Frame.Role.CLEANUP, finallyBlock));
    NodeList<CatchClause> clauses = tryStmt.getCatchClauses();
    Frame catches =
        clauses.isEmpty()
            ? null
            : b.jumps.push(
                Frame.catches(
                    tryStmt, caughtBy(clauses), caughtEntirely(clauses), caughtNames(clauses)));

    // A failure opening the k-th resource closes the first k-1 only: its frame is pushed once it is
    // open.
    List<Frame> resources = new ArrayList<>();
    for (Expression resource : tryStmt.getResources()) {
      b.expressions.flatten(resource);
      resources.add(b.jumps.push(Frame.of(Frame.Role.CLEANUP, resource)));
    }
    b.statements.statement(tryStmt.getTryBlock());
    for (int i = resources.size() - 1; i >= 0; i--) {
      close(resources.get(i));
    }

    Flow done = b.graph.take();
    if (catches != null) {
      b.jumps.pop(catches); // a catch clause does not catch what its siblings throw
      done.absorb(catchClauses(clauses, catches));
    }
    if (cleanup != null) {
      b.jumps.pop(cleanup);
      b.graph.resume(done);
      done = finallyCopies(finallyBlock, cleanup);
    }
    b.graph.resume(done);
  }

  private static Set<String> caughtNames(NodeList<CatchClause> clauses) {
    Set<String> names = new HashSet<>();
    for (CatchClause clause : clauses) {
      names.addAll(DefaultExceptionModel.caughtNames(clause));
    }
    return names;
  }

  private Set<EdgeKind> caughtEntirely(NodeList<CatchClause> clauses) {
    Set<EdgeKind> entirely = EnumSet.noneOf(EdgeKind.class);
    for (CatchClause clause : clauses) {
      for (EdgeKind kind : EdgeKind.values()) {
        if (b.exceptions.catchesEvery(clause, kind)) {
          entirely.add(kind);
        }
      }
    }
    return entirely;
  }

  private List<Set<EdgeKind>> caughtBy(NodeList<CatchClause> clauses) {
    List<Set<EdgeKind>> caught = new ArrayList<>(clauses.size());
    for (CatchClause clause : clauses) {
      caught.add(b.exceptions.caughtBy(clause));
    }
    return caught;
  }

  /**
   * Closes one resource on the normal way out (left as the current flow) and once per parked exit.
   */
  private void close(Frame resource) {
    b.jumps.pop(resource);
    Expression ast = (Expression) resource.ast;
    b.throwing(NodeKind.RESOURCE_CLOSE, ast);
    Flow onward = b.graph.take();
    for (Map.Entry<Exit, Flow> parked : resource.parked.entrySet()) {
      boolean exception = parked.getKey().kind() == Exit.Kind.EXCEPTION;
      b.graph.resume(parked.getValue());
      if (exception) {
        b.graph.beginExceptionCopy();
      }
      b.throwing(NodeKind.RESOURCE_CLOSE, ast);
      if (exception) {
        b.graph.endExceptionCopy();
      }
      b.jumps.leave(parked.getKey(), b.graph.take());
    }
    b.graph.resume(onward);
  }

  /**
   * Builds every clause (reached or not, so each has its CATCH node); returns their joined normal
   * ends.
   */
  private Flow catchClauses(NodeList<CatchClause> clauses, Frame catches) {
    List<Flow> incoming = new ArrayList<>(clauses.size());
    clauses.forEach(c -> incoming.add(new Flow()));
    catches.parked.forEach(
        (exit, flow) -> incoming.get(catches.catchIndex(exit.exception())).absorb(flow));
    Flow ends = new Flow();
    for (int i = 0; i < clauses.size(); i++) {
      b.graph.resume(incoming.get(i));
      b.graph.add(NodeKind.CATCH, clauses.get(i));
      b.statements.statement(clauses.get(i).getBody());
      ends.absorb(b.graph.take());
    }
    return ends;
  }

  /**
   * One copy for the fall-through (the current flow; always built so the block has nodes even when
   * unreachable), then one per parked exit, continuing outward along it. Returns the fall-through's
   * end.
   */
  private Flow finallyCopies(BlockStmt block, Frame cleanup) {
    copy(block);
    Flow after = b.graph.take();
    for (Map.Entry<Exit, Flow> parked : cleanup.parked.entrySet()) {
      boolean exception = parked.getKey().kind() == Exit.Kind.EXCEPTION;
      b.graph.resume(parked.getValue());
      if (exception) {
        b.graph.beginExceptionCopy();
      }
      copy(block);
      if (exception) {
        b.graph.endExceptionCopy();
      }
      b.jumps.leave(parked.getKey(), b.graph.take());
    }
    return after;
  }

  private void copy(BlockStmt block) {
    b.graph.add(NodeKind.FINALLY, block);
    b.statements.statement(block);
  }
}
