package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of a {@link Cfg}. The same AST node can stand behind several CFG nodes, because a
 * finally block is copied once per way of entering it (fall-through, each exception kind, return,
 * each jump target).
 */
public final class CfgNode {
  private final int id;
  private final NodeKind kind;
  private final Node ast;
  private final List<CfgEdge> successors = new ArrayList<>(2);
  private final List<CfgEdge> predecessors = new ArrayList<>(2);

  CfgNode(int id, NodeKind kind, Node ast) {
    this.id = id;
    this.kind = kind;
    this.ast = ast;
  }

  public int id() {
    return id;
  }

  public NodeKind kind() {
    return kind;
  }

  /** The AST node this stands for; see {@link NodeKind} for which type each kind carries. */
  public Node ast() {
    return ast;
  }

  public List<CfgEdge> successors() {
    return Collections.unmodifiableList(successors);
  }

  public List<CfgEdge> predecessors() {
    return Collections.unmodifiableList(predecessors);
  }

  void addSuccessor(CfgEdge edge) {
    successors.add(edge);
  }

  void addPredecessor(CfgEdge edge) {
    predecessors.add(edge);
  }

  @Override
  public String toString() {
    return id + ":" + kind;
  }
}
