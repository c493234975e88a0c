package dev.txcheck.types;

import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the index knows of one type declared in the analysed sources. Names are qualified where they
 * could be resolved.
 *
 * @param name the qualified name ({@code com.acme.Outer.Inner})
 * @param supertypes extended and implemented types
 * @param annotations annotations on the type
 * @param fields field name to field type
 * @param declaration the AST, kept for helper summaries
 */
public record TypeInfo(
    String name,
    List<String> supertypes,
    Set<String> annotations,
    Map<String, String> fields,
    TypeDeclaration<?> declaration) {

  public boolean isAnnotationType() {
    return declaration.isAnnotationDeclaration();
  }
}
