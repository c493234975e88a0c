package dev.txcheck.types;

import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods a type declares by name, found in one pass over its members. JavaParser's {@code
 * getMethodsByName} builds two lists through streams on every call, and method look-ups by name are
 * among the most frequent questions of an analysis (a fifth of its time on large service classes).
 */
public final class Members {
  private static final DataKey<Map<String, List<MethodDeclaration>>> BY_NAME = new DataKey<>() {};

  private Members() {}

  public static List<MethodDeclaration> methodsNamed(TypeDeclaration<?> type, String name) {
    return byName(type).getOrDefault(name, List.of());
  }

  /**
   * The type's methods by name, built on first use and kept with its tree (so it goes when the
   * store lets the tree go): some types declare dozens of overloads of one name, and the same type
   * is asked about again and again.
   */
  private static Map<String, List<MethodDeclaration>> byName(TypeDeclaration<?> type) {
    synchronized (type) {
      if (type.containsData(BY_NAME)) {
        return type.getData(BY_NAME);
      }
      Map<String, List<MethodDeclaration>> map = new HashMap<>();
      for (BodyDeclaration<?> member : type.getMembers()) {
        if (member instanceof MethodDeclaration method) {
          map.computeIfAbsent(method.getName().getIdentifier(), k -> new ArrayList<>(1))
              .add(method);
        }
      }
      map.replaceAll((name, methods) -> List.copyOf(methods));
      type.setData(BY_NAME, map);
      return map;
    }
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
