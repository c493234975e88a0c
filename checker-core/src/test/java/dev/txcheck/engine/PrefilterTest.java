package dev.txcheck.engine;

import static com.google.common.truth.Truth.assertThat;

import dev.txcheck.rules.NonAtomicMultiWrite;
import dev.txcheck.rules.SwallowedException;
import dev.txcheck.txapi.ApiCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The prefilter reads identifiers and comments, not literals, and keeps every spelling a call can
 * have.
 */
class PrefilterTest {
  private final Prefilter prefilter = new Prefilter(ApiCatalog.bundled().prefilterWords());

  @Test
  void wordsInLiteralsDoNotCount() {
    assertThat(prefilter.mayMatter("class A { String s = \"rollback \\\" commit\"; }")).isFalse();
    assertThat(prefilter.mayMatter("class A { char q = '\"'; String s = \"commit\"; }")).isFalse();
    assertThat(
            prefilter.mayMatter(
                "class A { String q = \"\"\"\n  select \\\"\"\" commit \"\n  \"\"\"; }"))
        .isFalse();
  }

  @Test
  void wordsInCommentsCount() {
    assertThat(prefilter.mayMatter("// commit the batch\nclass A {}")).isTrue();
    assertThat(prefilter.mayMatter("/** Runs in a transaction. */ class A {}")).isTrue();
    assertThat(prefilter.mayMatter("/* don't */ class A { String s = \"rollback\"; }")).isFalse();
    assertThat(prefilter.mayMatter("class A {} /* transaction, unterminated")).isTrue();
  }

  @Test
  void wordsAnywhereInAnIdentifierCount() {
    assertThat(prefilter.mayMatter("class A { void f() { conn.commit(); } }")).isTrue();
    assertThat(prefilter.mayMatter("class A { TransactionTemplate t; }")).isTrue();
    assertThat(prefilter.mayMatter("class A { Object c = ds.getConnection(); }")).isTrue();
    assertThat(prefilter.mayMatter("@Transactional class A {}")).isTrue();
    assertThat(prefilter.mayMatter("interface UserRepository extends JpaRepository {}")).isTrue();
    assertThat(prefilter.mayMatter("class A { void f() { doCommit(); } }")).isTrue();
    assertThat(prefilter.mayMatter("class A { int x = TRANSACTION_NONE; }")).isTrue();
  }

  @Test
  void codeAfterLiteralsAndCommentsIsStillRead() {
    assertThat(prefilter.mayMatter("class A { char q = '\"'; void f() { c.rollback(); } }"))
        .isTrue();
    assertThat(prefilter.mayMatter("class A { String s = \"\\\\\"; void f() { c.commit(); } }"))
        .isTrue();
    assertThat(prefilter.mayMatter("class A { String s = \"\"\"\n  x\n  \"\"\"; Repository r; }"))
        .isTrue();
    assertThat(prefilter.mayMatter("/* a */ class A { /* b */ void f() { c.commit(); } }"))
        .isTrue();
  }

  @Test
  void unicodeEscapesAreReadAsJavacReadsThem() {
    // backslash-u0063 spells 'c'; backslash-u000a ends the line comment, so the call is code.
    assertThat(prefilter.mayMatter("class A { void f() { c.\\u0063ommit(); } }")).isTrue();
    assertThat(prefilter.mayMatter("// note \\u000a c.commit();\nclass A {}")).isTrue();
    assertThat(prefilter.mayMatter("class A { String s = \"\\\\u0063ommit\"; }")).isFalse();
  }

  @Test
  void projectNamesMatchWholeIdentifiersOfTheCode() {
    Prefilter names = Prefilter.identifiers(Set.of("Db"));
    assertThat(names.mayMatter("class A { Object c = Db.open(); }")).isTrue();
    assertThat(names.mayMatter("class A { Object c = jdbc.open(); }")).isFalse();
    assertThat(names.mayMatter("class A { String s = \"Db\"; }")).isFalse();
  }

  @Test
  void numbersHoldNoIdentifiers() {
    assertThat(identifiers("long x = 0x1FL + 10L;")).containsExactly("long", "x").inOrder();
  }

  private static List<String> identifiers(String text) {
    List<String> found = new ArrayList<>();
    SourceWords.any(
        text,
        (code, start, end) -> {
          found.add(code.substring(start, end));
          return false;
        });
    return found;
  }

  /**
   * TX014 judges methods that run in no transaction, in files that may name none: with it, a
   * MyBatis-Plus service that only writes through its base class must get through.
   */
  @Test
  void withTx014SelfCommittingWritersLetAFileThrough() {
    String service =
        "class GiftCards extends ServiceImpl<GiftCardMapper, GiftCard> {"
            + " void move(GiftCard a, GiftCard b) { updateById(a); updateById(b); } }";
    ApiCatalog catalog = ApiCatalog.bundled();
    Prefilter withoutTx014 =
        new Prefilter(Session.prefilterWords(List.of(new SwallowedException()), catalog));
    Prefilter withTx014 =
        new Prefilter(
            Session.prefilterWords(
                List.of(new SwallowedException(), new NonAtomicMultiWrite()), catalog));
    assertThat(withoutTx014.mayMatter(service)).isFalse();
    assertThat(withTx014.mayMatter(service)).isTrue();
    assertThat(withTx014.mayMatter("class A { void f(JdbcTemplate t) { t.update(\"x\"); } }"))
        .isTrue();
    assertThat(withTx014.mayMatter("class A { ObjectMapper json; }")).isFalse();
  }
}
