/**
 * The picocli commands ({@code build}, {@code train}, {@code eval}, {@code index}, {@code search},
 * {@code serve}, {@code demo}, {@code bits}, {@code estimators}, {@code corpus-stats}), their
 * flags over {@code config/semhash.yaml}, and one-line errors with exit codes.
 *
 * <p>May use: every package; nothing uses it.
 */
package io.semhash.cli;
