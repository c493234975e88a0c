package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import dev.txcheck.types.ExceptionTypes;
import dev.txcheck.types.NameResolver;

/**
 * Whether a method body can actually throw a checked exception it declares. Many methods declare
 * one only because the interface they implement does: a {@code throws} clause alone is no evidence.
 */
public final class Throwers {
  private final CallClassifier calls;
  private final ExceptionTypes exceptions;

  public Throwers(CallClassifier calls, ExceptionTypes exceptions) {
    this.calls = calls;
    this.exceptions = exceptions;
  }

  /**
   * True when the body has a {@code throw}, calls a method of the sources that declares a related
   * exception, or (for a JDK exception, which library methods commonly declare) calls a method
   * outside the sources. An abstract method is judged by its declaration alone.
   */
  public boolean mayThrow(MethodDeclaration method, String exception) {
    if (method.getBody().isEmpty()) {
      return true;
    }
    if (!Bodies.nodesIn(method, ThrowStmt.class).isEmpty()) {
      return true;
    }
    boolean jdk = exception.startsWith("java.") || exception.startsWith("javax.");
    for (MethodCallExpr call : Bodies.callsIn(method)) {
      MethodDeclaration target = calls.declaration(call);
      if (target == null) {
        if (jdk) {
          return true;
        }
        continue;
      }
      if (declaresRelated(target, exception)) {
        return true;
      }
    }
    return false;
  }

  private boolean declaresRelated(MethodDeclaration target, String exception) {
    NameResolver names =
        target
            .findCompilationUnit()
            .map(cu -> calls.types().index().names(cu))
            .orElse(calls.types().names());
    for (ReferenceType thrown : target.getThrownExceptions()) {
      if (thrown instanceof ClassOrInterfaceType written) {
        String declared = names.resolve(written.getNameWithScope());
        if (exceptions.isSubtype(declared, exception)
            || exceptions.isSubtype(exception, declared)) {
          return true;
        }
      }
    }
    return false;
  }
}
