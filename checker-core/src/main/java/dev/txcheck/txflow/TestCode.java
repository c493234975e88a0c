package dev.txcheck.txflow;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import java.util.List;
import java.util.Set;

/**
 * Test code: test classes set up data write by write on purpose, and Spring's test support rolls
 * back the transaction of a test method after the test.
 */
public final class TestCode {
  private static final Set<String> TEST_ANNOTATIONS =
      Set.of(
          "Test",
          "ParameterizedTest",
          "RepeatedTest",
          "BeforeEach",
          "BeforeAll",
          "Before",
          "BeforeClass",
          "AfterEach",
          "After");

  /** Source roots of tests in Maven and Gradle layouts. */
  private static final List<String> TEST_ROOTS =
      List.of(
          "src/test/",
          "src/it/",
          "src/integration-test/",
          "src/integrationTest/",
          "src/testFixtures/");

  private TestCode() {}

  /** A file below a test source root ({@code module/src/test/java/...}). */
  public static boolean isTestSource(String path) {
    String unix = path.replace('\\', '/');
    for (String root : TEST_ROOTS) {
      if (unix.startsWith(root) || unix.contains("/" + root)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Code in a file under a test source root ({@code src/test/}, Maven's and Gradle's layout), or in
   * a test class: it does not say how the application runs its methods.
   */
  public static boolean isTestCode(Node node) {
    String path =
        node.findCompilationUnit()
            .flatMap(CompilationUnit::getStorage)
            .map(storage -> storage.getPath().toString().replace('\\', '/'))
            .orElse("");
    if (path.startsWith("src/test/") || path.contains("/src/test/")) {
      return true;
    }
    for (Node n = node; n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof TypeDeclaration<?> type && isTestClass(type)) {
        return true;
      }
    }
    return false;
  }

  public static boolean isTestClass(TypeDeclaration<?> type) {
    String name = type.getNameAsString();
    if (name.endsWith("Test")
        || name.endsWith("Tests")
        || name.endsWith("IT")
        || name.endsWith("TestCase")) {
      return true;
    }
    for (MethodDeclaration method : type.getMethods()) {
      for (AnnotationExpr annotation : method.getAnnotations()) {
        if (TEST_ANNOTATIONS.contains(annotation.getName().getIdentifier())) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code @Commit} or {@code @Rollback(false)}: Spring's test support commits the transaction. */
  public static boolean commitsTestTransaction(NodeWithAnnotations<?> annotated) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      String name = annotation.getName().getIdentifier();
      if (name.equals("Commit")) {
        return true;
      }
      if (name.equals("Rollback") && isFalse(annotation)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFalse(AnnotationExpr rollback) {
    if (rollback instanceof SingleMemberAnnotationExpr single) {
      return single.getMemberValue() instanceof BooleanLiteralExpr b && !b.getValue();
    }
    if (rollback instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("value")
            && pair.getValue() instanceof BooleanLiteralExpr b
            && !b.getValue()) {
          return true;
        }
      }
    }
    return false;
  }
}
