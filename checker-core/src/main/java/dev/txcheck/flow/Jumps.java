package dev.txcheck.flow;

import com.github.javaparser.ast.expr.SimpleName;
import java.util.Optional;

/** The stack of enclosing {@link Frame}s: routes exits outward and finds jump targets. */
final class Jumps {
  final Frame root = Frame.of(Frame.Role.ROOT, null);
  private Frame top = root;

  Frame push(Frame frame) {
    frame.parent = top;
    top = frame;
    return frame;
  }

  /** Pops {@code frame}, which must be the innermost one. */
  void pop(Frame frame) {
    top = frame.parent;
  }

  /** Sends {@code flow} out along {@code exit} to the innermost frame that stops it. */
  void leave(Exit exit, Flow flow) {
    if (exit == null || flow.edges.isEmpty()) {
      return; // no target (code javac would reject) or nothing actually arrives
    }
    Frame frame = top;
    while (!frame.stops(exit)) {
      frame = frame.parent;
    }
    while (frame.letsPartPass(exit)) {
      frame.park(exit, flow); // parking copies the edges: the rest goes on from the same nodes
      flow = frame.passing(flow);
      if (flow.edges.isEmpty()) {
        return;
      }
      frame = frame.parent;
      while (!frame.stops(exit)) {
        frame = frame.parent;
      }
    }
    frame.park(exit, flow);
  }

  /**
   * Innermost loop or switch statement, or the statement labeled {@code label}; null if there is
   * none.
   */
  Frame breakTarget(Optional<SimpleName> label) {
    for (Frame f = top; f != null; f = f.parent) {
      if (label.isPresent()
          ? f.role == Frame.Role.LABEL && f.label.equals(label.get().getIdentifier())
          : f.role == Frame.Role.LOOP || f.role == Frame.Role.SWITCH) {
        return f;
      }
    }
    return null;
  }

  /**
   * Innermost loop, or the loop labeled {@code label} (the outermost loop seen before that label).
   */
  Frame continueTarget(Optional<SimpleName> label) {
    Frame loop = null;
    for (Frame f = top; f != null; f = f.parent) {
      if (f.role == Frame.Role.LOOP) {
        if (label.isEmpty()) {
          return f;
        }
        loop = f;
      } else if (label.isPresent()
          && f.role == Frame.Role.LABEL
          && f.label.equals(label.get().getIdentifier())) {
        return loop;
      }
    }
    return null;
  }

  Frame yieldTarget() {
    for (Frame f = top; f != null; f = f.parent) {
      if (f.role == Frame.Role.SWITCH_EXPR) {
        return f;
      }
    }
    return null;
  }
}
