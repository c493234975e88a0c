package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.type.Type;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets are found by name and arity; when a class overloads a name with the same arity, the
 * argument types must pick the method, or the call is left unresolved.
 */
public final class Overloads {
  private Overloads() {}

  /** The overload the call invokes among those of {@code found}'s class, or null when unsure. */
  public static MethodDeclaration pick(
      MethodCallExpr call, MethodDeclaration found, TypeResolver types) {
    if (!(found.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
      return found;
    }
    List<MethodDeclaration> same = new ArrayList<>();
    for (MethodDeclaration m : type.getMethodsByName(found.getNameAsString())) {
      if (m.getParameters().size() == call.getArguments().size()) {
        same.add(m);
      }
    }
    if (same.size() <= 1) {
      return found;
    }
    MethodDeclaration match = null;
    for (MethodDeclaration candidate : same) {
      if (argumentsFit(call, candidate, types)) {
        if (match != null) {
          return null;
        }
        match = candidate;
      }
    }
    return match;
  }

  /** Every argument's known type has the simple name of the parameter's type; unknown fits none. */
  private static boolean argumentsFit(
      MethodCallExpr call, MethodDeclaration candidate, TypeResolver types) {
    for (int i = 0; i < call.getArguments().size(); i++) {
      Expression argument = call.getArgument(i);
      String actual = types.typeOf(argument);
      if (actual == null) {
        return false;
      }
      Type parameter = candidate.getParameter(i).getType();
      String expected =
          parameter.isClassOrInterfaceType()
              ? parameter.asClassOrInterfaceType().getNameAsString()
              : parameter.asString();
      if (!TypeNames.simple(actual).equals(expected)) {
        return false;
      }
    }
    return true;
  }
}
