package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.nodeTypes.NodeWithStatements;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgEdge;
import dev.txcheck.flow.CfgNode;
import dev.txcheck.types.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loop questions about a node: which loop runs it per iteration, and whether it runs once anyway.
 */
public final class Loops {
  private static final Pattern COUNTING_NAME =
      Pattern.compile(
          "(?i).*(batch|chunk|size|count|limit|threshold|max|interval|flush|pending|every|total|length|num).*");

  /** Names of loop variables and of calls that stand for a chunk of items, not one item. */
  private static final Pattern CHUNK_NAME =
      Pattern.compile("(?i).*(chunk|batch|partition|page|slice|bucket|window|buffer).*");

  /** Calls that ask whether the current round is the last one. */
  private static final Set<String> LAST_ROUND_TESTS = Set.of("hasNext", "isLast", "isAfterLast");

  private Loops() {}

  /**
   * The innermost loop whose every iteration runs the node: a loop statement of the body (a {@code
   * for} initializer and a foreach iterable run once, so they do not count), or, when the body is a
   * lambda given to a catalog {@code loop} call such as {@code forEach}, that call.
   */
  public static Optional<Node> enclosingLoop(Node node, Node body, CallClassifier calls) {
    List<Node> loops = enclosingLoops(node, body);
    if (!loops.isEmpty()) {
      return Optional.of(loops.get(0));
    }
    return loopCallOf(body, calls);
  }

  /** The loop call ({@code forEach}) that runs the body, a lambda, once per element. */
  public static Optional<Node> loopCallOf(Node body, CallClassifier calls) {
    if (body instanceof LambdaExpr lambda
        && lambda.getParentNode().orElse(null) instanceof MethodCallExpr call
        && calls.classify(call).loop()) {
      return Optional.of(call);
    }
    return Optional.empty();
  }

  /** A call of a body that runs once per round of a loop: a loop statement or a loop call. */
  public record Round(MethodCallExpr call, Node loop) {}

  /**
   * The calls that run once per round of a loop of the body, each with its innermost loop: the
   * calls in a loop statement of the body, and the calls of a lambda that a loop call of the body
   * ({@code items.forEach(item -> ...)}) runs per element, outside the lambda's own loop
   * statements.
   */
  public static List<Round> rounds(Node body, CallClassifier calls) {
    List<Round> rounds = new ArrayList<>();
    for (MethodCallExpr call : Bodies.callsIn(body)) {
      List<Node> loops = enclosingLoops(call, body);
      if (!loops.isEmpty()) {
        rounds.add(new Round(call, loops.get(0)));
      }
      if (calls.classify(call).loop()) {
        for (Expression argument : call.getArguments()) {
          if (argument instanceof LambdaExpr lambda) {
            for (MethodCallExpr inner : Bodies.callsIn(lambda)) {
              if (enclosingLoops(inner, lambda).isEmpty()) {
                rounds.add(new Round(inner, call));
              }
            }
          }
        }
      }
    }
    return rounds;
  }

  /**
   * True when each node runs in a loop of the body that does not run the other: two batches of
   * items one after the other, rather than steps of one unit.
   */
  public static boolean inSeparateLoops(Node a, Node b, Node body) {
    List<Node> aLoops = enclosingLoops(a, body);
    List<Node> bLoops = enclosingLoops(b, body);
    return !aLoops.isEmpty()
        && !bLoops.isEmpty()
        && !Bodies.containsSame(bLoops, aLoops.get(0))
        && !Bodies.containsSame(aLoops, bLoops.get(0));
  }

  /** The innermost loop statement around both nodes, or null. */
  public static Node innermostAround(Node a, Node b, Node body) {
    List<Node> bLoops = enclosingLoops(b, body);
    for (Node loop : enclosingLoops(a, body)) {
      if (Bodies.containsSame(bLoops, loop)) {
        return loop;
      }
    }
    return null;
  }

