package dev.txcheck.txapi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiCatalogTest {
  private final ApiCatalog catalog = ApiCatalog.bundled();

  @Test
  void bundledCatalogKnowsTheCoreJdbcCalls() {
    List<ApiMethod> commits = catalog.candidates("commit");
    assertThat(commits.stream().map(ApiMethod::toString).toList())
        .containsAtLeast("java.sql.Connection#commit()", "org.hibernate.Transaction#commit()");
    ApiMethod setAutoCommit = catalog.candidates("setAutoCommit").get(0);
    assertThat(setAutoCommit.effects()).containsExactly(Effect.BEGIN, Effect.LAZY);
    assertThat(setAutoCommit.args().toString()).isEqualTo("(false)");
  }

  @Test
  void handleSitesAndReturnTypesAreRead() {
    ApiMethod getTransaction =
        catalog.candidates("getTransaction").stream()
            .filter(
                m -> m.owner().equals("org.springframework.transaction.PlatformTransactionManager"))
            .findFirst()
            .orElseThrow();
    assertThat(getTransaction.handle()).isEqualTo(HandleSite.RESULT);
    assertThat(getTransaction.returnType())
        .isEqualTo("org.springframework.transaction.TransactionStatus");
    ApiMethod commitStatus =
        catalog.candidates("commit").stream()
            .filter(
                m -> m.owner().equals("org.springframework.transaction.PlatformTransactionManager"))
            .findFirst()
            .orElseThrow();
    assertThat(commitStatus.handle()).isEqualTo(new HandleSite(HandleSite.Kind.ARGUMENT, 0));
  }

  @Test
  void wildcardMethodLinesApplyToEveryName() {
    assertThat(catalog.candidates("executeUpdate").stream().map(ApiMethod::owner).toList())
        .contains("java.sql.Statement");
  }

  @Test
  void prefixLinesMatchNamesThatStartWithThePrefix() throws CatalogException {
    ApiCatalog withPrefix =
        ApiCatalog.withLines(List.of("write com.acme.Store#store*(_*)"), "test.txt");
    assertThat(withPrefix.candidates("storeAll").stream().map(ApiMethod::owner).toList())
        .contains("com.acme.Store");
    assertThat(withPrefix.candidates("restore").stream().map(ApiMethod::owner).toList())
        .doesNotContain("com.acme.Store");
    List<ApiMethod> saves = catalog.candidates("saveAndFlush");
    assertThat(saves.stream().filter(m -> m.has(Effect.WRITE)).map(ApiMethod::owner).toList())
        .containsExactly(
            "org.springframework.data.repository.Repository",
            "com.baomidou.mybatisplus.extension.service.IService");
    assertThat(catalog.writeAnnotations())
        .containsAtLeast(
            "org.springframework.data.jpa.repository.Modifying",
            "org.apache.ibatis.annotations.Update");
  }

  @Test
  void supertypesAnnotationsAndKnownTypes() {
    assertThat(catalog.supertypesOf("org.springframework.data.jpa.repository.JpaRepository"))
        .contains("org.springframework.data.repository.ListCrudRepository");
    assertThat(catalog.transactionalAnnotations())
        .containsExactly(
            "org.springframework.transaction.annotation.Transactional",
            "jakarta.transaction.Transactional",
            "javax.transaction.Transactional");
    assertThat(catalog.knowsType("java.sql.Connection")).isTrue();
    assertThat(catalog.knowsType("java.sql.Nope")).isFalse();
  }

  @Test
  void prefilterWordsAreMinimal() {
    assertThat(catalog.prefilterWords())
        .containsExactly(
            "commit",
            "rollback",
            "transaction",
            "repository",
            "feignclient",
            "getconnection",
            "createentitymanager",
            "opensession",
            "openstatelesssession",
            "borrowobject",
            "getdbconnection",
            "getuserdbconnection");
  }

  @Test
  void annotatedOwnersCommitFailuresAndTheNewEffectsAreRead() throws CatalogException {
    ApiCatalog extended =
        ApiCatalog.withLines(
            List.of(
                "remote @com.acme.http.Remote#*(_*)",
                "commit-failure com.acme.db.CommitFailedException",
                "rollback,needs-active com.acme.db.Tx#undo()",
                "write com.acme.db.Dao#store(_)"),
            "my.api");
    ApiMethod remote =
        extended.candidates("anything").stream()
            .filter(m -> m.has(Effect.REMOTE) && m.owner().equals("@com.acme.http.Remote"))
            .findFirst()
            .orElseThrow();
    assertThat(remote.annotatedOwner()).isTrue();
    assertThat(remote.ownerName()).isEqualTo("com.acme.http.Remote");
    assertThat(extended.prefilterWords()).contains("remote");
    assertThat(extended.knowsType("com.acme.http.Remote")).isTrue();
    assertThat(extended.commitFailures()).contains("com.acme.db.CommitFailedException");
    assertThat(extended.knowsType("com.acme.db.CommitFailedException")).isTrue();
    assertThat(extended.candidates("undo").get(0).effects())
        .containsExactly(Effect.ROLLBACK, Effect.NEEDS_ACTIVE);
    assertThat(extended.candidates("store").get(0).effects()).containsExactly(Effect.WRITE);
    CatalogException e =
        assertThrows(
            CatalogException.class,
            () -> ApiCatalog.withLines(List.of("commit-failure Oops"), "my.api"));
    assertThat(e).hasMessageThat().contains("expected 'commit-failure QUALIFIED_NAME'");
  }

  @Test
  void failureAndInterceptorLinesAreRead() throws CatalogException {
    assertThat(catalog.failuresOf("org.springframework.jdbc.core.JdbcTemplate"))
        .containsExactly("org.springframework.dao.DataAccessException");
    assertThat(catalog.interceptorAnnotations()).contains("jakarta.interceptor.Interceptor");
    assertThat(catalog.knowsType("jakarta.interceptor.Interceptor")).isTrue();
    ApiCatalog extended =
        ApiCatalog.withLines(
            List.of(
                "fails com.acme.store.BlobClient com.acme.store.BlobException",
                "interceptor com.acme.cdi.Around"),
            "test.txt");
    assertThat(extended.failuresOf("com.acme.store.BlobClient"))
        .containsExactly("com.acme.store.BlobException");
    assertThat(extended.failureTypes()).contains("com.acme.store.BlobException");
    assertThat(extended.interceptorAnnotations()).contains("com.acme.cdi.Around");
  }

  private static String refusal(String line) {
    return assertThrows(CatalogException.class, () -> ApiCatalog.withLines(List.of(line), "my.api"))
        .getMessage();
  }

  @Test
  void aMethodLineSaysWhichPieceIsMissing() {
    assertThat(refusal("rollback com.acme.TxUtil.rollback(_) on=arg0"))
        .startsWith("my.api:1: missing '#' between type and method");
    // a '#' after a blank starts a comment: what is left has no method at all
    assertThat(refusal("rollback com.acme.TxUtil #rollback(_) on=arg0"))
        .startsWith("my.api:1: missing '#' between type and method");
    assertThat(refusal("rollback com.acme.TxUtil#rollback on=arg0"))
        .startsWith("my.api:1: missing '(' after the method name");
    assertThat(refusal("rollback com.acme.TxUtil#rollback(_ on=arg0"))
        .startsWith("my.api:1: missing ')' after the arguments");
  }

  @Test
  void onArgMustNameAnArgumentTheMethodHas() throws CatalogException {
    assertThat(refusal("rollback com.acme.TxUtil#rollback(_) on=arg1"))
        .isEqualTo(
            "my.api:1: on=arg1 names argument 2, but the method takes 1 (arg0 to arg0)"
                + " in 'rollback com.acme.TxUtil#rollback(_) on=arg1'");
    assertThat(refusal("commit com.acme.TxUtil#commit() on=arg0"))
        .contains("on=arg0 names argument 1, but the method takes none");
    // any number of arguments: any index may be there
    ApiCatalog.withLines(List.of("rollback com.acme.TxUtil#rollbackAll(_*) on=arg3"), "ok.api");
  }

  @Test
  void aFailsLineNeedsTwoQualifiedNames() {
    CatalogException e =
        assertThrows(
            CatalogException.class,
            () -> ApiCatalog.withLines(List.of("fails com.acme.Client"), "bad.txt"));
    assertThat(e).hasMessageThat().contains("bad.txt:1");
  }

  @Test
  void userLinesExtendTheCatalog() throws CatalogException {
    ApiCatalog extended =
        ApiCatalog.withLines(
            List.of(
                "# our own helpers",
                "begin com.acme.TxUtil#begin(_) on=arg0",
                "rollback com.acme.TxUtil#undo(_) on=arg0"),
            "tx-check.yml");
    ApiMethod begin =
        extended.candidates("begin").stream()
            .filter(m -> m.owner().equals("com.acme.TxUtil"))
            .findFirst()
            .orElseThrow();
    assertThat(begin.handle().argIndex()).isEqualTo(0);
    assertThat(begin.origin()).isEqualTo("tx-check.yml:2");
    assertThat(extended.prefilterWords()).contains("undo");
  }

  @Test
  void badLinesNameTheSourceAndLine() {
    CatalogException e =
        assertThrows(
            CatalogException.class,
            () ->
                ApiCatalog.withLines(List.of("", "comit java.sql.Connection#commit()"), "my.api"));
    assertThat(e).hasMessageThat().startsWith("my.api:2: unknown effect 'comit'");
    e =
        assertThrows(
            CatalogException.class,
            () -> ApiCatalog.withLines(List.of("commit Connection.commit()"), "my.api"));
    assertThat(e).hasMessageThat().contains("missing '#' between type and method");
    e =
        assertThrows(
            CatalogException.class,
            () -> ApiCatalog.withLines(List.of("commit a.B#c() on=arg"), "my.api"));
    assertThat(e).hasMessageThat().contains("on= takes receiver, result or arg0..arg9");
  }
}
