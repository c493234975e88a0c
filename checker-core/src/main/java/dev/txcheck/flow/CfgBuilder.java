package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link Cfg} of one body. The build runs forward: the current {@link Flow} is where
 * control is, and every way of leaving other than falling through (exception, return, break,
 * continue, yield) is an {@link Exit} sent outward through the enclosing {@link Frame}s, which
 * resolve it once their construct is complete.
 *
 * <p>The work is split: {@link ExpressionFlattener} (evaluation order, iterative), {@link
 * StatementBuilder} (statements, loops, jumps), {@link SwitchBuilder}, {@link TryBuilder} (catch,
 * finally, resources).
 */
public final class CfgBuilder {
  /** Fixed order, so that edges come out the same whatever set implementation a model returns. */
  static final List<EdgeKind> EXCEPTION_KINDS =
      List.of(EdgeKind.CHECKED_EXCEPTION, EdgeKind.UNCHECKED_EXCEPTION);

  final ExceptionModel exceptions;
  final GraphWriter graph = new GraphWriter();
  final Jumps jumps = new Jumps();
  final ExpressionFlattener expressions = new ExpressionFlattener(this);
  final StatementBuilder statements = new StatementBuilder(this);
  final SwitchBuilder switches = new SwitchBuilder(this);
  final TryBuilder trys = new TryBuilder(this);

  private CfgBuilder(ExceptionModel exceptions) {
    this.exceptions = exceptions;
  }

  /**
   * The graph of a MethodDeclaration, ConstructorDeclaration, CompactConstructorDeclaration,
   * InitializerDeclaration or LambdaExpr (a bare Statement or Expression is accepted too). A method
   * without a body gives ENTRY -> NORMAL_EXIT.
   */
  public static Cfg build(Node declaration, ExceptionModel exceptions) {
    Objects.requireNonNull(declaration, "declaration");
    Objects.requireNonNull(exceptions, "exceptions");
    return new CfgBuilder(exceptions).run(declaration);
  }

  private Cfg run(Node declaration) {
    CfgNode entry = graph.add(NodeKind.ENTRY, null);
    body(declaration);
    // Falling off the end and returns complete normally; exceptions left over reach the exceptional
    // exit.
    graph.resume(jumps.root.parkedOf(Exit.Kind.RETURN));
    CfgNode normalExit = graph.add(NodeKind.NORMAL_EXIT, declaration);
    graph.take();
    graph.resume(jumps.root.parkedOf(Exit.Kind.EXCEPTION));
    CfgNode exceptionalExit = graph.add(NodeKind.EXCEPTIONAL_EXIT, declaration);
    graph.take();
    return graph.finish(declaration, entry, normalExit, exceptionalExit);
  }

  private void body(Node declaration) {
    if (declaration instanceof MethodDeclaration method) {
      method.getBody().ifPresent(statements::statement);
    } else if (declaration instanceof ConstructorDeclaration constructor) {
      statements.statement(constructor.getBody());
    } else if (declaration instanceof CompactConstructorDeclaration constructor) {
      statements.statement(constructor.getBody());
    } else if (declaration instanceof InitializerDeclaration initializer) {
      statements.statement(initializer.getBody());
    } else if (declaration instanceof LambdaExpr lambda) {
      // An expression body is an ExpressionStmt: its value is the implicit return, i.e. it falls to
      // the exit.
      Statement body = lambda.getBody();
      if (body instanceof ExpressionStmt expression) {
        expressions.flatten(expression.getExpression());
      } else {
        statements.statement(body);
      }
    } else if (declaration instanceof Statement statement) {
      statements.statement(statement);
    } else if (declaration instanceof Expression expression) {
      expressions.flatten(expression); // e.g. a field initializer
    }
  }

  /** A node that may throw: normal successor next, one CHECKED and one UNCHECKED edge outward. */
  CfgNode throwing(NodeKind kind, Node ast) {
    CfgNode node = graph.add(kind, ast);
    for (EdgeKind exception : EXCEPTION_KINDS) {
      jumps.leave(Exit.exception(exception), Flow.of(node, exception));
    }
    return node;
  }
}
