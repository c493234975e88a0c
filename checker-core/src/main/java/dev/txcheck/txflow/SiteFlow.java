package dev.txcheck.txflow;

import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A forward may-dataflow over a {@link Cfg} whose state is a set of tracked sites (a begin, an
 * opened connection, a failed call, a savepoint), one bit each. The analyses built on it (TxFlow,
 * ResourceFlow, SessionFailures, SavepointFlow) only say what one edge does to the set; the
 * worklist, the join (union) and the walk back from an exit to the code responsible live here.
 */
public final class SiteFlow {
  /** What following one edge does to the state; mutates the copy it is given. */
  @FunctionalInterface
  public interface Transfer {
    void apply(CfgEdge edge, BitSet state);
  }

  private final Cfg cfg;
  private final Predicate<CfgEdge> follows;
  private final Transfer transfer;
  private final BitSet[] in;

  private SiteFlow(Cfg cfg, Predicate<CfgEdge> follows, Transfer transfer) {
    this.cfg = cfg;
    this.follows = follows;
    this.transfer = transfer;
    this.in = new BitSet[cfg.nodes().size()];
  }

  /**
   * Solves the flow from an empty state at the entry.
   *
   * @param follows the edges the analysis walks at all (see {@link ExceptionalEdges})
   */
  public static SiteFlow solve(Cfg cfg, Predicate<CfgEdge> follows, Transfer transfer) {
    return solve(cfg, follows, transfer, new BitSet());
  }

  /**
   * Solves the flow from the given state at the entry (sites the caller opened).
   *
   * @param follows the edges the analysis walks at all (see {@link ExceptionalEdges})
   */
  public static SiteFlow solve(
      Cfg cfg, Predicate<CfgEdge> follows, Transfer transfer, BitSet atEntry) {
    SiteFlow flow = new SiteFlow(cfg, follows, transfer);
    flow.run(atEntry);
    return flow;
  }

  private void run(BitSet atEntry) {
    Deque<CfgNode> work = new ArrayDeque<>();
    in[cfg.entry().id()] = (BitSet) atEntry.clone();
    work.add(cfg.entry());
    boolean[] queued = new boolean[in.length];
    queued[cfg.entry().id()] = true;
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      queued[node.id()] = false;
      for (CfgEdge edge : node.successors()) {
        if (!follows.test(edge)) {
          continue;
        }
        BitSet out = along(edge, in[node.id()]);
        int to = edge.to().id();
        if (in[to] == null) {
          in[to] = out;
        } else {
          BitSet merged = (BitSet) in[to].clone();
          merged.or(out);
          if (merged.equals(in[to])) {
            continue;
          }
          in[to] = merged;
        }
        if (!queued[to]) {
          queued[to] = true;
          work.add(edge.to());
        }
      }
    }
  }

  private BitSet along(CfgEdge edge, BitSet before) {
    BitSet out = (BitSet) before.clone();
    transfer.apply(edge, out);
    return out;
  }

  public Cfg cfg() {
    return cfg;
  }

  /** The sites set when control reaches the node; null when the node is unreachable. */
  public BitSet before(CfgNode node) {
    return in[node.id()];
  }

  /** The sites set along an edge; null when the edge is not followed or unreachable. */
  public BitSet along(CfgEdge edge) {
    BitSet before = in[edge.from().id()];
    return before == null || !follows.test(edge) ? null : along(edge, before);
  }

  /** Whether the analysis walks this edge. */
  public boolean follows(CfgEdge edge) {
    return follows.test(edge);
  }

  /**
   * The earliest node (in source order) whose exception carries the bit out of the body; empty when
   * no exception does.
   */
  public Optional<CfgNode> escapingThrow(int bit) {
    return earliestBefore(cfg.exceptionalExit(), bit, true, n -> false);
  }

  /**
   * The node whose exception carries the bit out of the body: the last in source order among those
   * that {@code prefer} picks (a failing cleanup call skips what follows it), else the earliest.
   */
  public Optional<CfgNode> escapingThrow(int bit, Predicate<CfgNode> prefer) {
    return earliestBefore(cfg.exceptionalExit(), bit, true, prefer);
  }

  /**
   * The earliest return (or the last statement falling off the end) that leaves with the bit set.
   */
  public Optional<CfgNode> openReturn(int bit) {
    return earliestBefore(cfg.normalExit(), bit, false, n -> false);
  }

  /**
   * Walks back from an exit over edges along which the bit is set; answers the earliest exceptional
   * source (throwing node) or, for the normal exit, the earliest direct predecessor.
   */
  private Optional<CfgNode> earliestBefore(
      CfgNode exit, int bit, boolean exceptional, Predicate<CfgNode> prefer) {
    BitSet atExit = in[exit.id()];
    if (atExit == null || !atExit.get(bit)) {
      return Optional.empty();
    }
    List<CfgNode> candidates = new ArrayList<>();
    boolean[] seen = new boolean[in.length];
    Deque<CfgNode> work = new ArrayDeque<>();
    work.add(exit);
    while (!work.isEmpty()) {
      CfgNode node = work.poll();
      for (CfgEdge edge : node.predecessors()) {
        BitSet set = along(edge);
        if (set == null || !set.get(bit)) {
          continue;
        }
        CfgNode from = edge.from();
        if (exceptional ? edge.kind().isExceptional() : node == exit) {
          candidates.add(from);
        }
        if (exceptional && !seen[from.id()]) {
          seen[from.id()] = true;
          work.add(from);
        }
      }
    }
    List<CfgNode> preferred =
        candidates.stream().filter(n -> n.ast() != null).filter(prefer).toList();
    if (!preferred.isEmpty()) {
      return preferred.stream().max((a, b) -> Bodies.bySourcePosition(a.ast(), b.ast()));
    }
    return candidates.stream()
        .filter(n -> n.ast() != null)
        .min((a, b) -> Bodies.bySourcePosition(a.ast(), b.ast()));
  }
}
