/**
 * Checks: one class per kind of validation. A {@link dev.selfhostguide.checks.Check} takes a
 * snippet and its context and returns findings at file:line; it never throws for bad input.
 */
package dev.selfhostguide.checks;
