/**
 * What several checks share: strict YAML and JSON parsing with lines, shell word splitting, the
 * port rules of the reference deployment, the variable catalog. Checks import this package and
 * never each other (ImportRulesTest), so each check can change without moving another's verdicts.
 */
package dev.selfhostguide.checks.support;
