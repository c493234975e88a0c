package dev.txcheck.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.List;
import java.util.Optional;

/**
 * The source files of an analysis that were not parsed up front because the prefilter found no
 * transaction word in them, read when a question needs them: a service interface in a file of its
 * own, or a caller that sits in such a file. Without them, what the analysed code is told (the
 * supertypes of a class, the callers of a method) would change with which other files happen to
 * mention a transaction. Thread-safe; a file is parsed at most once and never checked by the rules.
 */
public interface OnDemandSources {
  OnDemandSources NONE =
      new OnDemandSources() {
        @Override
        public boolean declares(String qualifiedName) {
          return false;
        }

        @Override
        public TypeDeclaration<?> type(String qualifiedName) {
          return null;
        }

        @Override
        public TypeDeclaration<?> header(String qualifiedName) {
          return null;
        }

        @Override
        public Optional<List<CompilationUnit>> calling(String methodName, int limit) {
          return Optional.of(List.of());
        }

        @Override
        public Optional<List<String>> typesDeclaring(String methodName, int limit) {
          return Optional.of(List.of());
        }

        @Override
        public boolean mentions(String topLevelType, String word) {
          return false;
        }
      };

  /**
   * True when a skipped file is named after this top-level type (its package and file name), as
   * javac requires of public types; reads nothing.
   */
  boolean declares(String qualifiedName);

  /**
   * The declaration of a type (top-level or nested) of a skipped file, parsed now; null when no
   * skipped file declares it or the file cannot be parsed.
   */
  TypeDeclaration<?> type(String qualifiedName);

  /**
   * The declaration of a type of a skipped file with its annotations and supertypes, perhaps
   * without its members: for a top-level type, only the file's head up to the type's opening brace
   * is parsed, which is all a supertype question needs and a fraction of the cost. Null as for
   * {@link #type}.
   */
  TypeDeclaration<?> header(String qualifiedName);

  /**
   * The skipped files whose text calls a method of this name or references it ({@code ::name}),
   * parsed now, in a stable order, not pinned (see {@link SourceUnits#scan}); files that cannot be
   * parsed are left out. Empty when more than {@code limit} files do: reading them all would cost
   * more than the answer is worth.
   */
  Optional<List<CompilationUnit>> calling(String methodName, int limit);

  /**
   * The top-level types (named after their files) of the skipped files whose text seems to declare
   * a method of this name (the name after a type and before a parenthesis), in a stable order;
   * empty when more than {@code limit} files do. Parses nothing: where an interface method's
   * implementations may be, to be narrowed with {@link #header} and {@link #mentions} before a
   * file's tree is read.
   */
  Optional<List<String>> typesDeclaring(String methodName, int limit);

  /**
   * True when the code of the skipped file of this top-level type (comments and literals aside) has
   * the identifier {@code word}: a nested class that implements an interface names it.
   */
  boolean mentions(String topLevelType, String word);
}
