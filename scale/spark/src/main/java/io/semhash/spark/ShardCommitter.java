package io.semhash.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Commits one shard: a task attempt writes its shard complete under an attempt name, and the
 * commit renames it to the shard's name. Spark's output commit coordinator (through {@code
 * SparkHadoopMapRedUtil.commitTask}) lets exactly one attempt of each partition commit, so a
 * failed, retried or speculative attempt never leaves a shard, whole or half, under the shard's
 * name; what uncommitted attempts leave is deleted with the attempts folder when the job ends.
 */
final class ShardCommitter extends OutputCommitter {
  private final FileSystem fs;
  private final Path attempt;
  private final Path shard;

  ShardCommitter(FileSystem fs, Path attempt, Path shard) {
    this.fs = fs;
    this.attempt = attempt;
    this.shard = shard;
  }

  @Override
  public void setupJob(JobContext job) {}

  @Override
  public void setupTask(TaskAttemptContext task) {}

  @Override
  public boolean needsTaskCommit(TaskAttemptContext task) {
    return true;
  }

  @Override
  public void commitTask(TaskAttemptContext task) throws IOException {
    if (fs.exists(shard)) {
      throw new IOException(shard + ": already committed by another attempt");
    }
    if (!fs.rename(attempt, shard)) {
      throw new IOException("could not rename " + attempt + " to " + shard);
    }
  }

  @Override
  public void abortTask(TaskAttemptContext task) throws IOException {
    fs.delete(attempt, true);
  }
}