  /** The loop statements around a node, innermost first, up to its body. */
  public static List<Node> enclosingLoops(Node node, Node body) {
    List<Node> loops = new ArrayList<>();
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null);
        parent != null && child != body;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      boolean inside =
          (parent instanceof ForStmt f && !Bodies.containsSame(f.getInitialization(), child))
              || (parent instanceof ForEachStmt fe && child != fe.getIterable())
              || parent instanceof WhileStmt
              || parent instanceof DoStmt;
      if (inside) {
        loops.add(parent);
      }
    }
    return loops;
  }

  /**
   * The AST node whose control-flow node starts each round of a loop: the condition of a while, do
   * or for loop, the foreach statement itself (its FOREACH node); null for a {@code for} without a
   * condition.
   */
  public static Node head(Node loop) {
    if (loop instanceof WhileStmt w) {
      return w.getCondition();
    }
    if (loop instanceof DoStmt d) {
      return d.getCondition();
    }
    if (loop instanceof ForStmt f) {
      return f.getCompare().orElse(null);
    }
    return loop;
  }

  /**
   * True when a condition between the node and the loop makes it run every so many rounds, or in
   * the last round only ({@code if (!it.hasNext())}), not every round, or when the loop itself runs
   * chunk by chunk ({@code do { n = deleteChunk(LIMIT); commit(); } while (n == LIMIT)}, {@link
   * #overChunks}).
   */
  public static boolean isChunked(Node node, Node loop) {
    if ((loop instanceof WhileStmt w && whileAChunkWasFull(w.getCondition(), w.getBody()))
        || (loop instanceof DoStmt d && whileAChunkWasFull(d.getCondition(), d.getBody()))
        || overChunks(loop)) {
      return true;
    }
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null);
        parent != null && child != loop;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      Expression condition = null;
      if (parent instanceof IfStmt ifStmt && child != ifStmt.getCondition()) {
        condition = ifStmt.getCondition();
      } else if (parent instanceof ConditionalExpr ternary && child != ternary.getCondition()) {
        condition = ternary.getCondition();
      }
      if (condition != null && (isCounting(condition) || testsLastRound(condition))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code if (!rows.hasNext())}, {@code if (rs.isLast())}: a node that runs in the last round
   * only.
   */
  private static boolean testsLastRound(Expression condition) {
    return condition.findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> LAST_ROUND_TESTS.contains(c.getNameAsString()));
  }

  /**
   * True for a loop that runs as long as the last chunk was full ({@code n == LIMIT}, {@code
   * deleted >= BATCH_SIZE}) or did anything ({@code deleted > 0} where the loop sets {@code
   * deleted}). An index bound such as {@code i < items.size()} is no chunk test.
   */
  private static boolean whileAChunkWasFull(Expression condition, Statement body) {
    for (BinaryExpr binary : condition.findAll(BinaryExpr.class)) {
      Expression left = binary.getLeft();
      Expression right = binary.getRight();
      switch (binary.getOperator()) {
        case EQUALS, GREATER_EQUALS:
          if (mentionsCount(left) || mentionsCount(right)) {
            return true;
          }
          break;
        case GREATER, NOT_EQUALS:
          if (isZero(right) && assignedIn(left, body)) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  private static boolean isZero(Expression e) {
    return e instanceof IntegerLiteralExpr literal && literal.asNumber().longValue() == 0;
  }

  /** True when {@code e} is a local that the body assigns, such as the row count of a chunk. */
  private static boolean assignedIn(Expression e, Statement body) {
    if (!(e instanceof NameExpr name)) {
      return false;
    }
    String id = name.getNameAsString();
    return body.findAll(AssignExpr.class).stream()
            .anyMatch(a -> a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(id))
        || body.findAll(VariableDeclarator.class).stream()
            .anyMatch(v -> v.getNameAsString().equals(id));
  }

  /**
   * {@code n % size == 0}, {@code count >= BATCH}, {@code i == items.size() - 1}, {@code rows >
   * 500}.
   */
  static boolean isCounting(Expression condition) {
    for (BinaryExpr binary : condition.findAll(BinaryExpr.class)) {
      switch (binary.getOperator()) {
        case REMAINDER:
          return true;
        case EQUALS, NOT_EQUALS, LESS, LESS_EQUALS, GREATER, GREATER_EQUALS:
          if (mentionsCount(binary.getLeft()) || mentionsCount(binary.getRight())) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  private static boolean mentionsCount(Expression side) {
    if (side instanceof IntegerLiteralExpr literal) {
      return literal.asNumber().longValue() > 1;
    }
    return side.findAll(SimpleName.class).stream()
        .anyMatch(name -> COUNTING_NAME.matcher(name.getIdentifier()).matches());
  }

  /**
   * True when, after the node, control always leaves the loop before the next round: the node is
   * followed by {@code break}, {@code return} or {@code throw}, or by setting the boolean that the
   * loop tests.
   */
  public static boolean leavesAfter(Node node, Node loop) {
    if (!(loop instanceof Statement loopStatement)) {
      return false; // a forEach lambda cannot leave its loop
    }
    Set<String> flags = loopFlags(loopStatement);
    Node child = node;
    for (Node parent = node.getParentNode().orElse(null);
        parent != null && child != loop;
        child = parent, parent = parent.getParentNode().orElse(null)) {
      if (parent instanceof ReturnStmt || parent instanceof ThrowStmt) {
        return true;
      }
      boolean plainBreakLeaves = plainBreakLeaves(parent, loopStatement);
      if (parent instanceof TryStmt tryStmt
          && tryStmt.getFinallyBlock().isPresent()
          && tryStmt.getFinallyBlock().get() == child
          && endsByLeaving(tryStmt.getTryBlock(), loopStatement, plainBreakLeaves, flags)) {
        return true; // a retry loop: the finally runs again only after a failed round
      }
      if (parent instanceof NodeWithStatements<?> block && child instanceof Statement statement) {
        List<Statement> statements = block.getStatements();
        for (int i = Bodies.indexOfSame(statements, statement) + 1;
            i > 0 && i < statements.size();
            i++) {
          if (exitsLoop(statements.get(i), loopStatement, plainBreakLeaves, flags)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True when a plain {@code break} at this point leaves the loop (no switch or inner loop in
   * between).
   */
  private static boolean plainBreakLeaves(Node at, Statement loop) {
    for (Node n = at; n != null && n != loop; n = n.getParentNode().orElse(null)) {
      if (n instanceof SwitchStmt
          || n instanceof com.github.javaparser.ast.stmt.SwitchEntry
          || isLoop(n)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsByLeaving(
      BlockStmt block, Statement loop, boolean plainBreakLeaves, Set<String> flags) {
    return block
        .getStatements()
        .getLast()
        .map(last -> exitsLoop(last, loop, plainBreakLeaves, flags))
        .orElse(false);
  }

  /**
   * True for a loop whose rounds are chunks of items, not items: an enhanced {@code for} or a
   * lambda loop over partitions ({@code for (List<Order> batch : Lists.partition(orders, 500))},
   * {@code Flux.fromIterable(ids).buffer(100).map(chunk -> ...)}), a loop variable or lambda
   * parameter named as a chunk, or a counted {@code for} that steps by a chunk size ({@code i +=
   * BATCH_SIZE}).
   */
  public static boolean overChunks(Node loop) {
    if (loop instanceof ForEachStmt forEach) {
      return CHUNK_NAME.matcher(forEach.getVariableDeclarator().getNameAsString()).matches()
          || chunksIn(forEach.getIterable());
    }
    if (loop instanceof ForStmt forStmt) {
      return forStmt.getUpdate().stream()
          .anyMatch(
              u ->
                  u instanceof AssignExpr step
                      && step.getOperator() == AssignExpr.Operator.PLUS
                      && mentionsCount(step.getValue()));
    }
    if (loop instanceof MethodCallExpr call) {
      if (call.getScope().map(Loops::chunksIn).orElse(false)) {
        return true;
      }
      return call.getArguments().stream()
          .anyMatch(
              a ->
                  a instanceof LambdaExpr lambda
                      && lambda.getParameters().stream()
                          .anyMatch(p -> CHUNK_NAME.matcher(p.getNameAsString()).matches()));
    }
    return false;
  }

  /** An expression that splits items into chunks: {@code partition(...)}, {@code buffer(n)}. */
  private static boolean chunksIn(Expression expr) {
    return expr.findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> CHUNK_NAME.matcher(c.getNameAsString()).matches());
  }

  /**
   * The edges along which control enters a loop from outside: into the first node of its first
   * round. For a loop call such as {@code forEach} (whose lambda is the round), the edges into the
   * call.
   */
  public static List<CfgEdge> entryEdges(Cfg cfg, Node loop) {
    List<CfgEdge> entries = new ArrayList<>();
    if (loop instanceof MethodCallExpr call) {
      for (CfgNode node : cfg.nodesFor(call)) {
        entries.addAll(node.predecessors());
      }
      return entries;
    }
    for (CfgNode node : cfg.nodes()) {
      if (!inRounds(node.ast(), loop)) {
        continue;
      }
      for (CfgEdge edge : node.predecessors()) {
        if (!inRounds(edge.from().ast(), loop)) {
          entries.add(edge);
        }
      }
    }
    return entries;
  }

  /**
   * True when the AST node runs in the rounds of the loop statement: the loop itself (a foreach
   * round), its condition, update and body; not a {@code for} initializer nor a foreach iterable.
   */
  private static boolean inRounds(Node ast, Node loop) {
    if (ast == null || (ast != loop && !ast.isDescendantOf(loop))) {
      return false;
    }
    if (loop instanceof ForStmt f
        && f.getInitialization().stream().anyMatch(i -> i == ast || ast.isDescendantOf(i))) {
      return false;
    }
    return !(loop instanceof ForEachStmt fe
        && (fe.getIterable() == ast || ast.isDescendantOf(fe.getIterable())));
  }

  /**
   * True for a loop over a handful of items written out in the code ({@code for (String t : new
   * String[] {a, b})}, {@code List.of(a, b)}): a setup step per item, not row-by-row work.
   */
  public static boolean overFixedItems(Node loop) {
    if (!(loop instanceof ForEachStmt forEach)) {
      return false;
    }
    Expression iterable = forEach.getIterable();
    if (iterable instanceof ArrayCreationExpr array) {
      return array.getInitializer().isPresent();
    }
    return iterable instanceof MethodCallExpr call
        && (call.getNameAsString().equals("of") || call.getNameAsString().equals("asList"))
        && call.getArguments().size() <= 8;
  }

  private static boolean exitsLoop(
      Statement s, Statement loop, boolean plainBreakLeaves, Set<String> flags) {
    if (s instanceof ReturnStmt || s instanceof ThrowStmt) {
      return true;
    }
    if (s instanceof BreakStmt brk) {
      if (brk.getLabel().isEmpty()) {
        return plainBreakLeaves;
      }
      return loop.getParentNode().orElse(null) instanceof LabeledStmt labeled
          && labeled.getLabel().equals(brk.getLabel().get());
    }
    if (s instanceof ExpressionStmt expr && expr.getExpression() instanceof AssignExpr assign) {
      return assign.getTarget() instanceof NameExpr target
          && flags.contains(target.getNameAsString());
    }
    return false;
  }

  /** Names of the plain boolean variables a while/do loop tests: {@code while (!done)}. */
  private static Set<String> loopFlags(Statement loop) {
    Expression condition = null;
    if (loop instanceof WhileStmt w) {
      condition = w.getCondition();
    } else if (loop instanceof DoStmt d) {
      condition = d.getCondition();
    }
    Set<String> flags = new HashSet<>();
    if (condition != null) {
      condition.findAll(NameExpr.class).forEach(n -> flags.add(n.getNameAsString()));
    }
    return flags;
  }

  private static boolean isLoop(Node node) {
    return node instanceof ForStmt
        || node instanceof ForEachStmt
        || node instanceof WhileStmt
        || node instanceof DoStmt;
  }

  /**
   * True when the handle is a variable declared inside the loop (the loop variable, a lambda
   * parameter of a forEach, or a local of the loop body): each round then acts on a different
   * transaction.
   */
  public static boolean declaresHandle(Node loop, HandleKey handle) {
    for (VariableDeclarator declarator : loop.findAll(VariableDeclarator.class)) {
      if (handle.id().equals(Variable.keyOf(declarator, declarator.getNameAsString()))) {
        return true;
      }
    }
    for (Parameter parameter : loop.findAll(Parameter.class)) {
      if (handle.id().equals(Variable.keyOf(parameter, parameter.getNameAsString()))) {
        return true;
      }
    }
    return false;
  }
}
