package dev.txcheck.engine;

import dev.txcheck.types.FileFacts;
import dev.txcheck.types.NameResolver;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.SourceUnits;
import dev.txcheck.types.TypeInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
   * catches or throws (first round, {@code newFiles} null) or that the exception classes parsed in
   * the previous round extend.
   */
  static List<Path> wanted(
      ProjectIndex index,
      List<FileFacts> parsed,
      List<FileFacts> newFiles,
      Collection<Path> skipped,
      Set<String> parsedPaths,
      Path base) {
    Set<String> names =
        newFiles == null ? caughtOrThrown(index, parsed) : extendedBy(index, newFiles);
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
   * catch clause takes which failure depends on their supertypes too. Only files that declare a
   * type of the index count, as the index names them.
   */
  private static Set<String> caughtOrThrown(ProjectIndex index, List<FileFacts> parsed) {
    Set<String> paths = new HashSet<>();
    for (TypeInfo type : index.types()) {
      paths.add(type.path());
    }
    Set<String> names = new TreeSet<>();
    for (FileFacts file : parsed) {
      if (paths.remove(SourceUnits.normalized(file.path()))) {
        NameResolver resolver = index.names(file.path());
        file.exceptions().forEach(written -> addIfUnknown(written, resolver, index, names));
      }
    }
    return names;
  }

  /** Exception supertypes named by the types of the given files. */
  private static Set<String> extendedBy(ProjectIndex index, List<FileFacts> files) {
    Set<String> names = new TreeSet<>();
    for (FileFacts file : files) {
      NameResolver resolver = index.names(file.path());
      file.extended().forEach(written -> addIfUnknown(written, resolver, index, names));
    }
    return names;
  }

  private static void addIfUnknown(
      FileFacts.Written written, NameResolver resolver, ProjectIndex index, Set<String> names) {
    String resolved = resolver.resolve(written.withScope());
    if (index.type(resolved) == null
        && !resolved.startsWith("java.")
        && !resolved.startsWith("javax.")
        && !index.knows(resolved)) {
      names.add(written.simple());
    }
  }
}
