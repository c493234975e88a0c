package dev.txcheck.rules;

import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.txcheck.finding.Severity;
import dev.txcheck.txflow.Proxyability;
import dev.txcheck.txflow.Proxyability.Barrier;
import dev.txcheck.txflow.TxAttributes;
import java.util.Optional;

/** TX004: a transactional annotation where no proxy can apply it. */
@RuleInfo(
    id = "TX004",
    name = "transactional-non-proxyable",
    severity = Severity.ERROR,
    summary =
        "A @Transactional method is private, static or final, or in a final class, so no proxy applies the transaction.")
public final class TransactionalNonProxyable implements Rule {

  @Override
  public void check(BodyContext body, Reporter reporter) {
    if (!(body.body() instanceof MethodDeclaration method)) {
      return;
    }
    Optional<TxAttributes> own = body.declarative().declaredOn(method);
    if (own.isPresent()) {
      Proxyability.problem(method, own.get(), body.declarative().semantics())
          .ifPresent(
              why -> reporter.report(own.get().annotation(), message(method, own.get(), why)));
      return;
    }
    if (method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
        && Proxyability.finalWithoutInterface(type)
        && isFirstPublicMethod(method, type)) {
      // The class-level annotation is one mistake: reported once, from the first method it covers.
      body.declarative()
          .declaredOn(type)
          .filter(tx -> type.getAnnotations().stream().anyMatch(a -> a == tx.annotation()))
          .ifPresent(
              tx ->
                  reporter.report(
                      tx.annotation(),
                      "the class "
                          + type.getNameAsString()
                          + " is final and implements no interface, so no proxy can apply its "
                          + tx.source()
                          + ": its methods run without a transaction (or the application fails to"
                          + " start); remove final"));
    }
  }

  private static String message(MethodDeclaration method, TxAttributes tx, Barrier why) {
    String name = method.getNameAsString() + "()";
    String consequence =
        ", so "
            + name
            + " runs without the transaction it asks for (or in its caller's, unchanged)";
    return switch (why) {
      case PRIVATE, STATIC ->
          tx.source()
              + " on the "
              + why.words()
              + " method "
              + name
              + " has no effect: a proxy only intercepts calls it can override"
              + consequence
              + "; make it public and call it through the bean, or annotate the public method that"
              + " calls it";
      case FINAL_METHOD ->
          name
              + " is final: a class-based proxy cannot override it, so "
              + tx.source()
              + " is not applied and calls through the proxy run on the proxy instance itself,"
              + " whose injected fields are null; remove final";
      case PROTECTED, PACKAGE_PRIVATE ->
          "Spring before 6 applies "
              + tx.source()
              + " to public methods only and "
              + name
              + " is "
              + why.words()
              + consequence
              + "; make it public";
      case FINAL_CLASS ->
          name
              + " is "
              + why.words()
              + " that implements no interface: no proxy can apply "
              + tx.source()
              + consequence
              + "; remove final from the class";
    };
  }

  private static boolean isFirstPublicMethod(MethodDeclaration method, TypeDeclaration<?> type) {
    for (BodyDeclaration<?> member : type.getMembers()) {
      if (member instanceof MethodDeclaration m && m.isPublic() && !m.isStatic()) {
        return m == method;
      }
    }
    return false;
  }
}
