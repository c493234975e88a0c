package dev.txcheck.txflow;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import dev.txcheck.txapi.ApiMethod;
import dev.txcheck.types.NameResolver;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import dev.txcheck.types.TypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a body runs in a declarative or library-managed transaction: {@code @Transactional}
 * (Spring, JTA javax and jakarta, or an annotation of the analysed sources that carries one), on
 * the method or, for public methods, on the class; or the lambda of a transaction callback such as
 * {@code TransactionTemplate#execute}. Reads every attribute the rules need.
 */
public final class DeclarativeTx {
  private final TypeResolver types;
  private final CallClassifier calls;
  private final Set<String> annotations;
  private final ProxySemantics semantics;

  public DeclarativeTx(CallClassifier calls) {
    this(calls, ProxySemantics.SPRING_6);
  }

  public DeclarativeTx(CallClassifier calls, ProxySemantics semantics) {
    this.calls = calls;
    this.semantics = semantics;
    this.types = calls.types();
    this.annotations = types.catalog().transactionalAnnotations();
  }

  public ProxySemantics semantics() {
    return semantics;
  }

  /** The transaction the body runs in, if any. */
  public Optional<TxAttributes> of(Node body) {
    if (body instanceof MethodDeclaration method
        && method.getParentNode().orElse(null) instanceof ObjectCreationExpr creation) {
      return ofCallbackObject(creation);
    }
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

  /**
   * An implementation of a method that its framework runs in a transaction (catalog lines {@code
   * runs-in-transaction}: a Spring Batch {@code Tasklet#execute}, a chunk's {@code ItemWriter}).
   * The framework calls it, not a proxy, so no annotation and no proxyability is involved.
   */
  private Optional<TxAttributes> ofFramework(MethodDeclaration method) {
    if (method.isStatic()
        || !(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
      return Optional.empty();
    }
    String owner = type.getFullyQualifiedName().orElse(null);
    for (ApiMethod api : types.catalog().runInTransaction()) {
      if (owner != null
          && api.matchesName(method.getNameAsString())
          && api.matchesParameters(method.getParameters().size())
          && types.index().isSubtype(owner, api.owner())) {
        return Optional.of( // Spring Batch rolls the step's transaction back on any exception
            TxAttributes.rollingBackOnAnyException(
                TypeNames.simple(api.owner()) + "#" + api.name() + "()"));
      }
    }
    return Optional.empty();
  }

  /**
   * A method of an anonymous class handed to a transaction callback ({@code
   * transactionTemplate.execute(new TransactionCallbackWithoutResult() {...})}) runs in its
   * transaction, exactly like a lambda would.
   */
  private Optional<TxAttributes> ofCallbackObject(ObjectCreationExpr creation) {
    if (creation.getParentNode().orElse(null) instanceof MethodCallExpr call
        && Bodies.containsSame(call.getArguments(), creation)
        && calls.classify(call).callback()) {
      return Optional.of(new TxAttributes(shortCall(call), false, "REQUIRED"));
    }
    return Optional.empty();
  }

  private Optional<TxAttributes> ofMethod(MethodDeclaration method) {
    return ofMethodAsWritten(method).map(tx -> inTest(method, tx));
  }

  private Optional<TxAttributes> ofMethodAsWritten(MethodDeclaration method) {
    if (inInterceptor(method)) {
      return Optional.empty();
    }
    Optional<TxAttributes> own = fromAnnotations(method);
    if (own.isPresent()) {
      return own;
    }
    Optional<TxAttributes> framework = ofFramework(method);
    if (framework.isPresent()) {
      return framework;
    }
    boolean proxied = method.isPublic() || isInterfaceMember(method);
    if (!proxied || method.isStatic()) {
      return Optional.empty();
    }
    return method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        ? declaredOn(type)
        : Optional.empty();
  }

  /**
   * The transaction a call through the proxy gives the method: its own annotation when a proxy can
   * apply it, else its class's for a public method. Empty for methods no proxy intercepts ({@link
   * Proxyability}): those are TX004's business.
   */
  public Optional<TxAttributes> effective(MethodDeclaration method) {
    return effectiveAsWritten(method).map(tx -> inTest(method, tx));
  }

  /**
   * Spring's test support rolls back the transaction of a test method (and of the set-up and
   * tear-down methods it runs in it) after the test, unless told to commit.
   */
  private TxAttributes inTest(MethodDeclaration method, TxAttributes tx) {
    if (!(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)
        || !isTestClass(type)
        || TestCode.commitsTestTransaction(method)
        || committingTestClass(type)) {
      return tx;
    }
    return tx.inTestTransaction();
  }

  /** A test class, or a subclass of one of the sources (a disabled helper of a test suite). */
  private boolean isTestClass(TypeDeclaration<?> type) {
    return selfOrSourceSupertype(type, TestCode::isTestClass);
  }

  /**
   * {@code @Commit} or {@code @Rollback(false)} on the test class or a superclass of the sources.
   */
  private boolean committingTestClass(TypeDeclaration<?> type) {
    return selfOrSourceSupertype(type, TestCode::commitsTestTransaction);
  }

  /** True when the type, or one of its supertypes declared in the sources, is as asked. */
  private boolean selfOrSourceSupertype(
      TypeDeclaration<?> type, Predicate<TypeDeclaration<?>> asked) {
    if (asked.test(type)) {
      return true;
    }
    String name = type.getFullyQualifiedName().orElse(null);
    if (name == null) {
      return false;
    }
    for (String supertype : types.index().supertypes(name)) {
      TypeInfo info = types.index().type(supertype);
      if (info != null && asked.test(info.declaration())) {
        return true;
      }
    }
    return false;
  }

  private Optional<TxAttributes> effectiveAsWritten(MethodDeclaration method) {
    if (inInterceptor(method)) {
      return Optional.empty();
    }
    Optional<TxAttributes> own = fromAnnotations(method);
    if (own.isPresent()) {
      return Proxyability.problem(method, own.get(), semantics).isPresent()
          ? Optional.empty()
          : own;
    }
    Optional<TxAttributes> framework = ofFramework(method);
    if (framework.isPresent()) {
      return framework;
    }
    boolean proxied = method.isPublic() || isInterfaceMember(method);
    if (!proxied || method.isStatic() || method.isPrivate()) {
      return Optional.empty();
    }
    Optional<TxAttributes> onClass =
        method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
            ? declaredOn(type)
            : Optional.empty();
    return onClass.filter(tx -> Proxyability.problem(method, tx, semantics).isEmpty());
  }

  /**
   * The attributes a transactional annotation on the method itself declares (directly or through a
   * meta-annotation), whether or not a proxy can apply them.
   */
  public Optional<TxAttributes> declaredOn(MethodDeclaration method) {
    return inInterceptor(method) ? Optional.empty() : fromAnnotations(method);
  }

  /**
   * A method of a CDI interceptor class: its class's {@code @Transactional} is the interceptor
   * binding, and an interceptor's own methods are not intercepted.
   */
  private boolean inInterceptor(MethodDeclaration method) {
    return method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        && isInterceptor(type);
  }

  private boolean isInterceptor(TypeDeclaration<?> type) {
    Set<String> interceptors = types.catalog().interceptorAnnotations();
    if (interceptors.isEmpty()) {
      return false;
    }
    NameResolver names =
        type.findCompilationUnit().map(cu -> types.index().names(cu)).orElse(types.names());
    return type.getAnnotations().stream()
        .anyMatch(a -> interceptors.contains(names.resolve(a.getNameAsString())));
  }

  /**
   * The attributes the class declares for its public methods: its own annotation, or one inherited
   * from a superclass of the analysed sources (Spring's annotation is {@code @Inherited}).
   */
  public Optional<TxAttributes> declaredOn(TypeDeclaration<?> type) {
    if (isInterceptor(type)) {
      return Optional.empty();
    }
    Optional<TxAttributes> onClass = fromAnnotations(type).map(TxAttributes::fromClass);
    if (onClass.isPresent()) {
      return onClass;
    }
    String name = type.getFullyQualifiedName().orElse(null);
    if (name != null) {
      for (String supertype : types.index().supertypes(name)) {
        TypeInfo info = types.index().type(supertype);
        if (info != null) {
          Optional<TxAttributes> inherited =
              fromAnnotations(info.declaration()).map(TxAttributes::fromClass);
          if (inherited.isPresent()) {
            return inherited;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isInterfaceMember(MethodDeclaration method) {
    return method.getParentNode().orElse(null) instanceof ClassOrInterfaceDeclaration c
        && c.isInterface();
  }

  private Optional<TxAttributes> fromAnnotations(NodeWithAnnotations<?> annotated) {
    for (AnnotationExpr annotation : annotated.getAnnotations()) {
      Optional<TxAttributes> attributes = attributesOf(annotation, 0);
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
  private Optional<TxAttributes> attributesOf(AnnotationExpr annotation, int depth) {
    NameResolver names =
        annotation.findCompilationUnit().map(cu -> types.index().names(cu)).orElse(types.names());
    String name = names.resolve(annotation.getNameAsString());
    if (annotations.contains(name)) {
      return Optional.of(read(annotation, annotation, name, names));
    }
    TypeInfo info = types.index().type(name);
    if (info == null || !info.isAnnotationType() || depth > 2) {
      return Optional.empty();
    }
    NameResolver metaNames =
        types.index().names(info.declaration().findCompilationUnit().orElseThrow());
    for (AnnotationExpr meta : info.declaration().getAnnotations()) {
      String metaName = metaNames.resolve(meta.getNameAsString());
      if (annotations.contains(metaName)) {
        return Optional.of(read(meta, annotation, metaName, metaNames));
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the attributes of {@code declaring}, the transactional annotation itself; {@code used} is
   * the annotation as written on the method or class (the same one, or a meta-annotated one).
   */
  private static TxAttributes read(
      AnnotationExpr declaring, AnnotationExpr used, String qualified, NameResolver names) {
    boolean readOnly = false;
    String propagation = "REQUIRED";
    String isolation = null;
    String timeout = null;
    List<String> rollback = new ArrayList<>();
    List<String> noRollback = new ArrayList<>();
    List<String> rollbackNames = new ArrayList<>();
    List<String> noRollbackNames = new ArrayList<>();
    if (declaring instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        Expression value = pair.getValue();
        switch (pair.getNameAsString()) {
          case "readOnly" -> readOnly = value instanceof BooleanLiteralExpr b && b.getValue();
          case "propagation", "value" -> propagation = constantName(value).orElse(propagation);
          case "isolation" -> isolation = constantName(value).orElse(null);
          case "timeout", "timeoutString" -> timeout = value.toString();
          case "rollbackFor", "rollbackOn" -> rollback.addAll(classLiterals(value, names));
          case "noRollbackFor", "dontRollbackOn" -> noRollback.addAll(classLiterals(value, names));
          case "rollbackForClassName" -> rollbackNames.addAll(strings(value));
          case "noRollbackForClassName" -> noRollbackNames.addAll(strings(value));
          default -> {}
        }
      }
    } else if (declaring instanceof SingleMemberAnnotationExpr single) {
      propagation = constantName(single.getMemberValue()).orElse(propagation);
    }
    return new TxAttributes(
        "@" + used.getNameAsString(),
        readOnly,
        propagation,
        isolation,
        timeout,
        rollback,
        noRollback,
        rollbackNames,
        noRollbackNames,
        !qualified.startsWith("org.springframework."),
        used,
        true,
        false);
  }

  /** {@code IOException.class} or {@code {A.class, B.class}}, as qualified names. */
  private static List<String> classLiterals(Expression value, NameResolver names) {
    List<String> result = new ArrayList<>();
    for (Expression element : elements(value)) {
      if (element instanceof ClassExpr literal) {
        result.add(names.resolve(literal.getType().asString()));
      }
    }
    return result;
  }

  private static List<String> strings(Expression value) {
    List<String> result = new ArrayList<>();
    for (Expression element : elements(value)) {
      if (element instanceof StringLiteralExpr literal) {
        result.add(literal.getValue());
      }
    }
    return result;
  }

  private static List<Expression> elements(Expression value) {
    return value instanceof ArrayInitializerExpr array ? array.getValues() : List.of(value);
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
