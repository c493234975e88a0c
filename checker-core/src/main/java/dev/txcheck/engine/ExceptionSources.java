package dev.txcheck.engine;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.ReferenceType;
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
 * so the prefilter skips them; yet whether a declared exception is checked depends on their {@code
 * extends}. This finds the skipped files named after an exception that the parsed code declares or
 * extends and that the index does not know yet.
 */
final class ExceptionSources {
  private ExceptionSources() {}

  /**
   * Skipped files to parse so that the index knows the exceptions that transactional methods
   * declare (first round, {@code newUnits} null) or that the exception classes parsed in the
   * previous round extend.
   */
  static List<Path> wanted(
      ProjectIndex index,
      Set<String> transactionalAnnotations,
      Collection<CompilationUnit> newUnits,
      Collection<Path> skipped,
      Set<String> parsedPaths,
      Path base) {
    Set<String> names =
        newUnits == null
            ? declaredByTransactionalMethods(index, transactionalAnnotations)
            : extendedBy(index, newUnits);
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

  /** Exceptions declared by methods that carry, or whose class carries, an annotation. */
  private static Set<String> declaredByTransactionalMethods(
      ProjectIndex index, Set<String> transactionalAnnotations) {
    Set<String> names = new TreeSet<>();
    for (TypeInfo type : index.types()) {
      TypeDeclaration<?> declaration = type.declaration();
      CompilationUnit cu = declaration.findCompilationUnit().orElse(null);
      if (cu == null) {
        continue;
      }
      NameResolver resolver = index.names(cu);
      boolean classLevel =
          transactional(declaration.getAnnotations(), resolver, index, transactionalAnnotations);
      for (Object member : declaration.getMembers()) {
        if (member instanceof CallableDeclaration<?> callable
            && !callable.getThrownExceptions().isEmpty()
            && (classLevel
                || transactional(
                    callable.getAnnotations(), resolver, index, transactionalAnnotations))) {
          for (ReferenceType thrown : callable.getThrownExceptions()) {
            if (thrown instanceof ClassOrInterfaceType written) {
              addIfUnknown(written, resolver, index, names);
            }
          }
        }
      }
    }
    return names;
  }

  /**
   * A transactional annotation, or an annotation type of the sources (a possible meta-annotation).
   */
  private static boolean transactional(
      List<AnnotationExpr> annotations,
      NameResolver resolver,
      ProjectIndex index,
      Set<String> transactionalAnnotations) {
    for (AnnotationExpr annotation : annotations) {
      String name = resolver.resolve(annotation.getNameAsString());
      TypeInfo declared = index.type(name);
      if (transactionalAnnotations.contains(name)
          || (declared != null && declared.isAnnotationType())) {
        return true;
      }
    }
    return false;
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
