/**
 * The estimator study behind {@code semhash estimators}: bias², variance, MSE and cosine of every
 * estimator against the exact gradient, on synthetic objectives and on a decoder-shaped one.
 * A research subject of its own, apart from the retrieval figures in {@code eval}.
 *
 * <p>May use: {@code estimator}, ND4J.
 */
package io.semhash.study;
