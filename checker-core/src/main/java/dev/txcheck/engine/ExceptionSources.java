package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.txcheck.types.NameResolver;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exception classes of the analysed sources usually sit in files that mention no transaction API,
 * so the prefilter skips them; yet whether a declared exception is checked, and which catch clause
 * takes which failure, depends on their {@code extends}. This finds the skipped files named after
 * an exception that the parsed code declares, catches, throws or extends and that the index does
 * not know yet.
 */
final class ExceptionSources {
  private ExceptionSources() {}

  /**
   * Skipped files to parse so that the index knows the exceptions that the parsed code declares,
   * catches or throws (first round, {@code newUnits} null) or that the exception classes parsed in
   * the previous round extend.
   */
  static List<Path> wanted(
      ProjectIndex index,
      Collection<CompilationUnit> newUnits,
      Collection<Path> skipped,
      Set<String> parsedPaths,
      Path base) {
    Set<String> names = newUnits == null ? caughtOrThrown(index) : extendedBy(index, newUnits);
    List<Path> result = new ArrayList<>();
    if (names.isEmpty()) {
      return result;
    }
    for (Path file : skipped) {
      String fileName = String.valueOf(file.getFileName());
      String simple =
          fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : "";
      if (names.contains(simple) && !parsedPaths.contains(SourceFiles.display(file, base))) {
        result.add(file);
      }
    }
    result.sort(null);
    return result;
  }

  /**
   * Exceptions that the parsed code catches, throws ({@code throw new X(..)}) or declares: which
   * catch clause takes which failure depends on their supertypes too.
   */
  private static Set<String> caughtOrThrown(ProjectIndex index) {
    Set<String> names = new TreeSet<>();
    Set<CompilationUnit> units =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (TypeInfo type : index.types()) {
      type.declaration().findCompilationUnit().ifPresent(units::add);
    }
    for (CompilationUnit cu : units) {
      NameResolver resolver = index.names(cu);
      for (CatchClause clause : cu.findAll(CatchClause.class)) {
        Type type = clause.getParameter().getType();
        List<? extends Type> alternatives =
            type instanceof UnionType union ? union.getElements() : List.of(type);
        for (Type alternative : alternatives) {
          if (alternative instanceof ClassOrInterfaceType written) {
            addIfUnknown(written, resolver, index, names);
          }
        }
      }
      for (ThrowStmt thrown : cu.findAll(ThrowStmt.class)) {
        if (thrown.getExpression() instanceof ObjectCreationExpr creation) {
          addIfUnknown(creation.getType(), resolver, index, names);
        }
      }
      for (CallableDeclaration<?> callable : cu.findAll(CallableDeclaration.class)) {
        for (ReferenceType declared : callable.getThrownExceptions()) {
          if (declared instanceof ClassOrInterfaceType written) {
            addIfUnknown(written, resolver, index, names);
          }
        }
      }
    }
    return names;
  }

  /** Exception supertypes named by the types of the given files. */
  private static Set<String> extendedBy(ProjectIndex index, Collection<CompilationUnit> units) {
    Set<String> names = new TreeSet<>();
    for (CompilationUnit cu : units) {
      NameResolver resolver = index.names(cu);
      for (TypeDeclaration<?> declaration : cu.getTypes()) {
        if (declaration instanceof ClassOrInterfaceDeclaration c) {
          for (ClassOrInterfaceType extended : c.getExtendedTypes()) {
            addIfUnknown(extended, resolver, index, names);
          }
        }
      }
    }
    return names;
  }

  private static void addIfUnknown(
      ClassOrInterfaceType written, NameResolver resolver, ProjectIndex index, Set<String> names) {
    String resolved = resolver.resolve(written.getNameWithScope());
    if (index.type(resolved) == null
        && !resolved.startsWith("java.")
        && !resolved.startsWith("javax.")
        && !index.knows(resolved)) {
      names.add(written.getNameAsString());
    }
  }
}
