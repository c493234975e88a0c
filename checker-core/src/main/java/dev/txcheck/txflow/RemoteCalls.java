package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.txcheck.txapi.Effect;

/**
 * Slow or remote calls (catalog effect {@code remote}): HTTP clients, message sends, Feign clients,
 * sleeping.
 */
public final class RemoteCalls {
  private RemoteCalls() {}

  public static boolean isRemote(MethodCallExpr call, CallClassifier calls) {
    return calls.types().catalogMatches(call).stream().anyMatch(api -> api.has(Effect.REMOTE));
  }
}
