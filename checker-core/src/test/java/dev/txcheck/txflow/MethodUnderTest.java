package dev.txcheck.txflow;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.txcheck.flow.Cfg;
import dev.txcheck.flow.CfgBuilder;
import dev.txcheck.flow.DefaultExceptionModel;
import dev.txcheck.flow.ExceptionModel;
import dev.txcheck.txapi.ApiCatalog;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeResolver;
import java.util.List;

/**
 * The method {@code m} of a small source, with what the flow analyses take: its control-flow graph
 * and a call classifier over the bundled catalog and an index of that source alone.
 */
record MethodUnderTest(MethodDeclaration method, Cfg cfg, CallClassifier calls) {
  static final ApiCatalog CATALOG = ApiCatalog.bundled();
  static final ExceptionModel EXCEPTIONS = new DefaultExceptionModel();

  /** A small source of the tests, parsed as tx-check parses them (Java 21). */
  static CompilationUnit unit(String source) {
    return new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
        .parse(source)
        .getResult()
        .orElseThrow(() -> new IllegalArgumentException("test source does not parse"));
  }

  static MethodUnderTest parse(String source) {
    CompilationUnit cu = unit(source);
    ProjectIndex index = ProjectIndex.build(List.of(cu), CATALOG);
    CallClassifier calls =
        new CallClassifier(
            new TypeResolver(cu, index, CATALOG), new HelperSummaries(CATALOG, index));
    MethodDeclaration m =
        cu.findAll(MethodDeclaration.class, d -> d.getNameAsString().equals("m")).get(0);
    return new MethodUnderTest(m, CfgBuilder.build(m, EXCEPTIONS), calls);
  }
}
