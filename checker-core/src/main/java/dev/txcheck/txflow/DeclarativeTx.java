package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeResolver;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a body runs in a declarative or library-managed transaction: {@code @Transactional}
 * (Spring, JTA javax and jakarta, or an annotation of the analysed sources that carries one), on
 * the method or, for public methods, on the class; or the lambda of a transaction callback such as
 * {@code TransactionTemplate#execute}.
 */
public final class DeclarativeTx {
  private final TypeResolver types;
  private final CallClassifier calls;
  private final Set<String> annotations;

  public DeclarativeTx(CallClassifier calls) {
    this.calls = calls;
    this.types = calls.types();
    this.annotations = types.catalog().transactionalAnnotations();
  }

  /** The transaction the body runs in, if any. */
  public Optional<TxAttributes> of(Node body) {
    if (body instanceof MethodDeclaration method) {
      return ofMethod(method);
    }
    if (body instanceof LambdaExpr lambda
        && lambda.getParentNode().orElse(null) instanceof MethodCallExpr call
        && Bodies.containsSame(call.getArguments(), lambda)) {
      CallFacts facts = calls.classify(call);
      if (facts.callback()) {
        return Optional.of(new TxAttributes(shortCall(call), false, "REQUIRED"));
      }
      if (facts.loop()) {
        Node outer = Bodies.bodyOf(call);
        return outer == null ? Optional.empty() : of(outer);
      }
    }
    return Optional.empty();
  }

  private Optional<TxAttributes> ofMethod(MethodDeclaration method) {
    Optional<TxAttributes> own = fromAnnotations(method);
    if (own.isPresent()) {
      return own;
    }
    boolean proxied = method.isPublic() || isInterfaceMember(method);
    if (!proxied || method.isStatic()) {
      return Optional.empty();
    }
    Optional<Node> parent = method.getParentNode();
    if (parent.isPresent() && parent.get() instanceof TypeDeclaration<?> type) {
      Optional<TxAttributes> onClass = fromAnnotations(type);
      if (onClass.isPresent()) {
        return onClass;
      }
      // Spring's @Transactional is @Inherited: a superclass of the analysed sources may carry it.
      String name = type.getFullyQualifiedName().orElse(null);
      if (name != null) {
        for (String supertype : types.index().supertypes(name)) {
          TypeInfo info = types.index().type(supertype);
          if (info != null) {
            Optional<TxAttributes> inherited = fromAnnotations(info.declaration());
            if (inherited.isPresent()) {
              return inherited;
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isInterfaceMember(MethodDeclaration method) {
    return method.getParentNode().orElse(null)
            instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c
        && c.isInterface();
  }

  private Optional<TxAttributes> fromAnnotations(NodeWithAnnotations<?> annotated) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      Optional<TxAttributes> attributes = attributesOf(annotation, annotation.getNameAsString(), 0);
      if (attributes.isPresent()) {
        return attributes;
      }
    }
    return Optional.empty();
  }

  /**
   * Attributes of a transactional annotation, following meta-annotations declared in the analysed
   * sources.
   */
  private Optional<TxAttributes> attributesOf(
      AnnotationExpr annotation, String written, int depth) {
    String name = types.names().resolve(written);
    if (annotations.contains(name)) {
      return Optional.of(read(annotation, "@" + annotation.getNameAsString()));
    }
    TypeInfo info = types.index().type(name);
    if (info == null || !info.isAnnotationType() || depth > 2) {
      return Optional.empty();
    }
    for (AnnotationExpr meta : info.declaration().getAnnotations()) {
      TypeResolver metaTypes =
          new TypeResolver(
              info.declaration().findCompilationUnit().orElseThrow(),
              types.index(),
              types.catalog());
      String metaName = metaTypes.names().resolve(meta.getNameAsString());
      if (annotations.contains(metaName)) {
        TxAttributes carried = read(meta, "@" + annotation.getNameAsString());
        return Optional.of(carried);
      }
    }
    return Optional.empty();
  }

  private static TxAttributes read(AnnotationExpr annotation, String source) {
    boolean readOnly = false;
    String propagation = "REQUIRED";
    if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        String key = pair.getNameAsString();
        if (key.equals("readOnly") && pair.getValue() instanceof BooleanLiteralExpr b) {
          readOnly = b.getValue();
        } else if (key.equals("propagation") || key.equals("value")) {
          propagation = constantName(pair.getValue()).orElse(propagation);
        }
      }
    } else if (annotation instanceof SingleMemberAnnotationExpr single) {
      propagation = constantName(single.getMemberValue()).orElse(propagation);
    }
    return new TxAttributes(source, readOnly, propagation);
  }

  /** {@code Propagation.NEVER}, {@code TxType.NEVER} or a statically imported {@code NEVER}. */
  private static Optional<String> constantName(Expression value) {
    if (value instanceof FieldAccessExpr access) {
      return Optional.of(access.getNameAsString());
    }
    if (value instanceof NameExpr name) {
      return Optional.of(name.getNameAsString());
    }
    return Optional.empty(); // a string value names a transaction manager, not a propagation
  }

  static String shortCall(MethodCallExpr call) {
    return call.getScope().map(s -> Messages.shortText(s) + ".").orElse("")
        + call.getNameAsString()
        + "()";
  }
}
