/**
 * The offline work: {@code semhash build} (read, vocabulary, train, encode, write the index
 * directory atomically, timed per stage), {@code semhash index} (an index directory from a
 * trained model), training with validation on the train split only, and {@code semhash eval}'s
 * run of the evaluation protocol with its baselines.
 *
 * <p>May use everything below it in docs/ARCHITECTURE.md except the query pipeline and the HTTP
 * layer: building is apart from serving.
 */
package io.semhash.pipeline;
