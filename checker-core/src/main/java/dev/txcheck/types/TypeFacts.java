package dev.txcheck.types;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What the index needs of one type declaration, as written (names not resolved yet): read right
 * after the parse, so that the index can be built and rebuilt without the trees.
 *
 * @param name the qualified name
 * @param supertypes extended and implemented types, as written with their scope
 * @param annotations the type's annotation names, as written
 * @param fields the fields, in declaration order
 * @param methods "name/arity" of the methods the type itself declares
 * @param annotationType an {@code @interface}
 * @param isInterface an interface (not an annotation type)
 */
public record TypeFacts(
    String name,
    List<String> supertypes,
    List<String> annotations,
    List<Field> fields,
    List<String> methods,
    boolean annotationType,
    boolean isInterface) {

  /**
   * A field and its written type: {@code resolve} for a class or interface type, whose name the
   * file's imports qualify; otherwise the type's text ({@code int[]}), or null for {@code var}.
   */
  public record Field(String name, String type, boolean resolve) {}

  public static TypeFacts of(String name, TypeDeclaration<?> decl) {
    List<ClassOrInterfaceType> written = new ArrayList<>();
    boolean isInterface = false;
    if (decl instanceof ClassOrInterfaceDeclaration c) {
      written.addAll(c.getExtendedTypes());
      written.addAll(c.getImplementedTypes());
      isInterface = c.isInterface();
    } else if (decl instanceof EnumDeclaration e) {
      written.addAll(e.getImplementedTypes());
    } else if (decl instanceof RecordDeclaration r) {
      written.addAll(r.getImplementedTypes());
    }
    List<String> supertypes = new ArrayList<>();
    written.forEach(type -> supertypes.add(type.getNameWithScope()));
    List<String> annotations = new ArrayList<>();
    for (AnnotationExpr annotation : decl.getAnnotations()) {
      annotations.add(annotation.getNameAsString());
    }
    List<Field> fields = new ArrayList<>();
    for (FieldDeclaration field : decl.getFields()) {
      for (VariableDeclarator variable : field.getVariables()) {
        fields.add(field(variable.getNameAsString(), variable.getType()));
      }
    }
    List<String> methods = new ArrayList<>();
    for (MethodDeclaration method : decl.getMethods()) {
      // Interned: the same few names (getId/0, save/1) recur in every type.
      methods.add((method.getNameAsString() + "/" + method.getParameters().size()).intern());
    }
    return new TypeFacts(
        name,
        List.copyOf(supertypes),
        List.copyOf(annotations),
        List.copyOf(fields),
        List.copyOf(methods),
        decl.isAnnotationDeclaration(),
        isInterface);
  }

  /** As {@link TypeNames#of}, without resolving yet. */
  private static Field field(String name, Type type) {
    if (type.isVarType() || type.isUnknownType()) {
      return new Field(name, null, false);
    }
    if (type instanceof ClassOrInterfaceType classType) {
      return new Field(name, classType.getNameWithScope(), true);
    }
    return new Field(name, type.asString(), false);
  }
}
