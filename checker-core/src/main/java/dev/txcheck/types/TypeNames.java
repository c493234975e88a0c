package dev.txcheck.types;

import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

/** Qualified names of written types, without type arguments. */
public final class TypeNames {
  private TypeNames() {}

  /**
   * The resolved name of a written type; primitive and array types give their text, {@code var}
   * gives null.
   */
  public static String of(Type type, NameResolver resolver) {
    if (type.isVarType() || type.isUnknownType()) {
      return null;
    }
    if (type instanceof ClassOrInterfaceType classType) {
      return resolver.resolve(classType.getNameWithScope());
    }
    return type.asString();
  }

  public static String simple(String name) {
    return name == null ? null : name.substring(name.lastIndexOf('.') + 1);
  }

  /**
   * True when both names lie under the same first two package names ({@code com.acme.dao.OrderDao}
   * and {@code com.acme.web}), or either has no package: code of one project, as far as names tell.
   */
  public static boolean sameOrganisation(String name, String packageName) {
    String a = organisation(name);
    String b = organisation(packageName);
    return a.isEmpty() || b.isEmpty() || a.equals(b);
  }

  /** The first two names of a qualified name that are package names (lower case), or "". */
  private static String organisation(String name) {
    String[] parts = name.split("\\.", 3);
    if (parts.length < 2
        || parts[0].isEmpty()
        || parts[1].isEmpty()
        || !Character.isLowerCase(parts[0].charAt(0))
        || !Character.isLowerCase(parts[1].charAt(0))) {
      return "";
    }
    return parts[0] + "." + parts[1];
  }
}
