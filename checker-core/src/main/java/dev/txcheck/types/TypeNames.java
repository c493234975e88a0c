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
}
