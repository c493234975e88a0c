package dev.txcheck.txapi;

import com.github.javaparser.ast.expr.Expression;
import java.util.List;
import java.util.Set;

/**
 * One catalog line: a method pattern and what a matching call does.
 *
 * @param effects what the call does
 * @param owner the fully qualified type declaring the method, or {@code *} for any receiver
 * @param name the method name, or {@code *} for every method of the owner
 * @param args the argument pattern
 * @param handle which value holds the transaction
 * @param returnType the type the call returns, or null
 * @param lambdaType the type of the first parameter of a lambda passed to the call, or null ({@code
 *     jdbi.useTransaction(handle -> ...)} gets a {@code Handle})
 * @param origin where the line came from, for messages: {@code catalog.txt:12}
 */
public record ApiMethod(
    Set<Effect> effects,
    String owner,
    String name,
    ArgsPattern args,
    HandleSite handle,
    String returnType,
    String lambdaType,
    String origin) {

  public static final String ANY = "*";

  public boolean has(Effect effect) {
    return effects.contains(effect);
  }

  /** A name pattern ending in {@code *} ({@code save*}) matches every name with that prefix. */
  public boolean isPrefix() {
    return name.length() > 1 && name.endsWith(ANY);
  }

  public boolean matchesName(String methodName) {
    return name.equals(ANY)
        || name.equals(methodName)
        || (isPrefix() && methodName.startsWith(name.substring(0, name.length() - 1)));
  }

  public boolean anyOwner() {
    return owner.equals(ANY);
  }

  /**
   * True for an owner written {@code @ANNOTATION}: the method belongs to every type of the analysed
   * sources carrying that annotation (an OpenFeign client interface).
   */
  public boolean annotatedOwner() {
    return owner.startsWith("@");
  }

  /** The owner's qualified name without a leading {@code @}. */
  public String ownerName() {
    return annotatedOwner() ? owner.substring(1) : owner;
  }

  /** The call's arguments may match the pattern (see {@link ArgsPattern#matches}). */
  public boolean matchesArgs(List<Expression> actual) {
    return args.matches(actual);
  }

  /** The call's arguments surely match: its boolean arguments are written as the pattern's. */
  public boolean matchesArgsLiterally(List<Expression> actual) {
    return args.matchesLiterally(actual);
  }

  /** True when a method declared with that many parameters fits the argument pattern. */
  public boolean matchesParameters(int count) {
    return args.matchesCount(count);
  }

  @Override
  public String toString() {
    return owner + "#" + name + args;
  }
}
