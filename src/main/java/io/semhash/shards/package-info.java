/**
 * The sharded index directory: a top-level manifest ({@code shards.json}) listing shard
 * directories, each an ordinary index directory plus the global storage order of its documents
 * ({@code order.bin}); the compositeId routing of ids to shards (SolrCloud's); and {@link
 * io.semhash.shards.ShardedIndexBackend}, which serves all shards by scatter-gather in one
 * process and answers as one directory of the same documents would.
 *
 * <p>May use: {@code backend}, {@code codes}, {@code corpus}, {@code index}, {@code indexdir},
 * {@code json}. Must not use: models (codes come from the caller), training,
 * the HTTP layer.
 */
package io.semhash.shards;
