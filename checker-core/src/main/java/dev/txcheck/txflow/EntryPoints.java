package dev.txcheck.txflow;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.txcheck.types.Members;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeResolver;

/**
 * Methods that a framework calls from outside the application's code, so that nothing in the
 * sources calls them: a request handler, a scheduled job or a listener (catalog {@code entry-point}
 * annotations), or an implementation of a library method (a {@code Runnable}, an {@code
 * ApplicationListener}). They run in no transaction unless they declare one.
 */
final class EntryPoints {
  private EntryPoints() {}

  /**
   * How a framework calls the method, as a verb phrase for messages; null when no framework is
   * known to.
   */
  static String howCalled(MethodDeclaration method, TypeResolver types) {
    for (AnnotationExpr annotation : method.getAnnotations()) {
      String name = types.names().resolve(annotation.getNameAsString());
      if (types.catalog().entryPointAnnotations().contains(name)) {
        return "is an entry point (@" + annotation.getNameAsString() + ")";
      }
    }
    if (method.getAnnotationByName("Override").isPresent()
        && !overridesSourceMethod(method, types.index())) {
      return "implements a library method, which its framework calls";
    }
    return null;
  }

  /** An {@code @Override} whose method some supertype of the sources declares. */
  private static boolean overridesSourceMethod(MethodDeclaration method, ProjectIndex index) {
    String owner = CallSites.ownerName(method);
    if (owner == null) {
      return true;
    }
    for (String supertype : index.supertypes(owner)) {
      TypeInfo info = index.sourceType(supertype);
      if (info != null) {
        for (MethodDeclaration m :
            Members.methodsNamed(info.declaration(), method.getNameAsString())) {
          if (m.getParameters().size() == method.getParameters().size()) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
