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

  /** What keeps a proxy from applying a method's transaction. */
  public enum Barrier {
    PRIVATE("private"),
    STATIC("static"),
    FINAL_METHOD("final"),
    FINAL_CLASS("a method of a final class"),
    /** Only under Spring before 6, which intercepted public methods only. */
    PROTECTED("protected"),
    PACKAGE_PRIVATE("package-private");

    private final String words;

    Barrier(String words) {
      this.words = words;
    }

    /** How a message names it: "the private method", "is a method of a final class". */
    public String words() {
      return words;
    }
  }

  /** Why no proxy applies the transaction to the method, or empty when one can. */
  public static Optional<Barrier> problem(
      MethodDeclaration method, TxAttributes tx, ProxySemantics semantics) {
    if (method.isPrivate()) {
      return Optional.of(Barrier.PRIVATE);
    }
    if (method.isStatic()) {
      return Optional.of(Barrier.STATIC);
    }
    if (method.isFinal()) {
      return Optional.of(Barrier.FINAL_METHOD);
    }
    Node parent = method.getParentNode().orElse(null);
    if (parent instanceof TypeDeclaration<?> type && finalWithoutInterface(type)) {
      return Optional.of(Barrier.FINAL_CLASS);
    }
    boolean nonPublic = !method.isPublic() && !isInterfaceMember(method);
    // Spring before 6 intercepted public methods only; CDI interceptors always took non-private
    // ones, so a JTA annotation is not judged by the Spring version.
    if (nonPublic && !tx.jta() && semantics == ProxySemantics.BEFORE_SPRING_6) {
      return Optional.of(method.isProtected() ? Barrier.PROTECTED : Barrier.PACKAGE_PRIVATE);
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
