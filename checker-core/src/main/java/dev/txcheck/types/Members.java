package dev.txcheck.types;

import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods a type declares by name, found in one pass over its members. JavaParser's {@code
 * getMethodsByName} builds two lists through streams on every call, and method look-ups by name are
 * among the most frequent questions of an analysis (a fifth of its time on large service classes).
 */
public final class Members {
  private Members() {}

  public static List<MethodDeclaration> methodsNamed(TypeDeclaration<?> type, String name) {
    List<MethodDeclaration> found = new ArrayList<>(2);
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (member instanceof MethodDeclaration method
          && method.getName().getIdentifier().equals(name)) {
        found.add(method);
      }
    }
    return found;
  }

  /** The methods with a body a type declares with that name and number of parameters. */
  public static List<MethodDeclaration> withBody(TypeDeclaration<?> type, String name, int arity) {
    List<MethodDeclaration> found = new ArrayList<>(1);
    for (MethodDeclaration method : methodsNamed(type, name)) {
      if (method.getParameters().size() == arity && method.getBody().isPresent()) {
        found.add(method);
      }
    }
    return found;
  }
}
