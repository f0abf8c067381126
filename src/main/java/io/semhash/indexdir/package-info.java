/**
 * The index directory: its layout ({@code index.json}, {@code model/}, {@code hamming/},
 * {@code lucene/}), its manifest and records, the repair after a crash between the Lucene commit
 * and the Hamming save, and {@link io.semhash.indexdir.LocalIndexBackend}, the backend over one
 * directory on this machine.
 *
 * <p>May use: {@code backend}, {@code codes}, {@code corpus}, {@code files}, {@code index},
 * {@code json}, {@code store}. Must not use: models (codes for a repair come from the caller),
 * training, the HTTP layer.
 */
package io.semhash.indexdir;
