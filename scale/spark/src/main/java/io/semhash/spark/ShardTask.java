package io.semhash.spark;

import io.semhash.corpus.Document;
import io.semhash.files.AtomicDirectory;
import io.semhash.model.HashingModel;
import io.semhash.pipeline.ShardWriter;
import io.semhash.shards.ShardedLayout;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mapred.SparkHadoopMapRedUtil;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The task that writes shard i from partition i (its records in reading order): loads the
 * broadcast model once, encodes and writes the shard on local disk ({@link ShardWriter}), copies
 * it under an attempt name into the job's staging folder and commits it there under the shard's
 * name ({@link ShardCommitter}, authorised by Spark's output commit coordinator).
 */
final class ShardTask implements Function2<Integer, Iterator<Tuple2<ShardKey, CorpusRecord>>, Iterator<ShardTask.Result>> {
  static final String ATTEMPTS = "_attempts";

  /** What a committed shard holds. */
  record Result(int shard, long documents) implements Serializable {}

  private final Broadcast<ModelFiles> model;
  private final HadoopConf conf;
  private final String staging;
  private final boolean lastWins;
  private final int failOnce;
  private final LongAccumulator encoded;

  /**
   * @param failOnce a shard whose first attempt fails after its files are written but before it
   *     commits (fault injection for tests), or -1
   */
  ShardTask(Broadcast<ModelFiles> model, HadoopConf conf, String staging, boolean lastWins, int failOnce,
      LongAccumulator encoded) {
    this.model = model;
    this.conf = conf;
    this.staging = staging;
    this.lastWins = lastWins;
    this.failOnce = failOnce;
    this.encoded = encoded;
  }

  @Override
  public Iterator<Result> call(Integer shard, Iterator<Tuple2<ShardKey, CorpusRecord>> records) throws Exception {
    TaskContext task = TaskContext.get();
    HashingModel encoder = model.value().load();
    String name = ShardedLayout.shardName(shard);
    Path attempt = new Path(new Path(staging, ATTEMPTS), name + "-attempt-" + task.taskAttemptId());
    Path committed = new Path(staging, name);
    FileSystem fs = attempt.getFileSystem(conf.get());
    java.nio.file.Path local = Files.createTempDirectory("semhash-" + name + "-");
    try {
      long documents;
      try (ShardWriter writer = ShardWriter.create(encoder, local.resolve(name))) {
        FirstSeen seen = lastWins ? null : new FirstSeen();
        while (records.hasNext()) {
          CorpusRecord r = records.next()._2();
          if (seen != null) {
            seen.check(r);
          }
          Document d = r.document();
          writer.add(r.key(), d);
          encoded.add(1);
        }
        documents = writer.finish().documents();
      }
      fs.copyFromLocalFile(false, true, new Path(local.resolve(name).toUri()), attempt);
      if (shard == failOnce && task.attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of shard " + shard + ", attempt 0, before its commit");
      }
      TaskAttemptID id = new TaskAttemptID("semhash", task.stageId(), TaskType.REDUCE, shard, task.attemptNumber());
      SparkHadoopMapRedUtil.commitTask(new ShardCommitter(fs, attempt, committed),
          new TaskAttemptContextImpl(conf.get(), id), task.stageId(), shard);
      return List.of(new Result(shard, documents)).iterator();
    } finally {
      AtomicDirectory.deleteTree(local);
    }
  }
}
