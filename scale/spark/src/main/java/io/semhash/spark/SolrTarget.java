package io.semhash.spark;

import io.semhash.model.HashingModel;
import io.semhash.shards.ShardRouting;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrCollections;
import io.semhash.solrcloud.SolrNodes;
import io.semhash.solrcloud.SolrShard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SolrCloud collection a {@link BuildIndexJob} writes into, seen from the driver: an existing
 * collection of semhash's configset (checked, its code length must be the model's, its shards'
 * hash ranges read from the cluster) or a new one, planned with the ranges Solr gives a new
 * collection of {@code --shards} shards and created only once the corpus has been read and checked,
 * so a bad corpus leaves no collection behind. The driver commits once at the end; a failed job
 * deletes a collection it created and never commits into an existing one.
 */
final class SolrTarget implements AutoCloseable {
  private final SolrNodes nodes;
  private final String collection;
  private final HashingModel model;
  private final List<SolrShard> shards;
  private final boolean existing;
  private final long before;
  private SolrCloudBackend backend;
  private boolean created;

  private SolrTarget(SolrNodes nodes, String collection, HashingModel model, List<SolrShard> shards, boolean existing,
      long before, SolrCloudBackend backend) {
    this.nodes = nodes;
    this.collection = collection;
    this.model = model;
    this.shards = shards;
    this.existing = existing;
    this.before = before;
    this.backend = backend;
  }

  /**
   * Connects to the cluster and plans the target: {@code collection} if it exists, else a new one of
   * {@code newShards} shards.
   *
   * @throws JobFailure when the existing collection holds codes of another length
   */
  static SolrTarget plan(String urls, Duration timeout, String collection, HashingModel model, int newShards) {
    SolrNodes nodes = SolrNodes.connect(urls, timeout);
    try {
      if (!SolrCollections.list(nodes).contains(collection)) {
        List<SolrShard> planned = new ArrayList<>();
        int[][] ranges = ShardRouting.ranges(newShards);
        for (int i = 0; i < ranges.length; i++) {
          planned.add(new SolrShard("shard" + (i + 1), ranges[i][0], ranges[i][1])); // Solr's names for a new collection
        }
        return new SolrTarget(nodes, collection, model, planned, false, 0, null);
      }
      SolrCloudBackend backend = SolrCloudBackend.open(nodes, collection, model.vectorizer().analyzer());
      if (!backend.shape().equals(model.codeShape())) {
        throw new JobFailure("collection '" + collection + "' holds " + backend.shape().description() + " codes, the model"
            + " makes " + model.codeShape().description() + " codes; choose another --collection (a new one is created)");
      }
      return new SolrTarget(nodes, collection, model, SolrCollections.shards(nodes, collection), true, backend.count(),
          backend);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  /** The shards in hash order; partition i feeds shard i. */
  List<SolrShard> shards() {
    return shards;
  }

  int[][] ranges() {
    return shards.stream().map(s -> new int[] {s.min(), s.max()}).toArray(int[][]::new);
  }

  boolean existing() {
    return existing;
  }

  /** Documents the collection held before the job (0 for a new one). */
  long before() {
    return before;
  }

  /**
   * Creates the planned collection of {@code replicas} replicas per shard when it does not exist,
   * and checks that Solr gave its shards the ranges the documents were partitioned by.
   */
  void createIfMissing(int replicas) {
    if (existing) {
      return;
    }
    SolrCollections.create(nodes, collection, shards.size(), replicas, model.codeShape(),
        model.vectorizer().analyzer().stems());
    created = true;
    List<SolrShard> actual = SolrCollections.shards(nodes, collection);
    if (!actual.equals(shards)) {
      throw new JobFailure("collection '" + collection + "' was created with the shards " + actual + ", not the "
          + shards + " its documents were partitioned by");
    }
    backend = SolrCloudBackend.open(nodes, collection, model.vectorizer().analyzer());
  }

  /**
   * The one commit of the job, sent again while SolrCloud is unavailable; returns the documents the
   * collection holds after it.
   */
  long commit(int retries) {
    return SolrRetry.call(retries, "collection '" + collection + "': the commit", () -> {
      backend.commit();
      return backend.count();
    });
  }

  /**
   * After a failure: deletes the collection if this job created it; an existing one is left as it
   * was, since nothing was committed. Returns what the user should know, or an empty string.
   */
  String discard() {
    if (!created) {
      return existing ? " (nothing was committed to collection '" + collection + "'; what was sent shows at its next"
          + " commit: run the job again to complete it)" : "";
    }
    try {
      SolrCollections.delete(nodes, collection);
      return " (collection '" + collection + "', created by this job, was deleted)";
    } catch (RuntimeException e) {
      return " (collection '" + collection + "', created by this job, could not be deleted: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (backend != null) {
      backend.close(); // closes the nodes
    } else {
      nodes.close();
    }
  }
}
