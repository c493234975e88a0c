package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control-flow graph of one body. Nodes are numbered in creation order; {@link #entry()} is
 * node 0. Lambda bodies, anonymous and local classes inside the body are not part of it: each is a
 * body of its own.
 */
public final class Cfg {
  private final Node body;
  private final List<CfgNode> nodes;
  private final CfgNode entry;
  private final CfgNode normalExit;
  private final CfgNode exceptionalExit;
  private final Map<Node, List<CfgNode>> byAst;
  private final BitSet pendingException;

  Cfg(
      Node body,
      List<CfgNode> nodes,
      CfgNode entry,
      CfgNode normalExit,
      CfgNode exceptionalExit,
      IdentityHashMap<Node, List<CfgNode>> byAst,
      BitSet pendingException) {
    this.body = body;
    this.nodes = List.copyOf(nodes);
    this.entry = entry;
    this.normalExit = normalExit;
    this.exceptionalExit = exceptionalExit;
    this.byAst = byAst;
    this.pendingException = pendingException;
  }

  /**
   * True for a node of a finally block copy (or of code nested in one), or a resource close, that
   * runs while an exception leaves the try: the copy for an exception exit, not the one for falling
   * through or returning.
   */
  public boolean runsWithPendingException(CfgNode node) {
    return pendingException.get(node.id());
  }

  /** The declaration the graph was built for (method, constructor, initializer or lambda). */
  public Node body() {
    return body;
  }

  public List<CfgNode> nodes() {
    return nodes;
  }

  public CfgNode entry() {
    return entry;
  }

  public CfgNode normalExit() {
    return normalExit;
  }

  public CfgNode exceptionalExit() {
    return exceptionalExit;
  }

  /** Every CFG node standing for this AST node (several when it sits in a copied finally block). */
  public List<CfgNode> nodesFor(Node ast) {
    return byAst.getOrDefault(ast, Collections.emptyList());
  }

  /**
   * A debug dump, one node a line: {@code 3 CALL commit@12 -> 4, 7:CHECKED_EXCEPTION,
   * 9:UNCHECKED_EXCEPTION}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (CfgNode node : nodes) {
      out.append(node.id()).append(' ').append(node.kind());
      Node ast = node.ast();
      if (ast instanceof MethodCallExpr call) {
        out.append(' ').append(call.getNameAsString());
      }
      if (ast != null
          && ast.getBegin().isPresent()
          && node.kind() != NodeKind.NORMAL_EXIT
          && node.kind() != NodeKind.EXCEPTIONAL_EXIT) {
        out.append('@').append(ast.getBegin().get().line);
      }
      String separator = " -> ";
      for (CfgEdge edge : node.successors()) {
        out.append(separator).append(edge.to().id());
        if (edge.kind() != EdgeKind.NORMAL) {
          out.append(':').append(edge.kind());
        }
        separator = ", ";
      }
      out.append('\n');
    }
    return out.toString();
  }
}
