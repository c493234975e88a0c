package dev.txcheck.types;

import com.github.javaparser.ast.Node;

/**
 * A node (a tree without a path, in tests) as a map key compared by identity: JavaParser's own
 * equals compares whole subtrees.
 */
public record SameNode(Node node) {
  @Override
  public boolean equals(Object other) {
    return other instanceof SameNode same && same.node == node;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(node);
  }
}
