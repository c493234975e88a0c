package dev.txcheck.types;

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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the analysis keeps of a parsed file between its rounds, read once right after the parse: its
 * names, its types as written, and the exception types it names. Holds no tree, so the trees can be
 * let go and parsed again when a question needs a body.
 *
 * @param path the file's path as reported
 * @param names what its imports and member types make of names
 * @param types the types it declares, in the tree's order
 * @param exceptions exception types its code catches, throws ({@code throw new X(..)}) or declares
 * @param extended the classes its top-level classes extend
 * @param sortKey package and first type name, which orders files that carry no path (tests)
 */
public record FileFacts(
    String path,
    FileNames names,
    List<TypeFacts> types,
    Set<Written> exceptions,
    List<Written> extended,
    String sortKey) {

  /** A class or interface type as written: with its scope ({@code Outer.Inner}) and simple. */
  public record Written(String withScope, String simple) {
    static Written of(ClassOrInterfaceType type) {
      return new Written(type.getNameWithScope(), type.getNameAsString());
    }
  }

  public static FileFacts of(String path, CompilationUnit cu) {
    List<TypeFacts> types = new ArrayList<>();
    for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
      type.getFullyQualifiedName().ifPresent(fqn -> types.add(TypeFacts.of(fqn, type)));
    }
    List<Written> extended = new ArrayList<>();
    for (TypeDeclaration<?> declaration : cu.getTypes()) {
      if (declaration instanceof ClassOrInterfaceDeclaration c) {
        c.getExtendedTypes().forEach(t -> extended.add(Written.of(t)));
      }
    }
    String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    String first = cu.getTypes().isEmpty() ? "" : cu.getType(0).getNameAsString();
    return new FileFacts(
        path,
        FileNames.of(cu),
        List.copyOf(types),
        Set.copyOf(exceptions(cu)),
        List.copyOf(extended),
        pkg + "." + first);
  }

  /** The same names, in the same order, as a walk of the tree would meet them. */
  private static Set<Written> exceptions(CompilationUnit cu) {
    Set<Written> names = new LinkedHashSet<>();
    for (CatchClause clause : cu.findAll(CatchClause.class)) {
      Type type = clause.getParameter().getType();
      List<? extends Type> alternatives =
          type instanceof UnionType union ? union.getElements() : List.of(type);
      for (Type alternative : alternatives) {
        if (alternative instanceof ClassOrInterfaceType written) {
          names.add(Written.of(written));
        }
      }
    }
    for (ThrowStmt thrown : cu.findAll(ThrowStmt.class)) {
      if (thrown.getExpression() instanceof ObjectCreationExpr creation) {
        names.add(Written.of(creation.getType()));
      }
    }
    for (CallableDeclaration<?> callable : cu.findAll(CallableDeclaration.class)) {
      for (ReferenceType declared : callable.getThrownExceptions()) {
        if (declared instanceof ClassOrInterfaceType written) {
          names.add(Written.of(written));
        }
      }
    }
    return names;
  }
}
