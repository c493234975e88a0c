package dev.txcheck.types;

import com.github.javaparser.ast.Node;

/**
 * A local variable, parameter or field that a name refers to.
 *
 * @param name the name
 * @param kind local, parameter or field
 * @param type the resolved declared type, or null when unknown ({@code var} without a known
 *     initializer, lambda parameters)
 * @param declaration the declaring node ({@code VariableDeclarator} or {@code Parameter}), or null
 *     for a field inherited from a supertype
 * @param owner for a field, the qualified name of the declaring type
 */
public record Variable(String name, Kind kind, String type, Node declaration, String owner) {
  public enum Kind {
    LOCAL,
    PARAMETER,
    FIELD
  }

  /** A key that is the same for every reference to this variable within one file. */
  public String key() {
    if (kind == Kind.FIELD) {
      return "field:" + owner + "." + name;
    }
    return keyOf(declaration, name);
  }

  /** The key of a local variable or parameter, from its declaring node. */
  public static String keyOf(Node declaration, String name) {
    return "var:"
        + name
        + "@"
        + declaration.getBegin().map(p -> p.line + ":" + p.column).orElse("?");
  }
}
