package io.semhash.testing;

import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic corpus with planted topics: each topic owns a vocabulary of its own, and every
 * document draws most of its words from its topic and a few from a shared pool. A working model
 * must give same-topic documents nearby codes.
 */
public final class PlantedTopics {
  private PlantedTopics() {}

  public static List<Document> corpus(int topics, int docsPerTopic, int wordsPerTopic, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Document> docs = new ArrayList<>();
    for (int d = 0; d < docsPerTopic; d++) {
      for (int t = 0; t < topics; t++) {
        StringBuilder text = new StringBuilder();
        int length = 40 + r.nextInt(40);
        for (int w = 0; w < length; w++) {
          if (r.nextDouble() < 0.8) {
            text.append(word("t" + t, r.nextInt(wordsPerTopic)));
          } else {
            text.append(word("shared", r.nextInt(wordsPerTopic)));
          }
          text.append(' ');
        }
        Split split = d % 5 == 4 ? Split.TEST : Split.TRAIN;
        docs.add(new Document("t" + t + "-d" + d, "", text.toString(), List.of("topic" + t), split));
      }
    }
    return docs;
  }

  /** Letters only, so the analyzer keeps every word. */
  private static String word(String prefix, int i) {
    StringBuilder sb = new StringBuilder(prefix.replaceAll("[0-9]", "")).append(prefix.replaceAll("[^0-9]", "").chars()
        .mapToObj(c -> String.valueOf((char) ('a' + c - '0'))).reduce("", String::concat));
    sb.append('x');
    for (char c : Integer.toString(i).toCharArray()) {
      sb.append((char) ('a' + c - '0'));
    }
    return sb.toString();
  }
}
