/**
 * The command line: {@code build}, {@code check}, {@code serve}, {@code bundle} and
 * {@code doctor}. Each command wires the stages together and reports findings as
 * {@code file:line: [check] message}; exit codes are 0 (success), 1 (content problems), 2 (usage).
 */
package dev.selfhostguide.cli;
