package dev.txcheck.flow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
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
 * JDK unchecked type raises UNCHECKED, of a well-known checked type CHECKED; rethrowing a caught
 * exception raises what its catch clause caught; {@code throw c ? a : b} raises what either arm
 * does; any other throw (an unknown type, another variable) may be either. A catch of Throwable or
 * Exception catches both kinds, of RuntimeException or an Error type the unchecked kind, of
 * anything else the checked kind. Subclass it to teach it more names.
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

  /** JDK exceptions that are checked, by simple name. */
  private static final Set<String> CHECKED_NAMES =
      Set.of(
          "Exception",
          "SQLException",
          "IOException",
          "FileNotFoundException",
          "InterruptedException",
          "TimeoutException",
          "ExecutionException",
          "ParseException",
          "URISyntaxException",
          "ClassNotFoundException",
          "ReflectiveOperationException",
          "CloneNotSupportedException",
          "GeneralSecurityException");

  @Override
  public Set<EdgeKind> thrownBy(ThrowStmt stmt) {
    return thrownBy(stmt.getExpression(), stmt);
  }

  private Set<EdgeKind> thrownBy(Expression thrown, ThrowStmt stmt) {
    while (thrown instanceof EnclosedExpr enclosed) {
      thrown = enclosed.getInner();
    }
    if (thrown instanceof ObjectCreationExpr creation) {
      String name = creation.getType().getNameAsString();
      if (isUncheckedName(name)) {
        return UNCHECKED;
      }
      return CHECKED_NAMES.contains(name) ? CHECKED : BOTH;
    }
    if (thrown instanceof ConditionalExpr conditional) {
      EnumSet<EdgeKind> either = EnumSet.copyOf(thrownBy(conditional.getThenExpr(), stmt));
      either.addAll(thrownBy(conditional.getElseExpr(), stmt));
      return Collections.unmodifiableSet(either);
    }
    if (thrown instanceof NameExpr name) {
      for (CatchClause clause = stmt.findAncestor(CatchClause.class).orElse(null);
          clause != null;
          clause = clause.findAncestor(CatchClause.class).orElse(null)) {
        if (clause.getParameter().getNameAsString().equals(name.getNameAsString())) {
          Set<EdgeKind> caught = caughtBy(clause);
          return caught.isEmpty() ? BOTH : caught;
        }
      }
      return ofDeclaredType(name, stmt);
    }
    return BOTH;
  }

  /** A local variable declared with a well-known exception type ({@code SQLException err}). */
  private Set<EdgeKind> ofDeclaredType(NameExpr name, ThrowStmt stmt) {
    Node body = stmt.findAncestor(CallableDeclaration.class).map(b -> (Node) b).orElse(null);
    if (body == null) {
      return BOTH;
    }
    List<VariableDeclarator> declared =
        body.findAll(
            VariableDeclarator.class, v -> v.getNameAsString().equals(name.getNameAsString()));
    if (declared.size() != 1) {
      return BOTH;
    }
    String type = simpleName(declared.get(0).getType());
    if (isUncheckedName(type)) {
      return UNCHECKED;
    }
    return CHECKED_NAMES.contains(type) ? CHECKED : BOTH;
  }

  @Override
  public Set<EdgeKind> caughtBy(CatchClause clause) {
    EnumSet<EdgeKind> caught = EnumSet.noneOf(EdgeKind.class);
    for (String name : caughtNames(clause)) {
      caught.addAll(caughtByType(name));
    }
    return Collections.unmodifiableSet(caught);
  }

  /**
   * Unchecked exceptions are all caught only by {@code RuntimeException}, {@code Exception} or
   * {@code Throwable}; a catch of a checked type is taken to catch every checked exception (which
   * checked types code throws is for the type-aware analyses to tell).
   */
  @Override
  public boolean catchesEvery(CatchClause clause, EdgeKind kind) {
    if (kind != EdgeKind.UNCHECKED_EXCEPTION) {
      return caughtBy(clause).contains(kind);
    }
    return caughtNames(clause).stream()
        .anyMatch(
            name ->
                name.equals("RuntimeException")
                    || name.equals("Exception")
                    || name.equals("Throwable"));
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

  /** The simple names of the types a catch clause names (the alternatives of a multi-catch). */
  static List<String> caughtNames(CatchClause clause) {
    Type type = clause.getParameter().getType();
    List<? extends Type> alternatives =
        type instanceof UnionType union ? union.getElements() : List.of(type);
    return alternatives.stream().map(DefaultExceptionModel::simpleName).toList();
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
