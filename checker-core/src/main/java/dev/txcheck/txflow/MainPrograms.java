package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import java.util.List;

/**
 * Code of a command-line program: {@code main(String[])} and the private helpers only it calls. The
 * JVM ends with the program and releases every connection it holds, so a connection it never closes
 * drains no pool.
 */
public final class MainPrograms {
  private static final int MAX_DEPTH = 2;

  private MainPrograms() {}

  public static boolean runsOnlyUnderMain(Node body) {
    return body instanceof MethodDeclaration method && runsOnlyUnderMain(method, 0);
  }

  private static boolean runsOnlyUnderMain(MethodDeclaration method, int depth) {
    if (isMain(method)) {
      return true;
    }
    if (!method.isPrivate()
        || depth >= MAX_DEPTH
        || !(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
      return false;
    }
    List<MethodCallExpr> calls =
        type.findAll(
            MethodCallExpr.class,
            call ->
                call.getNameAsString().equals(method.getNameAsString())
                    && call.getArguments().size() == method.getParameters().size()
                    && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr));
    if (calls.isEmpty()) {
      return false;
    }
    for (MethodCallExpr call : calls) {
      MethodDeclaration caller = call.findAncestor(MethodDeclaration.class).orElse(null);
      if (caller == null || caller == method || !runsOnlyUnderMain(caller, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The body is {@code main(String[])} itself: whatever leaves it ends the program (the JVM closes
   * the connections, and the database rolls back what they left open). Its private helpers are not:
   * {@code main} may go on with the same connection after one of them fails.
   */
  public static boolean isMain(Node body) {
    return body instanceof MethodDeclaration method && isMain(method);
  }

  private static boolean isMain(MethodDeclaration method) {
    return method.getNameAsString().equals("main")
        && method.isStatic()
        && method.isPublic()
        && method.getParameters().size() == 1
        && method
            .getParameter(0)
            .getType()
            .asString()
            .replace(" ", "")
            .matches("String(\\[\\]|\\.\\.\\.)");
  }
}
