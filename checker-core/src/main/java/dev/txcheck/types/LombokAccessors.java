package dev.txcheck.types;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The getters and setters that Lombok generates ({@code @Getter} and {@code @Setter} on a field or
 * its class, {@code @Data}, {@code @Value}): the sources never declare them, yet code calls them
 * ({@code factory.getJdbcUrl()}), and they only read or set a field.
 */
final class LombokAccessors {
  private static final Set<String> GETTERS = Set.of("Getter", "Data", "Value");
  private static final Set<String> SETTERS = Set.of("Setter", "Data");

  private LombokAccessors() {}

  /** "name/arity" of the accessors Lombok generates for the type's fields. */
  static List<String> of(TypeDeclaration<?> type) {
    boolean allGetters = annotated(type, GETTERS);
    boolean allSetters = annotated(type, SETTERS);
    List<String> accessors = new ArrayList<>();
    for (FieldDeclaration field : type.getFields()) {
      if (field.isStatic()) {
        continue;
      }
      boolean getter = allGetters || annotated(field, Set.of("Getter"));
      boolean setter = (allSetters || annotated(field, Set.of("Setter"))) && !field.isFinal();
      for (VariableDeclarator variable : field.getVariables()) {
        String name = capitalised(variable.getNameAsString());
        if (getter) {
          boolean flag = variable.getType().asString().equals("boolean");
          accessors.add((flag ? "is" : "get") + name + "/0");
        }
        if (setter) {
          accessors.add("set" + name + "/1");
        }
      }
    }
    return accessors;
  }

  private static boolean annotated(NodeWithAnnotations<?> node, Set<String> names) {
    for (AnnotationExpr annotation : node.getAnnotations()) {
      String simple = annotation.getName().getIdentifier();
      if (names.contains(simple)
          && (annotation.getName().getQualifier().isEmpty()
              || annotation.getNameAsString().startsWith("lombok."))) {
        return true;
      }
    }
    return false;
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
