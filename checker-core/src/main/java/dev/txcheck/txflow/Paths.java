package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Path questions over a {@link Cfg}. */
public final class Paths {
  private Paths() {}

  /**
   * The first node matching {@code target} reachable from {@code from} (exclusive) along
   * non-exceptional edges without passing a node matching {@code blocked}.
   */
  public static Optional<CfgNode> reachNormally(
      Cfg cfg, CfgNode from, Predicate<CfgNode> target, Predicate<CfgNode> blocked) {
    return reachNormally(cfg, from, target, blocked, edge -> true);
  }

  /**
   * As {@link #reachNormally(Cfg, CfgNode, Predicate, Predicate)}, along the edges that {@code
   * passable} lets through only (a branch that cannot be taken on these paths is left out).
   */
  public static Optional<CfgNode> reachNormally(
      Cfg cfg,
      CfgNode from,
      Predicate<CfgNode> target,
      Predicate<CfgNode> blocked,
      Predicate<CfgEdge> passable) {
    return reach(
        cfg, from, target, blocked, edge -> !edge.kind().isExceptional() && passable.test(edge));
  }

  /**
   * True when {@code second} can run after {@code first} completed normally in the same run: along
   * normal edges, and exceptional ones that {@code follows} takes (code that can fail), but not the
   * failure of {@code first} itself.
   */
  public static boolean runsAfter(Cfg cfg, Node first, Node second, Predicate<CfgEdge> follows) {
    return runsAfter(cfg, first, second, follows, node -> false);
  }

  /** As {@link #runsAfter(Cfg, Node, Node, Predicate)}, on paths that pass no blocked node. */
  public static boolean runsAfter(
      Cfg cfg, Node first, Node second, Predicate<CfgEdge> follows, Predicate<CfgNode> blocked) {
    Set<CfgNode> targets = Set.copyOf(cfg.nodesFor(second));
    for (CfgNode start : cfg.nodesFor(first)) {
      Predicate<CfgEdge> passable =
          edge -> !edge.kind().isExceptional() || (edge.from() != start && follows.test(edge));
      if (reach(cfg, start, targets::contains, blocked, passable).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first node matching {@code target} reachable from {@code from} (exclusive) along the edges
   * {@code passable} lets through, without passing a node matching {@code blocked}.
   */
  private static Optional<CfgNode> reach(
      Cfg cfg,
      CfgNode from,
      Predicate<CfgNode> target,
      Predicate<CfgNode> blocked,
      Predicate<CfgEdge> passable) {
    BitSet seen = new BitSet(cfg.nodes().size());
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(from);
    seen.set(from.id());
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      for (CfgEdge edge : node.successors()) {
        CfgNode next = edge.to();
        if (seen.get(next.id()) || !passable.test(edge)) {
          continue;
        }
        seen.set(next.id());
        if (target.test(next)) {
          return Optional.of(next);
        }
        if (!blocked.test(next)) {
          work.add(next);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * True when control can come back to the node, as in the next round of a loop, along any edges (a
   * failure caught inside the loop goes on with the next round too); false for a node after which
   * every path leaves the loop (a {@code break}, a rethrow).
   */
  public static boolean returnsTo(Cfg cfg, CfgNode node) {
    BitSet seen = new BitSet(cfg.nodes().size());
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(node);
    while (!work.isEmpty()) {
      for (CfgEdge edge : work.poll().successors()) {
        CfgNode next = edge.to();
        if (next == node) {
          return true;
        }
        if (!seen.get(next.id())) {
          seen.set(next.id());
          work.add(next);
        }
      }
    }
    return false;
  }

  /**
   * True when a node matching {@code step} completed normally on some path to one of the nodes
   * {@code to}, staying among the nodes {@code within} accepts: work done before {@code to}.
   */
  public static boolean completedBefore(
      List<CfgNode> to, Predicate<CfgNode> step, Predicate<CfgNode> within) {
    Deque<CfgNode> work = new ArrayDeque<>(to);
    Set<CfgNode> seen = new HashSet<>(to);
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      for (CfgEdge edge : node.predecessors()) {
        CfgNode from = edge.from();
        if (!within.test(from)) {
          continue;
        }
        if (!edge.kind().isExceptional() && step.test(from)) {
          return true;
        }
        if (seen.add(from)) {
          work.add(from);
        }
      }
    }
    return false;
  }
}
