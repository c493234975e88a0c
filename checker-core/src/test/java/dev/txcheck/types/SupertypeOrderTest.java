package dev.txcheck.types;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ast.CompilationUnit;
import dev.txcheck.txapi.ApiCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Callers look a method up in the first supertype that declares it, so the order of {@link
 * ProjectIndex#supertypes} decides what {@code super.execute()} runs. An unordered set (a {@code
 * Set.copyOf}, whose order changes with each JVM) made a Syncope finding come and go from run to
 * run.
 */
class SupertypeOrderTest {
  private static final ApiCatalog CATALOG = ApiCatalog.bundled();

  private static CompilationUnit parse(String code) {
    return TestSources.parse(code);
  }

  @Test
  void classesNearestFirstThenInterfacesNearestFirst() {
    CompilationUnit cu =
        parse(
            """
        package app;
        interface Job { void execute(); }
        interface Stoppable { void stop(); }
        interface Scheduled extends Job {}
        interface Audited {}
        abstract class AbstractJob implements Job { public void execute() { run(); } abstract void run(); }
        abstract class AbstractScheduledJob extends AbstractJob implements Scheduled, Stoppable {}
        class MemberJob extends AbstractScheduledJob implements Audited {
          void run() {}
          public void stop() {}
          public void execute() { super.execute(); }
        }
        """);
    ProjectIndex index = ProjectIndex.build(List.of(cu), CATALOG);

    List<String> supertypes = new ArrayList<>(index.supertypes("app.MemberJob"));

    // java.lang.Object may or may not be listed; the sources' types come in lookup order.
    supertypes.removeIf(t -> !t.startsWith("app."));
    assertThat(supertypes)
        .containsExactly(
            "app.AbstractScheduledJob",
            "app.AbstractJob",
            "app.Audited",
            "app.Scheduled",
            "app.Stoppable",
            "app.Job")
        .inOrder();
  }
}
