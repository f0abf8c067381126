package io.semhash.spark;

import io.semhash.backend.BackendRejectedException;
import io.semhash.backend.BackendUnavailableException;
import io.semhash.codes.BitCode;
import io.semhash.corpus.Document;
import io.semhash.model.HashingModel;
import io.semhash.solrcloud.SolrCloudBackend;
import io.semhash.solrcloud.SolrNodes;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The task that feeds shard i of a SolrCloud collection from partition i (the documents of that
 * shard's hash range, in reading order): loads the broadcast model once, encodes the documents and
 * sends them with their codes in update requests of {@code batchSize} documents, without
 * committing (the driver commits once when every shard is fed).
 *
 * <p>A batch that finds SolrCloud unavailable is sent again ({@link SolrRetry}); then the task
 * fails and Spark may run it again, which sends the whole partition again: adds replace by id, so a
 * document sent twice is stored once. A batch Solr refuses (a 4xx) fails the job with Solr's reason.
 */
final class SolrShardTask implements Function2<Integer, Iterator<Tuple2<ShardKey, CorpusRecord>>, Iterator<ShardTask.Result>> {
  /** Where the documents go and how they are sent. */
  record Target(String urls, String collection, List<String> shardNames, Duration timeout, int batchSize, int retries)
      implements Serializable {}

  private final Broadcast<ModelFiles> model;
  private final Target target;
  private final LongAccumulator encoded;
  private final LongAccumulator sent;
  private final int failOnce;
  private final int failSends;

  /**
   * @param failOnce a shard whose first attempt fails after its first batch is sent (fault
   *     injection for tests), or -1
   * @param failSends a shard each of whose sends fails as if SolrCloud were unavailable (fault
   *     injection for tests), or -1
   */
  SolrShardTask(Broadcast<ModelFiles> model, Target target, LongAccumulator encoded, LongAccumulator sent, int failOnce,
      int failSends) {
    this.model = model;
    this.target = target;
    this.encoded = encoded;
    this.sent = sent;
    this.failOnce = failOnce;
    this.failSends = failSends;
  }

  @Override
  public Iterator<ShardTask.Result> call(Integer shard, Iterator<Tuple2<ShardKey, CorpusRecord>> records) throws Exception {
    TaskContext task = TaskContext.get();
    HashingModel encoder = model.value().load();
    String name = "shard " + target.shardNames().get(shard) + " of collection '" + target.collection() + "'";
    long documents = 0;
    try (SolrCloudBackend backend = SolrCloudBackend.open(SolrNodes.connect(target.urls(), target.timeout()),
        target.collection(), encoder.vectorizer().analyzer())) {
      List<Document> docs = new ArrayList<>(target.batchSize());
      List<BitCode> codes = new ArrayList<>(target.batchSize());
      int batches = 0;
      while (records.hasNext()) {
        Document d = records.next()._2().document();
        docs.add(d);
        codes.add(encoder.code(d.fullText()));
        encoded.add(1);
        if (docs.size() == target.batchSize() || !records.hasNext()) {
          send(backend, docs, codes, shard, name);
          documents += docs.size();
          sent.add(docs.size());
          docs.clear();
          codes.clear();
          if (++batches == 1 && shard == failOnce && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of " + name + ", attempt 0, after its first batch");
          }
        }
      }
    }
    return List.of(new ShardTask.Result(shard, documents)).iterator();
  }

  /** Sends one batch ({@link SolrRetry}); Solr's refusal fails the job with Solr's reason. */
  private void send(SolrCloudBackend backend, List<Document> docs, List<BitCode> codes, int shard, String name) {
    try {
      SolrRetry.call(target.retries(), name, () -> {
        if (shard == failSends) {
          throw new BackendUnavailableException("SolrCloud is unavailable (injected for " + name + ")", null);
        }
        backend.send(docs, codes);
        return null;
      });
    } catch (BackendRejectedException e) {
      throw new JobFailure(name + ": Solr refused the batch starting at document '" + docs.get(0).id() + "': "
          + e.getMessage());
    }
  }
}
