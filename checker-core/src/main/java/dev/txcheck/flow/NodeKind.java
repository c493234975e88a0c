package dev.txcheck.flow;

/** What a control-flow node stands for. The AST node it carries is given per kind. */
public enum NodeKind {
  /** Start of the body. No AST node (the body's declaration). */
  ENTRY,
  /**
   * Normal completion of the body (fall off the end or {@code return}). AST: the body's
   * declaration.
   */
  NORMAL_EXIT,
  /** An exception leaves the body. AST: the body's declaration. */
  EXCEPTIONAL_EXIT,
  /** A method call, after its scope and arguments. AST: {@code MethodCallExpr}. May throw. */
  CALL,
  /** An object creation, after its arguments. AST: {@code ObjectCreationExpr}. May throw. */
  NEW,
  /**
   * Explicit or implicit constructor call. AST: {@code ExplicitConstructorInvocationStmt}. May
   * throw.
   */
  CONSTRUCTOR_CALL,
  /**
   * A branch point, after the calls inside the condition. AST: the condition {@code Expression}.
   */
  CONDITION,
  /**
   * A local variable gets a value. AST: {@code VariableDeclarator} (with initializer) or {@code
   * AssignExpr}.
   */
  ASSIGN,
  /**
   * A {@code return}, after its expression. AST: {@code ReturnStmt}. Edge to the exit (through
   * finally).
   */
  RETURN,
  /**
   * An explicit {@code throw}, after its expression. AST: {@code ThrowStmt}. Only exceptional
   * edges.
   */
  THROW,
  /** Entry of a catch clause. AST: {@code CatchClause}. */
  CATCH,
  /**
   * The implicit {@code close()} of a try-with-resources resource. AST: the resource {@code
   * Expression} (a {@code VariableDeclarationExpr} or a name/field access). May throw.
   */
  RESOURCE_CLOSE,
  /**
   * Dispatch of a switch statement or expression, after the selector. AST: {@code
   * SwitchStmt}/{@code SwitchExpr}.
   */
  SWITCH,
  /**
   * Start of each round of an enhanced for loop. AST: {@code ForEachStmt}. Edges to the body and
   * past the loop.
   */
  FOREACH,
  /** A jump: {@code break}, {@code continue} or {@code yield}. AST: the statement. */
  JUMP,
  /** Start of a finally block copy. AST: the finally {@code BlockStmt}. */
  FINALLY
}
