package dev.txcheck.types;

import static com.google.common.truth.Truth.assertThat;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.txcheck.txapi.ApiCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeResolverTest {
  private static final ApiCatalog CATALOG = ApiCatalog.bundled();

  private static CompilationUnit parse(String code) {
    return TestSources.parse(code);
  }

  private static MethodCallExpr call(CompilationUnit cu, String name) {
    return cu.findAll(MethodCallExpr.class).stream()
        .filter(c -> c.getNameAsString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void localsParametersAndFieldsResolveThroughImports() {
    CompilationUnit cu =
        parse(
            """
        package app;
        import java.sql.*;
        import javax.persistence.EntityManager;
        class Dao {
          private EntityManager em;
          void run(Connection conn, String s) {
            var tx = em.getTransaction();
            PreparedStatement ps = conn.prepareStatement(s);
            ps.executeUpdate();
            tx.commit();
          }
        }
        """);
    TypeResolver types = new TypeResolver(cu, ProjectIndex.build(List.of(cu), CATALOG), CATALOG);
    assertThat(types.receiverType(call(cu, "executeUpdate")))
        .isEqualTo("java.sql.PreparedStatement");
    assertThat(types.receiverType(call(cu, "prepareStatement"))).isEqualTo("java.sql.Connection");
    assertThat(types.receiverType(call(cu, "commit")))
        .isEqualTo("javax.persistence.EntityTransaction");
    assertThat(types.receiverType(call(cu, "getTransaction")))
        .isEqualTo("javax.persistence.EntityManager");
  }

  @Test
  void unresolvableNamesStaySimpleAndMatchNothing() {
    CompilationUnit cu =
        parse(
            """
        import com.acme.*;
        class A { void f(Connection c) { c.commit(); } }
        """);
    TypeResolver types = new TypeResolver(cu, ProjectIndex.build(List.of(cu), CATALOG), CATALOG);
    assertThat(types.receiverType(call(cu, "commit"))).isEqualTo("Connection");
    assertThat(types.catalogMatches(call(cu, "commit"))).isEmpty();
  }

  @Test
  void projectSupertypesCountForCatalogMatches() {
    CompilationUnit repo =
        parse(
            """
        package app;
        import org.springframework.data.jpa.repository.JpaRepository;
        interface OrderRepository extends JpaRepository<Object, Long> {}
        """);
    CompilationUnit service =
        parse(
            """
        package app;
        class Service {
          private final OrderRepository orders;
          void f() { orders.save(null); }
        }
        """);
    ProjectIndex index = ProjectIndex.build(List.of(repo, service), CATALOG);
    TypeResolver types = new TypeResolver(service, index, CATALOG);
    assertThat(types.receiverType(call(service, "save"))).isEqualTo("app.OrderRepository");
    assertThat(
            index.isSubtype(
                "app.OrderRepository", "org.springframework.data.repository.Repository"))
        .isTrue();
    assertThat(types.catalogMatches(call(service, "save"))).isNotEmpty();
  }

  @Test
  void innerScopesShadowAndLaterDeclarationsAreNotInScope() {
    CompilationUnit cu =
        parse(
            """
        import java.sql.Connection;
        class A {
          Object conn;
          void f() {
            conn.toString();
            Connection conn = null;
            conn.commit();
          }
        }
        """);
    TypeResolver types = new TypeResolver(cu, ProjectIndex.build(List.of(cu), CATALOG), CATALOG);
    List<NameExpr> uses = cu.findAll(NameExpr.class, n -> n.getNameAsString().equals("conn"));
    assertThat(types.variable(uses.get(0)).orElseThrow().kind()).isEqualTo(Variable.Kind.FIELD);
    assertThat(types.variable(uses.get(1)).orElseThrow().type()).isEqualTo("java.sql.Connection");
  }

  @Test
  void staticQualifiersAndStaticImports() {
    CompilationUnit cu =
        parse(
            """
        import org.apache.commons.dbutils.DbUtils;
        import static org.apache.commons.dbutils.DbUtils.rollbackAndClose;
        class A {
          void f(java.sql.Connection c) { DbUtils.rollback(c); rollbackAndClose(c); }
        }
        """);
    TypeResolver types = new TypeResolver(cu, ProjectIndex.build(List.of(cu), CATALOG), CATALOG);
    assertThat(types.receiverType(call(cu, "rollback")))
        .isEqualTo("org.apache.commons.dbutils.DbUtils");
    assertThat(types.receiverType(call(cu, "rollbackAndClose")))
        .isEqualTo("org.apache.commons.dbutils.DbUtils");
    assertThat(types.catalogMatches(call(cu, "rollbackAndClose"))).isNotEmpty();
  }
}
