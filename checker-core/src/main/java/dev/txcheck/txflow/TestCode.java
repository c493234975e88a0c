package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.util.Set;

/** Test classes set up data write by write on purpose; whole-program rules leave them alone. */
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

  private TestCode() {}

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
}
