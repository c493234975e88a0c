package dev.txcheck.txflow;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.types.TypeResolver;
import dev.txcheck.types.Variable;
import java.util.Optional;

/**
 * {@code DriverManager.getConnection("jdbc:default:connection")}: the connection a Java stored
 * procedure or trigger (Derby, H2, HSQLDB, Oracle) runs in, which belongs to the SQL statement that
 * called it. Opening it opens nothing the method must close.
 */
final class NestedConnections {
  private static final String URL = "jdbc:default:connection";

  private NestedConnections() {}

  static boolean isNested(MethodCallExpr call, ApiMethod api, TypeResolver types) {
    if (!"java.sql.DriverManager".equals(api.ownerName())
        || !call.getNameAsString().equals("getConnection")
        || call.getArguments().isEmpty()) {
      return false;
    }
    return literalValue(Bodies.withoutParensAndCasts(call.getArgument(0)), types)
        .filter(url -> url.startsWith(URL))
        .isPresent();
  }

  /** A string literal, or a final variable or field initialised with one. */
  private static Optional<String> literalValue(Expression expr, TypeResolver types) {
    if (expr instanceof StringLiteralExpr literal) {
      return Optional.of(literal.getValue());
    }
    if (!(expr instanceof NameExpr name)) {
      return Optional.empty();
    }
    return types
        .variable(name)
        .map(Variable::declaration)
        .filter(d -> d instanceof VariableDeclarator)
        .map(d -> (VariableDeclarator) d)
        .filter(NestedConnections::isFinal)
        .flatMap(VariableDeclarator::getInitializer)
        .filter(StringLiteralExpr.class::isInstance)
        .map(init -> ((StringLiteralExpr) init).getValue());
  }

  private static boolean isFinal(VariableDeclarator declarator) {
    return declarator.getParentNode().orElse(null) instanceof FieldDeclaration field
        ? field.isFinal()
        : declarator.getParentNode().orElse(null) instanceof VariableDeclarationExpr local
            && local.isFinal();
  }
}
