package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.type.VarType;
import org.junit.jupiter.api.Test;

/**
 * Pins the parser set-up: modern syntax parses, var is a VarType, validation is off, errors have
 * positions.
 */
class ParsingTest {
  private final Parsing parsing = new Parsing(AnalysisRequest.DEFAULT_LEVEL);

  @Test
  void modernSyntaxParses() {
    Parsing.Outcome outcome =
        parsing.parse(
            "A.java",
            """
            sealed interface Shape permits Circle, Square {}
            record Circle(double r) implements Shape {}
            record Square(double s) implements Shape {}
            class A {
              String describe(Object o) {
                var text = \"""
                    a text block
                    \""";
                return switch (o) {
                  case Circle c when c.r() > 1 -> "big circle";
                  case Circle c -> "circle";
                  default -> { yield text; }
                };
              }
            }
            """);
    assertThat(outcome.error()).isNull();
    assertThat(outcome.unit().findAll(VarType.class)).hasSize(1);
  }

  @Test
  void localEnumsRecordsAndInterfacesParseAndTheRestKeepsItsPositions() {
    Parsing.Outcome outcome =
        parsing.parse(
            "A.java",
            """
            class A {
              void f(java.sql.Connection conn) throws Exception {
                enum Mode { FAST, SLOW("s") { int cost() { return 2; } }; Mode() {} Mode(String s) {} }
                record Pair(int a, int b) {}
            	interface Step { void run(); }
                @Deprecated static enum Flag implements Step
                    { ON, OFF; public void run() {} } conn.commit();
                enum Empty {}
                String s = "enum Fake { X }"; // enum Comment { Y }
                conn.rollback();
              }
              enum Member { A }
            }
            """);
    assertThat(outcome.error()).isNull();
    var locals =
        outcome.unit().findAll(com.github.javaparser.ast.body.ClassOrInterfaceDeclaration.class);
    assertThat(locals.stream().map(c -> c.getNameAsString()).toList())
        .containsAtLeast("Mode", "Step", "Flag", "Empty");
    var calls = outcome.unit().findAll(com.github.javaparser.ast.expr.MethodCallExpr.class);
    assertThat(
            calls.stream()
                .map(
                    c ->
                        c.getNameAsString()
                            + "@"
                            + c.getBegin().get().line
                            + ":"
                            + c.getBegin().get().column)
                .toList())
        .containsExactly("commit@7:43", "rollback@10:5");
  }

  @Test
  void aTabIndentedLocalEnumParses() {
    assertThat(
            parsing
                .parse("B.java", "class B {\n\tvoid f() {\n\t\tenum E { X }\n\t\tg();\n\t}\n}\n")
                .error())
        .isNull();
  }

  @Test
  void aFileThatFailsForAnotherReasonStillSaysWhere() {
    Parsing.Outcome outcome =
        parsing.parse(
            "A.java", "class A {\n  void f() {\n    enum E { X }\n    int x = ;\n  }\n}\n");
    assertThat(outcome.error().line()).isEqualTo(4);
  }

  @Test
  void theLanguageLevelValidatorIsOff() {
    // An unnamed variable (Java 22) is rejected by JavaParser's Java 21 validator, not by its
    // grammar.
    Parsing.Outcome outcome =
        parsing.parse("A.java", "class A { void f() { try { g(); } catch (Exception _) { } } }");
    assertThat(outcome.error()).isNull();
  }

  @Test
  void olderLevelsParseOldCode() {
    Parsing.Outcome outcome =
        new Parsing(LanguageLevel.JAVA_8)
            .parse("A.java", "class A { void f() { int yield = 1; } }");
    assertThat(outcome.error()).isNull();
  }

  @Test
  void syntaxErrorsComeWithAPosition() {
    Parsing.Outcome outcome = parsing.parse("src/A.java", "class A {\n  void f() { int x = ; }\n}");
    assertThat(outcome.unit()).isNull();
    assertThat(outcome.error().file()).isEqualTo("src/A.java");
    assertThat(outcome.error().line()).isEqualTo(2);
    assertThat(outcome.error().message()).startsWith("cannot parse: ");
  }

  /**
   * Workers print nodes of one shared tree at once (messages, handle names). JavaParser makes a
   * tree's printer on its first toString() and changes its configuration on every one, which raced
   * between workers; the tree must come out of the parse with a printer that keeps no state.
   */
  @Test
  void treesComeWithAPrinterThatPrintingDoesNotChange() {
    var unit = parsing.parse("A.java", "class A { void m() { dao.save(item); } }").unit();
    assertThat(unit.containsData(com.github.javaparser.ast.Node.PRINTER_KEY)).isTrue();
    var printer = unit.getData(com.github.javaparser.ast.Node.PRINTER_KEY);
    var call = unit.findFirst(com.github.javaparser.ast.expr.MethodCallExpr.class).orElseThrow();
    assertThat(call.toString()).isEqualTo("dao.save(item)");
    assertThat(unit.getData(com.github.javaparser.ast.Node.PRINTER_KEY)).isSameInstanceAs(printer);
    var configuration =
        ((com.github.javaparser.printer.ConfigurablePrinter) printer).getConfiguration();
    call.toString();
    assertThat(((com.github.javaparser.printer.ConfigurablePrinter) printer).getConfiguration())
        .isNotSameInstanceAs(configuration);
  }
}
