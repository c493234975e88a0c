package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.types.TypeResolver;
import java.util.Set;

/**
 * Calls of the JDK's functional interfaces: code handed in by someone else. It may fail, and a
 * resource passed to it is lent, not given: the interface has no way to keep it that the caller
 * could rely on.
 */
final class Callbacks {
  /** Functional interfaces of the JDK whose method declares a checked exception. */
  private static final Set<String> THROWING = Set.of("java.util.concurrent.Callable");

  private static final Set<String> FUNCTIONAL =
      Set.of(
          "java.util.concurrent.Callable",
          "java.lang.Runnable",
          "java.util.function.Function",
          "java.util.function.BiFunction",
          "java.util.function.Consumer",
          "java.util.function.BiConsumer",
          "java.util.function.Supplier",
          "java.util.function.Predicate",
          "java.util.function.UnaryOperator");

  private Callbacks() {}

  /** The call runs a JDK functional interface whose method declares a checked exception. */
  static boolean declaresException(MethodCallExpr call, TypeResolver types) {
    String type = receiverType(call, types);
    return type != null && THROWING.contains(type);
  }

  /** The call runs a JDK functional interface: what it is given, it borrows. */
  static boolean isCallback(MethodCallExpr call, TypeResolver types) {
    String type = receiverType(call, types);
    return type != null && FUNCTIONAL.contains(type);
  }

  private static String receiverType(MethodCallExpr call, TypeResolver types) {
    return call.getScope().map(types::typeOf).orElse(null);
  }
}
