package dev.txcheck.txflow;

import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Optional;
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
    BitSet seen = new BitSet(cfg.nodes().size());
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(from);
    seen.set(from.id());
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      for (CfgEdge edge : node.successors()) {
        CfgNode next = edge.to();
        if (edge.kind().isExceptional() || seen.get(next.id())) {
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
}
