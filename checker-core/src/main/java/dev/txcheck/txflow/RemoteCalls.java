package dev.txcheck.txflow;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.txapi.Effect;

/**
 * Slow or remote calls (catalog effect {@code remote}): HTTP clients, message sends, Feign clients,
 * sleeping; and methods of the sources or the classpath that make one (a project's own client
 * class), unless they run asynchronously ({@code @Async}).
 */
public final class RemoteCalls {
  private RemoteCalls() {}

  public static boolean isRemote(MethodCallExpr call, CallClassifier calls) {
    return isCatalogued(call, calls) || calls.summaryOf(call).remote();
  }

  /** A remote call the catalog names itself, not one made through a method of the sources. */
  public static boolean isCatalogued(MethodCallExpr call, CallClassifier calls) {
    return calls.types().catalogMatches(call).stream().anyMatch(api -> api.has(Effect.REMOTE));
  }

  /** An {@code @Async} method runs in another thread: its caller does not wait for it. */
  static boolean isAsync(CallableDeclaration<?> method) {
    return method.getAnnotations().stream()
        .anyMatch(a -> a.getName().getIdentifier().equals("Async"));
  }
}
