package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class SkippedFilesTest {

  @Test
  void packageIsReadPastCommentsAndBlanks() {
    assertThat(
            SkippedFiles.packageOf(
                "/* license\n package fake; */\n// x\npackage com.acme.orders;\n"))
        .isEqualTo("com.acme.orders");
    assertThat(SkippedFiles.packageOf("\uFEFFpackage a.b ;")).isEqualTo("a.b");
    assertThat(SkippedFiles.packageOf("import java.util.List;\nclass A {}")).isEmpty();
  }

  @Test
  void theHeadEndsAtTheTypesOpeningBrace() {
    String text =
        "package a;\n// {\n/* { */\n@Table(indexes = {@Index(name = \"x{\")})\n"
            + "public class Order extends Base<String> implements Api {\n  int x;\n}\n";
    int brace = SkippedFiles.firstBodyBrace(text);
    assertThat(text.substring(brace - 5, brace + 1)).isEqualTo(" Api {");
    assertThat(SkippedFiles.firstBodyBrace("record R(int a) { }")).isEqualTo(16);
  }

  @Test
  void calledNamesAreIdentifiersBeforeAParenthesisOrAfterTwoColons() {
    assertThat(SkippedFiles.calledNames("a.save (x); list.forEach(this::store); int y = z;"))
        .containsExactly("save", "forEach", "store");
  }

  @Test
  void declaredNamesFollowATypeAndPrecedeAParenthesis() {
    String text =
        """
        class AuditLog implements Log {
          AuditLog(Store store) { this.store = store; }
          @Override public void record(String line) { store.save(line); }
          List<String> lines() { return read(all()); }
          int[] counts () { return new int[] {size(), x -> weigh(x)}; }
          <T> T pick(T a) { if (a == null) { throw fail(a); } else if (ok(a)) { } return a; }
        }
        """;
    assertThat(SkippedFiles.declaredNames(text))
        .containsExactly("record", "lines", "counts", "pick"); // not the constructor, nor calls
  }
}
