package io.semhash.corpus;

import java.util.List;

/**
 * Reads split, label and id from a file's path inside a corpus tree:
 * {@code <name>-train/<label>/<file>} or {@code <name>-test/<label>/<file>} (the 20 Newsgroups
 * "bydate" layout), {@code <label>/<file>} (no split), or {@code <file>} (no label).
 */
record TreeLayout(String id, List<String> labels, Split split) {
  static TreeLayout of(List<String> parts) {
    int n = parts.size();
    String file = parts.get(n - 1);
    if (n >= 3) {
      Split split = splitOfDir(parts.get(n - 3));
      if (split != null) {
        String label = parts.get(n - 2);
        return new TreeLayout(label + "/" + file, List.of(label), split);
      }
    }
    if (n >= 2) {
      String label = parts.get(n - 2);
      Split split = splitOfDir(label);
      if (split != null) {
        // <name>-train/<file>: a split but no label
        return new TreeLayout(file, List.of(), split);
      }
      return new TreeLayout(label + "/" + file, List.of(label), null);
    }
    return new TreeLayout(file, List.of(), null);
  }

  private static Split splitOfDir(String dir) {
    if (dir.endsWith("-train") || dir.equals("train")) {
      return Split.TRAIN;
    }
    if (dir.endsWith("-test") || dir.equals("test")) {
      return Split.TEST;
    }
    return null;
  }
}
