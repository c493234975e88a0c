package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.Optional;

/**
 * Whether a transactional proxy (Spring AOP, a CDI interceptor) can apply an annotation to a
 * method. A proxy is a subclass or an interface implementation: it cannot override a private,
 * static or final method, nor subclass a final class.
 */
public final class Proxyability {
  private Proxyability() {}

  /** Why no proxy applies the transaction to the method, or empty when one can. */
  public static Optional<String> problem(
      MethodDeclaration method, TxAttributes tx, ProxySemantics semantics) {
    if (method.isPrivate()) {
      return Optional.of("private");
    }
    if (method.isStatic()) {
      return Optional.of("static");
    }
    if (method.isFinal()) {
      return Optional.of("final");
    }
    Node parent = method.getParentNode().orElse(null);
    if (parent instanceof TypeDeclaration<?> type && finalWithoutInterface(type)) {
      return Optional.of("a method of a final class");
    }
    boolean nonPublic = !method.isPublic() && !isInterfaceMember(method);
    // Spring before 6 intercepted public methods only; CDI interceptors always took non-private
    // ones, so a JTA annotation is not judged by the Spring version.
    if (nonPublic && !tx.jta() && semantics == ProxySemantics.BEFORE_SPRING_6) {
      return Optional.of(method.isProtected() ? "protected" : "package-private");
    }
    return Optional.empty();
  }

  /**
   * A final class (or record) that implements no interface: neither a subclass nor an interface
   * proxy can stand in for it. With interfaces, a JDK proxy can.
   */
  public static boolean finalWithoutInterface(TypeDeclaration<?> type) {
    if (type instanceof RecordDeclaration record) {
      return record.getImplementedTypes().isEmpty();
    }
    return type instanceof ClassOrInterfaceDeclaration c
        && !c.isInterface()
        && c.isFinal()
        && c.getImplementedTypes().isEmpty();
  }

  private static boolean isInterfaceMember(MethodDeclaration method) {
    return method.getParentNode().orElse(null) instanceof ClassOrInterfaceDeclaration c
        && c.isInterface();
  }
}
