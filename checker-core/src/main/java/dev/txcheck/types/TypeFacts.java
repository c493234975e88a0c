package dev.txcheck.types;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
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
 * @param methods "name/arity" of the methods the type itself declares, and the getters and setters
 *     Lombok generates for it ({@link LombokMembers})
 * @param accessors those of {@code methods} whose every body only reads or sets a field ({@link
 *     #isAccessor}), or that have no body (what runs is another declaration): code that calls one
 *     throws nothing of its own
 * @param annotationType an {@code @interface}
 * @param isInterface an interface (not an annotation type)
 */
public record TypeFacts(
    String name,
    List<String> supertypes,
    List<String> annotations,
    List<Field> fields,
    List<String> methods,
    List<String> accessors,
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
    java.util.Set<String> notAccessors = new java.util.HashSet<>();
    for (MethodDeclaration method : decl.getMethods()) {
      // Interned: the same few names (getId/0, save/1) recur in every type.
      String key = (method.getNameAsString() + "/" + method.getParameters().size()).intern();
      methods.add(key);
      if (method.getBody().isPresent() && !isAccessor(method)) {
        notAccessors.add(key);
      }
    }
    for (String generated : LombokMembers.accessors(decl)) {
      if (!methods.contains(generated)) {
        methods.add(generated);
      }
    }
    List<String> accessors =
        methods.stream().filter(m -> !notAccessors.contains(m)).distinct().toList();
    return new TypeFacts(
        name,
        List.copyOf(supertypes),
        List.copyOf(annotations),
        List.copyOf(fields),
        List.copyOf(methods),
        accessors,
        decl.isAnnotationDeclaration(),
        isInterface);
  }

  /**
   * A method whose body is one statement that returns a field, a parameter or a constant, or sets a
   * field to one: the getters and setters that code calls on receivers of unknown type.
   */
  public static boolean isAccessor(MethodDeclaration method) {
    NodeList<Statement> statements = method.getBody().map(BlockStmt::getStatements).orElse(null);
    if (statements == null || statements.size() != 1) {
      return false;
    }
    Statement only = statements.get(0);
    if (only instanceof ReturnStmt returned) {
      return returned.getExpression().map(TypeFacts::isPlainValue).orElse(true);
    }
    return only instanceof ExpressionStmt statement
        && statement.getExpression() instanceof AssignExpr assign
        && assign.getOperator() == AssignExpr.Operator.ASSIGN
        && isPlainValue(assign.getTarget())
        && isPlainValue(assign.getValue());
  }

  /** A name, {@code this.name}, or a literal: reading it cannot throw. */
  private static boolean isPlainValue(Expression expression) {
    return expression instanceof NameExpr
        || expression instanceof LiteralExpr
        || (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr);
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
