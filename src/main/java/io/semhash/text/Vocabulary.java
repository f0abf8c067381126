package io.semhash.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The terms the model sees, each with its document frequency on the train split. Term i is
 * input and output unit i of the model. Saved as a readable TSV that reloads identically; the
 * same input gives a byte-identical file (terms ordered by df descending, then by term).
 */
public final class Vocabulary {
  static final String COOKIE = "# semhash-vocabulary v1";
  private final String[] terms;
  private final int[] df;
  private final int documents;
  private final boolean stemmed;
  private final Map<String, Integer> index;

  private Vocabulary(String[] terms, int[] df, int documents, boolean stemmed) {
    this.terms = terms;
    this.df = df;
    this.documents = documents;
    this.stemmed = stemmed;
    this.index = new HashMap<>(terms.length * 2);
    for (int i = 0; i < terms.length; i++) {
      index.put(terms[i], i);
    }
  }

  /**
   * Fits a vocabulary on the term sets of the train documents.
   *
   * @param trainTermSets for each train document, its distinct terms (or term counts' key sets)
   */
  public static Vocabulary fit(Collection<? extends Collection<String>> trainTermSets, VocabularyOptions options) {
    Map<String, Integer> dfCounts = new HashMap<>();
    for (Collection<String> terms : trainTermSets) {
      for (String t : terms) {
        dfCounts.merge(t, 1, Integer::sum);
      }
    }
    int n = trainTermSets.size();
    double maxDocs = options.maxDf() * n;
    List<Map.Entry<String, Integer>> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : dfCounts.entrySet()) {
      if (e.getValue() >= options.minDf() && e.getValue() <= maxDocs) {
        kept.add(e);
      }
    }
    kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    int v = Math.min(options.size(), kept.size());
    String[] terms = new String[v];
    int[] df = new int[v];
    for (int i = 0; i < v; i++) {
      terms[i] = kept.get(i).getKey();
      df[i] = kept.get(i).getValue();
    }
    return new Vocabulary(terms, df, n, options.stem());
  }

  public int size() {
    return terms.length;
  }

  /** Number of train documents the document frequencies were counted on. */
  public int documents() {
    return documents;
  }

  public boolean stemmed() {
    return stemmed;
  }

  /** Index of a term, or -1 when it is not in the vocabulary. */
  public int indexOf(String term) {
    Integer i = index.get(term);
    return i == null ? -1 : i;
  }

  public String term(int i) {
    return terms[i];
  }

  public int df(int i) {
    return df[i];
  }

  /** The file contents, as {@link #save} writes them. */
  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder(terms.length * 12);
    sb.append(COOKIE).append('\n');
    sb.append("# documents\t").append(documents).append('\n');
    sb.append("# stemmed\t").append(stemmed).append('\n');
    for (int i = 0; i < terms.length; i++) {
      sb.append(terms[i]).append('\t').append(df[i]).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 of the file contents: ties a model to the exact vocabulary it was trained on. */
  public String checksum() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Writes to a temporary file and renames, so a reader never sees half a vocabulary. */
  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, toBytes());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Loads a saved vocabulary; a wrong header or a bad line is an error naming file and line. */
  public static Vocabulary load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(COOKIE)) {
      throw new IOException(
          file + ": not a semhash vocabulary: expected first line '" + COOKIE + "', got '"
              + (lines.isEmpty() ? "" : lines.get(0)) + "'");
    }
    int documents;
    try {
      documents = Integer.parseInt(header(file, lines, 1, "# documents"));
    } catch (NumberFormatException e) {
      throw new IOException(file + ":2: document count is not a number");
    }
    boolean stemmed = Boolean.parseBoolean(header(file, lines, 2, "# stemmed"));
    int v = lines.size() - 3;
    String[] terms = new String[v];
    int[] df = new int[v];
    for (int i = 0; i < v; i++) {
      String line = lines.get(i + 3);
      int tab = line.indexOf('\t');
      try {
        if (tab <= 0) {
          throw new NumberFormatException("no tab");
        }
        terms[i] = line.substring(0, tab);
        df[i] = Integer.parseInt(line.substring(tab + 1));
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + (i + 4) + ": expected 'term<TAB>df', got '" + line + "'");
      }
    }
    Vocabulary vocab = new Vocabulary(terms, df, documents, stemmed);
    if (vocab.index.size() != v) {
      throw new IOException(file + ": duplicate terms");
    }
    return vocab;
  }

  private static String header(Path file, List<String> lines, int i, String key) throws IOException {
    if (lines.size() <= i || !lines.get(i).startsWith(key + "\t")) {
      throw new IOException(file + ":" + (i + 1) + ": expected '" + key + "<TAB>value'");
    }
    return lines.get(i).substring(key.length() + 1);
  }

  /** Terms sorted for display, e.g. the top of the vocabulary. */
  public List<String> terms() {
    return List.of(terms);
  }
}
