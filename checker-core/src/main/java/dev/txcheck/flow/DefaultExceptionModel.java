package dev.txcheck.flow;

import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Exception kinds by type name only (no type resolution). {@code throw new X(..)} of a well-known
 * JDK unchecked type raises UNCHECKED; any other throw (a checked or unknown type, a variable) may
 * be either. A catch of Throwable or Exception catches both kinds, of RuntimeException or an Error
 * type the unchecked kind, of anything else the checked kind. Subclass it to teach it more names.
 */
public class DefaultExceptionModel implements ExceptionModel {
  private static final Set<EdgeKind> BOTH =
      Collections.unmodifiableSet(
          EnumSet.of(EdgeKind.CHECKED_EXCEPTION, EdgeKind.UNCHECKED_EXCEPTION));
  private static final Set<EdgeKind> CHECKED =
      Collections.unmodifiableSet(EnumSet.of(EdgeKind.CHECKED_EXCEPTION));
  private static final Set<EdgeKind> UNCHECKED =
      Collections.unmodifiableSet(EnumSet.of(EdgeKind.UNCHECKED_EXCEPTION));

  private static final Set<String> UNCHECKED_NAMES =
      Set.of(
          "RuntimeException",
          "IllegalStateException",
          "IllegalArgumentException",
          "UnsupportedOperationException",
          "NullPointerException",
          "IndexOutOfBoundsException",
          "ArithmeticException",
          "ClassCastException",
          "ConcurrentModificationException",
          "NoSuchElementException",
          "UncheckedIOException",
          "SecurityException",
          "DateTimeException",
          "AssertionError",
          "Error");

  @Override
  public Set<EdgeKind> thrownBy(ThrowStmt stmt) {
    Expression thrown = stmt.getExpression();
    while (thrown instanceof EnclosedExpr enclosed) {
      thrown = enclosed.getInner();
    }
    if (thrown instanceof ObjectCreationExpr creation
        && isUncheckedName(creation.getType().getNameAsString())) {
      return UNCHECKED;
    }
    return BOTH;
  }

  @Override
  public Set<EdgeKind> caughtBy(CatchClause clause) {
    Type type = clause.getParameter().getType();
    List<? extends Type> alternatives =
        type instanceof UnionType union ? union.getElements() : List.of(type);
    EnumSet<EdgeKind> caught = EnumSet.noneOf(EdgeKind.class);
    for (Type alternative : alternatives) {
      caught.addAll(caughtByType(simpleName(alternative)));
    }
    return Collections.unmodifiableSet(caught);
  }

  /** The kinds a catch of the type with this simple name catches. */
  protected Set<EdgeKind> caughtByType(String simpleName) {
    if (simpleName.equals("Throwable") || simpleName.equals("Exception")) {
      return BOTH;
    }
    return isUncheckedName(simpleName) ? UNCHECKED : CHECKED;
  }

  /** Whether a type of this simple name is a RuntimeException or an Error. */
  protected boolean isUncheckedName(String simpleName) {
    return UNCHECKED_NAMES.contains(simpleName)
        || simpleName.endsWith("RuntimeException")
        || simpleName.endsWith("Error");
  }

  private static String simpleName(Type type) {
    if (type instanceof ClassOrInterfaceType classType) {
      return classType
          .getNameAsString(); // the last identifier: java.sql.SQLException -> SQLException
    }
    String text = type.asString();
    return text.substring(text.lastIndexOf('.') + 1);
  }
}
