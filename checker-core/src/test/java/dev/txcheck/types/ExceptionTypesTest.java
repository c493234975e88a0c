package dev.txcheck.types;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ast.CompilationUnit;
import dev.txcheck.txapi.ApiCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExceptionTypesTest {
  private static CompilationUnit parse(String code) {
    return TestSources.parse(code);
  }

  private final ExceptionTypes exceptions =
      new ExceptionTypes(
          ProjectIndex.build(
              List.of(
                  parse("package app; class OrderException extends java.io.IOException {}"),
                  parse("package app; class LateException extends OrderException {}"),
                  parse("package app; class StockException extends RuntimeException {}"),
                  parse("package app; class VendorException extends com.vendor.Failure {}")),
              ApiCatalog.bundled()));

  @Test
  void theJdkIsAskedByReflection() {
    assertThat(exceptions.isChecked("java.sql.SQLException")).isEqualTo(Optional.of(true));
    assertThat(exceptions.isChecked("java.util.concurrent.BrokenBarrierException"))
        .isEqualTo(Optional.of(true));
    assertThat(exceptions.isChecked("java.io.UncheckedIOException")).isEqualTo(Optional.of(false));
    assertThat(exceptions.isChecked("java.lang.Exception")).isEqualTo(Optional.of(true));
  }

  @Test
  void theSourcesOwnHierarchyIsFollowedToTheJdk() {
    assertThat(exceptions.isChecked("app.LateException")).isEqualTo(Optional.of(true));
    assertThat(exceptions.isChecked("app.StockException")).isEqualTo(Optional.of(false));
    assertThat(exceptions.isSubtype("app.LateException", "java.lang.Exception")).isTrue();
  }

  @Test
  void catalogLinesTellLibraryExceptions() {
    assertThat(exceptions.isChecked("com.fasterxml.jackson.databind.JsonMappingException"))
        .isEqualTo(Optional.of(true));
    assertThat(exceptions.isChecked("org.springframework.dao.DataAccessException"))
        .isEqualTo(Optional.of(false));
  }

  @Test
  void unknownStaysUnknown() {
    assertThat(exceptions.isChecked("app.VendorException")).isEmpty();
    assertThat(exceptions.isChecked("com.vendor.Failure")).isEmpty();
  }
}
