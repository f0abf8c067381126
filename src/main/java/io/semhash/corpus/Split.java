package io.semhash.corpus;

import java.util.Locale;

/** Which part of a corpus a document belongs to: the database/training part or the query/test part. */
public enum Split {
  TRAIN,
  TEST;

  /** Parses {@code train} or {@code test} (case-insensitive); anything else is an error naming the value. */
  public static Split parse(String value) {
    if (value != null) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "train":
          return TRAIN;
        case "test":
          return TEST;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("split must be 'train' or 'test', got '" + value + "'");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
