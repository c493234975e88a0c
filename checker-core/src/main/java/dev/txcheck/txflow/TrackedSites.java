package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.Expression;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.flow.EdgeKind;
import dev.txcheck.flow.NodeKind;
import dev.txcheck.txapi.Effect;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The sites a {@link SiteFlow} tracks in one body (calls or creations, each on a handle), numbered
 * as the bits of its state, with the guards that end a handle on one branch of an {@code if}.
 */
final class TrackedSites<T extends Expression> {
  private final List<T> calls = new ArrayList<>();
  private final List<HandleKey> handles = new ArrayList<>();
  private final Map<HandleKey, BitSet> byHandle = new HashMap<>();
  private final Map<CfgNode, Map<EdgeKind, BitSet>> guardClears = new IdentityHashMap<>();

  /** Adds a site unless the call is one already (the same call in another copy of a finally). */
  void add(T call, HandleKey handle) {
    if (Bodies.containsSame(calls, call)) {
      return;
    }
    calls.add(call);
    addHandle(handle);
  }

  /**
   * Adds a site with no call, such as a transaction the caller began; add these after every call
   * site, so that the first {@code calls().size()} bits stay the calls'.
   *
   * @return the site's bit
   */
  int addEntry(HandleKey handle) {
    return addHandle(handle);
  }

  private int addHandle(HandleKey handle) {
    handles.add(handle);
    int site = handles.size() - 1;
    byHandle.computeIfAbsent(handle, h -> new BitSet()).set(site);
    return site;
  }

  int size() {
    return handles.size();
  }

  boolean isEmpty() {
    return handles.isEmpty();
  }

  List<T> calls() {
    return calls;
  }

  HandleKey handle(int site) {
    return handles.get(site);
  }

  /** The site of a call, or -1. */
  int indexOf(Object call) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i) == call) {
        return i;
      }
    }
    return -1;
  }

  boolean tracks(HandleKey handle) {
    return byHandle.containsKey(handle);
  }

  /** The sites of a handle; empty (and not to be changed) when it has none. */
  BitSet ofHandle(HandleKey handle) {
    return byHandle.getOrDefault(handle, new BitSet());
  }

  /**
   * Finds the {@code if} conditions that test a tracked handle's state and end it (by an effect
   * matching {@code ends}) on one branch: along the other branch its sites are taken as ended.
   */
  void collectGuards(Cfg cfg, CallClassifier classifier, Predicate<Effect> ends) {
    for (CfgNode node : cfg.nodes()) {
      if (node.kind() != NodeKind.CONDITION) {
        continue;
      }
      for (Map.Entry<HandleKey, BitSet> entry : byHandle.entrySet()) {
        Guards.endedBranch(node, entry.getKey(), classifier, ends)
            .ifPresent(
                other ->
                    guardClears
                        .computeIfAbsent(node, n -> new HashMap<>())
                        .computeIfAbsent(other, k -> new BitSet())
                        .or(entry.getValue()));
      }
    }
  }

  /** Along the branch of {@code h == null} where it is null, nothing of a handle is open. */
  void collectNullGuards(Cfg cfg, CallClassifier classifier) {
    for (CfgNode node : cfg.nodes()) {
      if (node.kind() != NodeKind.CONDITION) {
        continue;
      }
      for (Map.Entry<HandleKey, BitSet> entry : byHandle.entrySet()) {
        Guards.nullBranch(node, entry.getKey(), classifier)
            .ifPresent(
                branch ->
                    guardClears
                        .computeIfAbsent(node, n -> new HashMap<>())
                        .computeIfAbsent(branch, k -> new BitSet())
                        .or(entry.getValue()));
      }
    }
  }

  /** Takes one site as ended along one branch of a condition node. */
  void clearAlong(CfgNode node, EdgeKind branch, int site) {
    guardClears
        .computeIfAbsent(node, n -> new HashMap<>())
        .computeIfAbsent(branch, k -> new BitSet())
        .set(site);
  }

  /** Clears the sites a guard ends along this edge. */
  void applyGuards(CfgEdge edge, BitSet state) {
    Map<EdgeKind, BitSet> clears = guardClears.get(edge.from());
    if (clears != null && clears.containsKey(edge.kind())) {
      state.andNot(clears.get(edge.kind()));
    }
  }
}
