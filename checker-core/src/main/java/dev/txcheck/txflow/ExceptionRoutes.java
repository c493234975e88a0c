package dev.txcheck.txflow;

import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** Where the exceptions of a node go. */
public final class ExceptionRoutes {
  private static final Set<String> ANY_FAILURE =
      Set.of("java.lang.Exception", "java.lang.RuntimeException", "java.lang.Throwable");

  private ExceptionRoutes() {}

  /**
   * True when the catch clause takes what a failed commit throws: a type the catalog lists as a
   * commit failure, or {@code Exception}, {@code RuntimeException}, {@code Throwable}.
   */
  public static boolean catchesCommitFailure(CatchClause handler, TypeResolver types) {
    Type type = handler.getParameter().getType();
    List<? extends Type> alternatives =
        type instanceof UnionType union ? union.getElements() : List.of(type);
    for (Type alternative : alternatives) {
      String name =
          types
              .names()
              .resolve(
                  alternative instanceof ClassOrInterfaceType c
                      ? c.getNameWithScope()
                      : alternative.asString());
      if (ANY_FAILURE.contains(name) || types.catalog().commitFailures().contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when an exception thrown by {@code from} is handled by {@code handler}: directly, or after
   * finally blocks of inner try statements ran on its way.
   */
  public static boolean reachesHandler(Cfg cfg, CfgNode from, CatchClause handler) {
    BitSet seen = new BitSet(cfg.nodes().size());
    Deque<CfgNode> work = new ArrayDeque<>();
    for (CfgEdge edge : from.successors()) {
      if (edge.kind().isExceptional()) {
        work.add(edge.to());
      }
    }
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      if (seen.get(node.id())) {
        continue;
      }
      seen.set(node.id());
      if (node.kind() == NodeKind.CATCH && node.ast() == handler) {
        return true;
      }
      if (!cfg.runsWithPendingException(node)) {
        continue; // another handler, or the exit: the exception stops or leaves here
      }
      for (CfgEdge edge : node.successors()) {
        if (!edge.kind().isExceptional()) {
          work.add(edge.to());
        }
      }
    }
    return false;
  }
}
