package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns the nodes and edges while a graph is built, and the current {@link Flow}: creating a node
 * connects the current flow to it and makes the node's normal successor the new current flow.
 */
final class GraphWriter {
  private final List<CfgNode> nodes = new ArrayList<>();
  // Identity: AST nodes have structural equals/hashCode, which are recursive (deep chains) and
  // merge twins.
  private final IdentityHashMap<Node, List<CfgNode>> byAst = new IdentityHashMap<>();
  private Flow current = new Flow();
  private final BitSet pendingException = new BitSet();
  private int exceptionCopies;

  /**
   * Creates a node reached by the current flow; afterwards control continues along its NORMAL edge.
   */
  CfgNode add(NodeKind kind, Node ast) {
    CfgNode node = new CfgNode(nodes.size(), kind, ast);
    nodes.add(node);
    if (exceptionCopies > 0) {
      pendingException.set(node.id());
    }
    if (ast != null) {
      byAst.computeIfAbsent(ast, k -> new ArrayList<>(1)).add(node);
    }
    connect(current, node);
    current = Flow.of(node, EdgeKind.NORMAL);
    return node;
  }

  /**
   * A CONDITION node for {@code condition}: control continues on the TRUE edge; returns the FALSE
   * edge.
   */
  Flow branch(Expression condition) {
    CfgNode node = add(NodeKind.CONDITION, condition);
    current = Flow.of(node, EdgeKind.TRUE);
    return Flow.of(node, EdgeKind.FALSE);
  }

  /**
   * Takes the current flow away (to park or join elsewhere); control is then nowhere (unreachable).
   */
  Flow take() {
    Flow taken = current;
    current = new Flow();
    return taken;
  }

  /** Control continues from {@code flow} as well as from wherever it already is. */
  void resume(Flow flow) {
    current.absorb(flow);
  }

  /** Marks "here": resolves to the next node created from the current flow. */
  Flow.Target here() {
    Flow.Target target = new Flow.Target();
    current.waiting.add(target);
    return target;
  }

  /**
   * Sends the current flow back to a loop head. When the loop made no node at all ({@code for (;;)
   * {}}) there is nothing to go back to: the loop never ends, so the flow simply stops.
   */
  void loopBack(Flow.Target head) {
    Flow back = take();
    if (head.node != null) {
      connect(back, head.node);
    } else {
      head.dead = true;
      back.waiting.forEach(t -> t.dead = true);
    }
  }

  private static void connect(Flow flow, CfgNode to) {
    for (Flow.Pending pending : flow.edges) {
      edge(pending.from(), to, pending.kind());
    }
    for (Flow.Target target : flow.waiting) {
      target.resolve(to);
    }
  }

  private static void edge(CfgNode from, CfgNode to, EdgeKind kind) {
    // Joins can bring the same edge twice (e.g. "case 1: case 2:" both reached from the SWITCH
    // node).
    for (CfgEdge existing : from.successors()) {
      if (existing.to() == to && existing.kind() == kind) {
        return;
      }
    }
    CfgEdge edge = new CfgEdge(from, to, kind);
    from.addSuccessor(edge);
    to.addPredecessor(edge);
  }

  /**
   * Nodes created between this call and {@link #endExceptionCopy()} belong to a finally block copy
   * (or a resource close) that runs while an exception is on its way out.
   */
  void beginExceptionCopy() {
    exceptionCopies++;
  }

  void endExceptionCopy() {
    exceptionCopies--;
  }

  Cfg finish(Node body, CfgNode entry, CfgNode normalExit, CfgNode exceptionalExit) {
    for (Map.Entry<Node, List<CfgNode>> e : byAst.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    return new Cfg(body, nodes, entry, normalExit, exceptionalExit, byAst, pendingException);
  }
}
