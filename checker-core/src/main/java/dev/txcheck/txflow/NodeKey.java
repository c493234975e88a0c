package dev.txcheck.txflow;

import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import dev.txcheck.types.Reads;
import dev.txcheck.types.SameNode;
import dev.txcheck.types.SourceUnits;

/**
 * A node by its file and position: what caches that outlive one file's check key by. The trees are
 * let go and parsed again (see {@link SourceUnits}), so a node's identity does not last, and a
 * cache keyed by nodes would keep whole trees alive through their parents.
 *
 * @param file the file's path; for a tree without one (tests), the tree itself, by identity
 */
record NodeKey(Object file, int line, int column, int endLine, int endColumn) {

  static NodeKey of(Node node) {
    CompilationUnit unit = node.findCompilationUnit().orElse(null);
    Range range = node.getRange().orElse(null);
    if (unit == null || range == null) {
      return new NodeKey(new SameNode(node), 0, 0, 0, 0); // no position to tell it by
    }
    String path = SourceUnits.pathOf(unit);
    return new NodeKey(
        path != null ? path : new SameNode(unit),
        range.begin.line,
        range.begin.column,
        range.end.line,
        range.end.column);
  }

  /**
   * Notes in this thread's {@link Reads} frame that the node's file was read: an answer about the
   * node is computed from it, though the node was fetched before the answer's frame opened.
   */
  NodeKey read() {
    if (file instanceof String path) {
      Reads.file(path);
    }
    return this;
  }

  /**
   * The method or constructor at this position, from the tree the file gives now; null when it is
   * gone.
   */
  CallableDeclaration<?> callable(SourceUnits units) {
    Node root;
    if (file instanceof SameNode same) {
      root = same.node();
      if (root instanceof CallableDeclaration<?> callable) {
        return callable;
      }
    } else {
      root = units.unit((String) file);
    }
    if (root == null) {
      return null;
    }
    // Down the one path of nodes whose range holds this one: a walk of the whole tree per look-up
    // was a seventh of a run.
    Node current = root;
    descend:
    while (true) {
      if (current instanceof CallableDeclaration<?> callable && at(callable)) {
        return callable;
      }
      for (Node child : current.getChildNodes()) {
        if (holds(child)) {
          current = child;
          continue descend;
        }
      }
      return null;
    }
  }

  private boolean holds(Node node) {
    Range range = node.getRange().orElse(null);
    return range != null
        && (range.begin.line < line || (range.begin.line == line && range.begin.column <= column))
        && (range.end.line > endLine
            || (range.end.line == endLine && range.end.column >= endColumn));
  }

  private boolean at(Node node) {
    Range range = node.getRange().orElse(null);
    return range != null
        && range.begin.line == line
        && range.begin.column == column
        && range.end.line == endLine
        && range.end.column == endColumn;
  }
}
