package dev.txcheck.txflow;

import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import dev.txcheck.types.ExceptionTypes;
import dev.txcheck.types.Memo;
import dev.txcheck.types.ProjectIndex;
import dev.txcheck.types.TypeInfo;
import dev.txcheck.types.TypeNames;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What a declarative transaction does when an exception leaves its method. Spring and JTA roll back
 * on unchecked exceptions ({@code RuntimeException}, {@code Error}) and commit on checked ones,
 * unless {@code rollbackFor}/{@code rollbackOn}/{@code rollbackForClassName} says otherwise.
 */
public final class RollbackRules {
  /** Per analysis: whether the sources switch Spring 6.2's default to rolling back on all. */
  private static final Map<ProjectIndex, Memo<String, Boolean>> ROLLBACK_ON_ALL =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final ExceptionTypes exceptions;
  private final ProjectIndex index;

  public RollbackRules(ProjectIndex index) {
    this.index = index;
    this.exceptions = new ExceptionTypes(index);
  }

  public ExceptionTypes exceptions() {
    return exceptions;
  }

  /**
   * True when the transaction surely commits the work done so far if the (checked) exception leaves
   * the method: no rollback rule covers it, and no no-rollback rule shows that committing is meant.
   */
  public boolean commitsOn(TxAttributes tx, String exception) {
    if (!exceptions.isChecked(exception).orElse(false)) {
      return false;
    }
    if (!tx.jta() && rollsBackOnAll()) {
      return false;
    }
    Set<String> lineage = exceptions.lineage(exception);
    return !anyCovers(tx.rollback(), lineage)
        && !anyCovers(tx.noRollback(), lineage)
        && !anyNamed(tx.rollbackNames(), lineage)
        && !anyNamed(tx.noRollbackNames(), lineage);
  }

  /**
   * A rule type covers an exception of its own type or a subtype (by simple name if unresolved).
   */
  private static boolean anyCovers(List<String> types, Set<String> lineage) {
    for (String type : types) {
      boolean qualified = type.contains(".");
      for (String t : lineage) {
        if (qualified ? t.equals(type) : TypeNames.simple(t).equals(type)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Spring's class-name rules match when the name of the exception or a supertype contains them.
   */
  private static boolean anyNamed(List<String> patterns, Set<String> lineage) {
    for (String pattern : patterns) {
      for (String t : lineage) {
        if (t.contains(pattern)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Spring 6.2's {@code @EnableTransactionManagement(rollbackOn = ALL_EXCEPTIONS)} makes every
   * exception roll back.
   */
  private boolean rollsBackOnAll() {
    return ROLLBACK_ON_ALL
        .computeIfAbsent(index, i -> new Memo<>())
        .computeIfAbsent("", k -> declaresRollbackOnAll(index));
  }

  private static boolean declaresRollbackOnAll(ProjectIndex index) {
    for (TypeInfo type : index.types()) {
      // The index's facts first: reading every declaration would fetch every tree.
      if (type.annotations().stream().noneMatch(a -> a.endsWith("EnableTransactionManagement"))) {
        continue;
      }
      for (AnnotationExpr annotation : type.declaration().getAnnotations()) {
        if (annotation.getNameAsString().endsWith("EnableTransactionManagement")
            && annotation instanceof NormalAnnotationExpr normal) {
          for (MemberValuePair pair : normal.getPairs()) {
            if (pair.getNameAsString().equals("rollbackOn")
                && pair.getValue().toString().endsWith("ALL_EXCEPTIONS")) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
