/**
 * The rules: one small stateless class each, metadata in its {@link dev.txcheck.rules.RuleInfo},
 * registered in {@link dev.txcheck.rules.Rules}. Shared logic lives in the engine packages, never
 * in a rule.
 */
package dev.txcheck.rules;
