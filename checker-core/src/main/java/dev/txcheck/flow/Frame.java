package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One enclosing construct that exits care about. Exits that a frame stops are parked on it, grouped
 * by exit, until the construct is finished and decides where they go (a loop joins its breaks after
 * the loop, a finally frame builds one finally copy per exit, ...).
 */
final class Frame {
  enum Role {
    /** The body itself: stops everything (returns and exceptions go to the exits). */
    ROOT,
    /** A loop: target of break and continue. */
    LOOP,
    /** A switch statement: target of an unlabeled break. */
    SWITCH,
    /** A labeled statement: target of break with that label. */
    LABEL,
    /** A switch expression: target of yield. */
    SWITCH_EXPR,
    /** The catch clauses of a try: stop the exceptions they catch. */
    CATCHES,
    /** A finally block or a resource to close: every exit passes through it. */
    CLEANUP
  }

  final Role role;

  /** The statement, finally block or resource expression this frame stands for. */
  final Node ast;

  /** Label name of a LABEL frame. */
  final String label;

  /** For CATCHES: the exception kinds each clause catches, in clause order. */
  final List<Set<EdgeKind>> caught;

  Frame parent;
  final Map<Exit, Flow> parked = new LinkedHashMap<>();

  private Frame(Role role, Node ast, String label, List<Set<EdgeKind>> caught) {
    this.role = role;
    this.ast = ast;
    this.label = label;
    this.caught = caught;
  }

  static Frame of(Role role, Node ast) {
    return new Frame(role, ast, null, List.of());
  }

  static Frame label(Node statement, String label) {
    return new Frame(Role.LABEL, statement, label, List.of());
  }

  static Frame catches(Node tryStmt, List<Set<EdgeKind>> caught) {
    return new Frame(Role.CATCHES, tryStmt, null, caught);
  }

  boolean stops(Exit exit) {
    return switch (role) {
      case ROOT, CLEANUP -> true;
      case CATCHES -> exit.kind() == Exit.Kind.EXCEPTION && catchIndex(exit.exception()) >= 0;
      default -> exit.target() == this;
    };
  }

  /** The first clause (in order) catching this kind, or -1. */
  int catchIndex(EdgeKind kind) {
    for (int i = 0; i < caught.size(); i++) {
      if (caught.get(i).contains(kind)) {
        return i;
      }
    }
    return -1;
  }

  void park(Exit exit, Flow flow) {
    parked.computeIfAbsent(exit, e -> new Flow()).absorb(flow);
  }

  /** Everything parked here for {@code kind} (breaks, continues, yields), joined. */
  Flow parkedOf(Exit.Kind kind) {
    Flow joined = new Flow();
    parked.forEach(
        (exit, flow) -> {
          if (exit.kind() == kind) {
            joined.absorb(flow);
          }
        });
    return joined;
  }
}
