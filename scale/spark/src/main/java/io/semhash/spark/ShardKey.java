package io.semhash.spark;

import java.io.Serializable;
import java.util.Comparator;

/** The shuffle key of a record: partitioned by id (its shard), sorted within the partition by order key. */
record ShardKey(long order, String id) implements Serializable {
  /** Sorts a partition into reading order (a named class: the comparator travels with the shuffle). */
  static final class ByOrder implements Comparator<ShardKey>, Serializable {
    @Override
    public int compare(ShardKey a, ShardKey b) {
      return Long.compare(a.order(), b.order());
    }
  }
}
