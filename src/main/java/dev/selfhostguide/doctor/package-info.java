/**
 * {@code guide doctor}: the guide's checks on a reader's own files. Decides what each file is
 * (kind, and for a .env the program that reads it), finds the files of a folder, runs the checks,
 * checks the files against each other (ports, host names, shared secrets), keeps secret values out
 * of every output, and writes the report as text, JSON or SARIF. Needs no JRuby.
 */
package dev.selfhostguide.doctor;
