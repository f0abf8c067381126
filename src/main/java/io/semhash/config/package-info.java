/**
 * {@code config/semhash.yaml}: its records, the range checks of every key (once, here), and the
 * corpus, vocabulary and training options they make. An unknown key or a wrong type is an error
 * naming the key.
 *
 * <p>May use: {@code codes} (the code a model makes), {@code corpus}, {@code model}, {@code text}.
 */
package io.semhash.config;
