package dev.txcheck.flow;

/** A directed edge of a {@link Cfg}. */
public record CfgEdge(CfgNode from, CfgNode to, EdgeKind kind) {
  @Override
  public String toString() {
    return from.id() + " -" + kind + "-> " + to.id();
  }
}
