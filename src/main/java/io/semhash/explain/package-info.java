/**
 * Explaining codes: what each bit means (read off the decoder), why two codes are close, and how
 * well a model uses its bits (dead and redundant bits).
 */
package io.semhash.explain;
