package dev.txcheck.types;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;

/** Small sources of the tests, parsed as tx-check parses them (Java 21). */
final class TestSources {
  private TestSources() {}

  static CompilationUnit parse(String code) {
    return new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
        .parse(code)
        .getResult()
        .orElseThrow();
  }
}
