package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.txapi.Effect;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

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
   * A call that may do work in an open transaction, work a failure would lose or a lock it holds: a
   * step; a helper of the sources that reads or writes ({@code balanceOf(conn)} may lock the rows
   * it reads); a method the catalog and the sources do not know that receives one of the tracked
   * handles ({@code SchemaTool.apply(conn)}). Preparing a statement or binding its parameters is no
   * work.
   */
  static boolean mayWorkIn(
      MethodCallExpr call, CallClassifier calls, Predicate<HandleKey> tracked) {
    if (isStep(call, calls)) {
      return true;
    }
    if (calls.target(call) != null) {
      return calls.classify(call).data();
    }
    List<ApiMethod> apis = calls.types().catalogMatches(call);
    if (!apis.isEmpty()) {
      return apis.stream().anyMatch(api -> api.has(Effect.MAY_WRITE)); // a JDBC execute(sql)
    }
    for (Expression argument : call.getArguments()) {
      if (tracked.test(calls.handleOf(argument))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call that does data work which a commit would make permanent: a write (catalogued, or through
   * a helper), a call of a method of the sources that does such work, or a call on a data-access
   * bean whose work cannot be told: an interface of the sources is judged by its implementations in
   * the sources, so that {@code taskDao.getTask(id)} whose implementation only queries is no work,
   * and one without code in the sources by the name of its method (see {@link #READ_NAME}).
   * Catalogued calls that neither write nor may write (a JDBC {@code execute}, a flush) are reads.
   */
  public static boolean doesWork(MethodCallExpr call, CallClassifier calls) {
    if (calls.runsApart(call)) {
      return false; // another bean's REQUIRES_NEW method: its work commits or rolls back on its own
    }
    CallFacts facts = calls.classify(call);
    if (facts.write()) {
      return true;
    }
    List<ApiMethod> apis = calls.types().catalogMatches(call);
    if (!apis.isEmpty()) {
      return apis.stream().anyMatch(api -> api.has(Effect.MAY_WRITE));
    }
    MethodDeclaration target = calls.target(call);
    if (target != null) {
      return calls.doesWork(target);
    }
    MethodDeclaration declared = calls.declaration(call);
    List<MethodDeclaration> implementations =
        declared != null
            ? calls.implementations(declared)
            : calls.implementationsOnUnreadType(call);
    if (!implementations.isEmpty()) {
      return implementations.stream().anyMatch(calls::doesWork);
    }
    return facts.data() && !READ_NAME.matcher(call.getNameAsString()).matches();
  }

  /**
   * The names of a data bean's methods that read, by the conventions of the frameworks whose code
   * is not in the sources: Spring Data's derived queries ({@code findByName}, {@code countBy..},
   * {@code existsBy..}; a {@code @Modifying} one is a write and answered above), a MyBatis mapper's
   * {@code select..}, a DAO's {@code getById} or {@code listAll}.
   */
  private static final Pattern READ_NAME =
      Pattern.compile(
          "(find|get|read|query|search|stream|count|exists|select|list|load|fetch|is|has)"
              + "([A-Z0-9_].*)?");

  /**
   * True when the steps of the body that start before {@code end} can stop half way: there are two
   * of them, or one that runs in a loop. A cheap first look before {@link #halfDoneAt}.
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

  /**
   * True when {@code node}, in a finally block copy that runs with an exception pending, can be
   * reached by an exception that left the work of one of the transactions {@code sites} half done:
   * thrown after a step completed (with the transaction open) and before another step ran (the
   * throwing call itself, or one that would have followed it), or thrown by a {@code throw} after a
   * step completed: the code rejects the work it did. Answers the throwing node, a failing write
   * when there is one.
   */
  public static Optional<CfgNode> halfDoneAt(
      CfgNode node, TxFlow flow, BitSet sites, CallClassifier calls) {
    Cfg cfg = flow.cfg();
    BitSet seen = new BitSet(cfg.nodes().size());
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(node);
    seen.set(node.id());
    CfgNode fallback = null;
    while (!work.isEmpty()) {
      CfgNode current = work.poll();
      for (CfgEdge edge : current.predecessors()) {
        CfgNode from = edge.from();
        if (edge.kind().isExceptional()) {
          BitSet along = flow.openAlong(edge);
          if (along != null
              && along.intersects(sites)
              && stepCompletedBefore(from, flow, sites, calls)
              && stepLeftUndone(from, cfg, calls)) {
            if (isStepNode(from, calls)) {
              return Optional.of(from); // a failing write names the failure best
            }
            fallback = fallback == null ? from : fallback;
          }
        } else if (cfg.runsWithPendingException(from) && !seen.get(from.id())) {
          seen.set(from.id());
          work.add(from); // back through the copy, and inner finally copies, to the throwing node
        }
      }
    }
    return Optional.ofNullable(fallback);
  }

  /** A step completed normally on some path to the thrower along which the transaction is open. */
  private static boolean stepCompletedBefore(
      CfgNode thrower, TxFlow flow, BitSet sites, CallClassifier calls) {
    BitSet seen = new BitSet(flow.cfg().nodes().size());
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(thrower);
    seen.set(thrower.id());
    while (!work.isEmpty()) {
      CfgNode current = work.poll();
      for (CfgEdge edge : current.predecessors()) {
        BitSet along = flow.openAlong(edge);
        if (along == null || !along.intersects(sites)) {
          continue;
        }
        if (!edge.kind().isExceptional() && isStepNode(edge.from(), calls)) {
          return true;
        }
        if (!seen.get(edge.from().id())) {
          seen.set(edge.from().id());
          work.add(edge.from());
        }
      }
    }
    return false;
  }

  /** The thrower is a step, or a step would have followed it, or the code throws on purpose. */
  private static boolean stepLeftUndone(CfgNode thrower, Cfg cfg, CallClassifier calls) {
    return isStepNode(thrower, calls)
        || thrower.kind() == NodeKind.THROW
        || Paths.reachNormally(cfg, thrower, n -> isStepNode(n, calls), n -> false).isPresent();
  }

  private static boolean isStepNode(CfgNode node, CallClassifier calls) {
    return node.kind() == NodeKind.CALL && isStep((MethodCallExpr) node.ast(), calls);
  }

  /**
   * A write that completed while one of the transactions {@code sites} was open and is still
   * pending (neither committed nor rolled back since) when control takes {@code edge}: the earliest
   * such write in the source, found by walking back from the edge along edges where the transaction
   * stays open. A read is no pending work, nor is a write whose call failed.
   */
  public static Optional<MethodCallExpr> pendingWriteAlong(
      CfgEdge edge, TxFlow flow, BitSet sites, CallClassifier calls) {
    BitSet open = flow.openAlong(edge);
    if (open == null || !open.intersects(sites)) {
      return Optional.empty();
    }
    MethodCallExpr earliest = null;
    BitSet seen = new BitSet(flow.cfg().nodes().size());
    Deque<CfgEdge> work = new ArrayDeque<>();
    work.add(edge);
    while (!work.isEmpty()) {
      CfgEdge current = work.poll();
      CfgNode from = current.from();
      if (!current.kind().isExceptional()
          && from.kind() == NodeKind.CALL
          && calls.classify((MethodCallExpr) from.ast()).write()) {
        MethodCallExpr write = (MethodCallExpr) from.ast();
        earliest = earliest == null || Bodies.startsBefore(write, earliest) ? write : earliest;
      }
      if (seen.get(from.id())) {
        continue;
      }
      seen.set(from.id());
      for (CfgEdge before : from.predecessors()) {
        BitSet along = flow.openAlong(before);
        if (along != null && along.intersects(sites)) {
          work.add(before);
        }
      }
    }
    return Optional.ofNullable(earliest);
  }
}
