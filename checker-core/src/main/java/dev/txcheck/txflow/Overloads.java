package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.type.Type;
import dev.txcheck.types.Members;
import dev.txcheck.types.NameResolver;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets are found by name and arity; when a class overloads a name with the same arity ({@code
 * closeSilently(Statement)}, {@code closeSilently(Connection)}), the argument types must pick the
 * method, or the call is left unresolved.
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
    for (MethodDeclaration m : Members.methodsNamed(type, found.getNameAsString())) {
      if (m.getParameters().size() == found.getParameters().size()) {
        same.add(m);
      }
    }
    if (same.size() <= 1) {
      return found;
    }
    List<MethodDeclaration> exact = new ArrayList<>();
    List<MethodDeclaration> fitting = new ArrayList<>();
    for (MethodDeclaration candidate : same) {
      switch (fit(call, candidate, types)) {
        case EXACT -> exact.add(candidate);
        case SUBTYPE -> fitting.add(candidate);
        case NONE -> {}
      }
    }
    if (exact.size() == 1) {
      return exact.get(0);
    }
    return exact.isEmpty() && fitting.size() == 1 ? fitting.get(0) : null;
  }

  private enum Fit {
    EXACT,
    SUBTYPE,
    NONE
  }

  /**
   * Every argument's known type has the simple name of the parameter's type (exact), or is a
   * subtype of it; an argument of unknown type ({@code Status.OK}, an enum constant) tells nothing
   * either way, so the arguments whose types are known decide.
   */
  private static Fit fit(MethodCallExpr call, MethodDeclaration candidate, TypeResolver types) {
    NameResolver names =
        candidate.findCompilationUnit().map(cu -> types.index().names(cu)).orElse(types.names());
    Fit fit = Fit.EXACT;
    for (int i = 0; i < call.getArguments().size() && i < candidate.getParameters().size(); i++) {
      String actual = types.typeOf(call.getArgument(i));
      if (actual == null) {
        continue;
      }
      Type parameter = candidate.getParameter(i).getType();
      String expected =
          parameter.isClassOrInterfaceType()
              ? parameter.asClassOrInterfaceType().getNameAsString()
              : parameter.asString();
      if (TypeNames.simple(actual).equals(expected)) {
        continue;
      }
      if (!types.index().isSubtype(actual, names.resolve(expected))) {
        return Fit.NONE;
      }
      fit = Fit.SUBTYPE;
    }
    return fit;
  }
}
