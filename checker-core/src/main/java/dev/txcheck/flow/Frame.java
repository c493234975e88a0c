package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ThrowStmt;
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

  /** For CATCHES: the kinds some clause catches every exception of. */
  final Set<EdgeKind> caughtEntirely;

  /** For CATCHES: the simple names of the types the clauses name. */
  final Set<String> caughtNames;

  Frame parent;
  final Map<Exit, Flow> parked = new LinkedHashMap<>();

  private Frame(
      Role role,
      Node ast,
      String label,
      List<Set<EdgeKind>> caught,
      Set<EdgeKind> caughtEntirely,
      Set<String> caughtNames) {
    this.role = role;
    this.ast = ast;
    this.label = label;
    this.caught = caught;
    this.caughtEntirely = caughtEntirely;
    this.caughtNames = caughtNames;
  }

  static Frame of(Role role, Node ast) {
    return new Frame(role, ast, null, List.of(), Set.of(), Set.of());
  }

  static Frame label(Node statement, String label) {
    return new Frame(Role.LABEL, statement, label, List.of(), Set.of(), Set.of());
  }

  static Frame catches(
      Node tryStmt,
      List<Set<EdgeKind>> caught,
      Set<EdgeKind> caughtEntirely,
      Set<String> caughtNames) {
    return new Frame(Role.CATCHES, tryStmt, null, caught, caughtEntirely, caughtNames);
  }

  boolean stops(Exit exit) {
    return switch (role) {
      case ROOT, CLEANUP -> true;
      case CATCHES -> exit.kind() == Exit.Kind.EXCEPTION && catchIndex(exit.exception()) >= 0;
      default -> exit.target() == this;
    };
  }

  /**
   * A CATCHES frame that takes part of the exit's exceptions: the rest go on to the frames around
   * it ({@code catch (IllegalArgumentException e)} does not stop a {@code NullPointerException}).
   */
  boolean letsPartPass(Exit exit) {
    return role == Role.CATCHES
        && exit.kind() == Exit.Kind.EXCEPTION
        && catchIndex(exit.exception()) >= 0
        && !caughtEntirely.contains(exit.exception());
  }

  /**
   * The part of a flow that a partial catch lets pass: all but a {@code throw new X(..)} of a type
   * a clause names.
   */
  Flow passing(Flow flow) {
    Flow rest = new Flow();
    for (Flow.Pending pending : flow.edges) {
      if (!(pending.from().ast() instanceof ThrowStmt stmt
          && stmt.getExpression() instanceof ObjectCreationExpr creation
          && caughtNames.contains(creation.getType().getNameAsString()))) {
        rest.edges.add(pending);
      }
    }
    rest.waiting.addAll(flow.waiting);
    return rest;
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
