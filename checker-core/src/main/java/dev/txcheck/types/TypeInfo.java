package dev.txcheck.types;

import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the index knows of one type declared in the analysed sources, as values: it keeps no tree,
 * and {@link #declaration} fetches the tree of its file when a body is needed. Names are qualified
 * where they could be resolved.
 *
 * @param name the qualified name ({@code com.acme.Outer.Inner})
 * @param supertypes extended and implemented types
 * @param annotations annotations on the type
 * @param fields field name to field type
 * @param methods "name/arity" of the methods the type itself declares
 * @param accessors those of {@code methods} that only read or set a field ({@link
 *     TypeFacts#isAccessor})
 * @param isAnnotationType an {@code @interface}
 * @param isInterface an interface (not an annotation type)
 * @param path the file that declares it
 * @param units where its file's tree is fetched from
 */
public record TypeInfo(
    String name,
    List<String> supertypes,
    Set<String> annotations,
    Map<String, String> fields,
    List<String> methods,
    List<String> accessors,
    boolean isAnnotationType,
    boolean isInterface,
    String path,
    SourceUnits units) {

  /**
   * The declaration, from the tree of its file (parsed again if the analysis let it go): use it
   * within one question, never keep it.
   */
  public TypeDeclaration<?> declaration() {
    TypeDeclaration<?> found = units.type(path, name);
    if (found == null) {
      throw new IllegalStateException(
          "the declaration of "
              + name
              + " in "
              + path
              + " is gone; unit "
              + units.unit(path)
              + " "
              + units.getClass());
    }
    return found;
  }

  /** The simple name ({@code Inner} for {@code com.acme.Outer.Inner}). */
  public String simpleName() {
    return TypeNames.simple(name);
  }
}
