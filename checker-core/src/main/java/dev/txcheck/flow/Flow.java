package dev.txcheck.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Control that has not arrived anywhere yet: the edges that will point at the next node to be
 * created, plus the {@link Target}s that want to know which node that is. The builder works
 * forward, so "where control is now" is always one of these.
 */
final class Flow {
  /** An edge whose source and kind are known but whose target is not created yet. */
  record Pending(CfgNode from, EdgeKind kind) {}

  /**
   * A place in the graph that is known before its node exists (a loop head): it becomes the first
   * node created from the flow it waits in. A dead target (a loop that created no node at all)
   * never resolves.
   */
  static final class Target {
    CfgNode node;
    boolean dead;

    void resolve(CfgNode first) {
      if (node == null && !dead) {
        node = first;
      }
    }
  }

  final List<Pending> edges = new ArrayList<>(2);
  final List<Target> waiting = new ArrayList<>(0);

  static Flow of(CfgNode from, EdgeKind kind) {
    Flow flow = new Flow();
    flow.edges.add(new Pending(from, kind));
    return flow;
  }

  /** Joins {@code other} into this flow (control from either place continues together). */
  void absorb(Flow other) {
    if (other != this) {
      edges.addAll(other.edges);
      waiting.addAll(other.waiting);
    }
  }

  boolean isEmpty() {
    return edges.isEmpty() && waiting.isEmpty();
  }
}
