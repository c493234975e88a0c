package dev.txcheck.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.txapi.Effect;
import dev.txcheck.txflow.Bodies;
import dev.txcheck.txflow.CallClassifier;
import dev.txcheck.txflow.DeclarativeTx;
import dev.txcheck.txflow.Messages;
import dev.txcheck.txflow.ResourceFlow;
import dev.txcheck.txflow.SavepointFlow;
import dev.txcheck.txflow.SessionFailures;
import dev.txcheck.txflow.TestCode;
import dev.txcheck.txflow.TxAttributes;
import dev.txcheck.txflow.TxEvent;
import dev.txcheck.txflow.TxFlow;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One body as the rules see it. The graph and the dataflow are built on first use, so that the many
 * bodies without any transaction cost nothing beyond a look at their calls.
 */
public final class BodyContext {
  private final Node body;
  private final CallClassifier calls;
  private final DeclarativeTx declarative;
  private final Function<Node, Cfg> graphs;
  private final ExceptionModel exceptions;
  private List<MethodCallExpr> callsInBody;
  private List<TxEvent> eventsInBody;
  private Cfg cfg;
  private final TxFlow[] flows = new TxFlow[2 * TxFlow.Begun.values().length];
  private ResourceFlow resources;
  private SessionFailures sessionFailures;
  private SavepointFlow savepoints;
  private Optional<TxAttributes> transaction;
  private final boolean testSource;

  public BodyContext(
      Node body,
      CallClassifier calls,
      DeclarativeTx declarative,
      ExceptionModel exceptions,
      Function<Node, Cfg> graphs) {
    this(body, calls, declarative, exceptions, graphs, false);
  }

  /**
   * @param testSource the body's file lies below a test source root
   */
  public BodyContext(
      Node body,
      CallClassifier calls,
      DeclarativeTx declarative,
      ExceptionModel exceptions,
      Function<Node, Cfg> graphs,
      boolean testSource) {
    this.testSource = testSource;
    this.body = body;
    this.exceptions = exceptions;
    this.calls = calls;
    this.declarative = declarative;
    this.graphs = graphs;
  }

  /** The method, constructor, initializer or lambda. */
  public Node body() {
    return body;
  }

  public CallClassifier calls() {
    return calls;
  }

  public TypeResolver types() {
    return calls.types();
  }

  /**
   * Test code: a file below a test source root, or a test class. Its connections and transactions
   * live as long as a test, on a test database.
   */
  public boolean isTestCode() {
    if (testSource) {
      return true;
    }
    Node top = body;
    for (Node n = body; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?>) {
        top = n;
      }
    }
    return top instanceof TypeDeclaration<?> type && TestCode.isTestClass(type);
  }

  /** The calls that belong to this body (not to nested lambdas or classes), in source order. */
  public List<MethodCallExpr> callsInBody() {
    if (callsInBody == null) {
      callsInBody = Bodies.callsIn(body);
    }
    return callsInBody;
  }

  /**
   * Whether a call or an object creation of this body has the effect; rules ask it before building
   * any graph.
   */
  public boolean callsAny(Effect effect) {
    return eventsInBody().stream().anyMatch(e -> e.effect() == effect);
  }

  /** What the calls and object creations of this body do to handles, in source order. */
  public List<TxEvent> eventsInBody() {
    if (eventsInBody == null) {
      List<TxEvent> events = new ArrayList<>();
      for (Expression call : Bodies.opensIn(body)) {
        events.addAll(calls.eventsOfCall(call));
      }
      eventsInBody = List.copyOf(events);
    }
    return eventsInBody;
  }

  public Cfg cfg() {
    if (cfg == null) {
      cfg = graphs.apply(body);
    }
    return cfg;
  }

  /**
   * The transaction dataflow of this body.
   *
   * @param checkedOnly follow only checked exceptions (see {@link TxFlow})
   */
  public TxFlow flow(boolean checkedOnly) {
    return flow(checkedOnly, TxFlow.Begun.BY_BEGIN_CALLS);
  }

  /**
   * The transaction dataflow of this body.
   *
   * @param checkedOnly follow only checked exceptions (see {@link TxFlow})
   * @param begun which transactions count as begun besides those of the begin calls
   */
  public TxFlow flow(boolean checkedOnly, TxFlow.Begun begun) {
    int i = (checkedOnly ? 1 : 0) + 2 * begun.ordinal();
    if (flows[i] == null) {
      flows[i] = new TxFlow(cfg(), calls, exceptions, checkedOnly, begun);
    }
    return flows[i];
  }

  /** Which opened resources may still be open where; see {@link ResourceFlow}. */
  public ResourceFlow resources() {
    if (resources == null) {
      resources = new ResourceFlow(cfg(), calls, exceptions);
    }
    return resources;
  }

  /** Which savepoints may be pending where; see {@link SavepointFlow}. */
  public SavepointFlow savepoints() {
    if (savepoints == null) {
      savepoints = new SavepointFlow(cfg(), calls, exceptions);
    }
    return savepoints;
  }

  /** Which failed calls may have left their session unusable; see {@link SessionFailures}. */
  public SessionFailures sessionFailures() {
    if (sessionFailures == null) {
      sessionFailures = new SessionFailures(cfg(), calls, exceptions);
    }
    return sessionFailures;
  }

  /** What the graph knows about exception types, for questions about catch clauses. */
  public ExceptionModel exceptions() {
    return exceptions;
  }

  /** Declarative transactions of the file: attributes, effective transactions, proxy semantics. */
  public DeclarativeTx declarative() {
    return declarative;
  }

  /** The declarative or callback transaction this body runs in, if any. */
  public Optional<TxAttributes> declarativeTransaction() {
    if (transaction == null) {
      transaction = declarative.of(body);
    }
    return transaction;
  }

  /** How messages name this body: {@code placeOrder()} or {@code the lambda on line 12}. */
  public String describe() {
    if (body instanceof CallableDeclaration<?> callable) {
      return callable.getNameAsString() + "()";
    }
    return "the lambda on line " + Messages.line(body);
  }
}
