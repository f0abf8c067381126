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
 * The terms the model sees, each with its document frequency on the train split and the word a
 * person reads for it. Term i is input and output unit i of the model. Saved as a readable TSV
 * that reloads identically; the same input gives a byte-identical file (terms ordered by df
 * descending, then by term).
 *
 * <p>Format v2 (written now) has a line {@code term<TAB>df<TAB>word} per term, the word being the
 * term's most frequent surface form on the train split ("shuttle" for the stem "shuttl"). A v1
 * file ({@code term<TAB>df}) still loads, each term its own word, and writes back as v1 so the
 * checksum its model's manifest holds stays true.
 */
public final class Vocabulary {
  static final String COOKIE_V1 = "# semhash-vocabulary v1";
  static final String COOKIE = "# semhash-vocabulary v2";
  private final String[] terms;
  private final int[] df;
  private final String[] words;
  private final int documents;
  private final boolean stemmed;
  private final int version;
  private final Map<String, Integer> index;

  private Vocabulary(String[] terms, int[] df, String[] words, int documents, boolean stemmed, int version) {
    this.terms = terms;
    this.df = df;
    this.words = words;
    this.documents = documents;
    this.stemmed = stemmed;
    this.version = version;
    this.index = new HashMap<>(terms.length * 2);
    for (int i = 0; i < terms.length; i++) {
      index.put(terms[i], i);
    }
  }

  /**
   * Fits a vocabulary on the term sets of the train documents, each term its own word (as without
   * stemming).
   *
   * @param trainTermSets for each train document, its distinct terms (or term counts' key sets)
   */
  public static Vocabulary fit(Collection<? extends Collection<String>> trainTermSets, VocabularyOptions options) {
    return fit(trainTermSets, options, Map.of());
  }

  /**
   * Fits a vocabulary on the term sets of the train documents.
   *
   * @param trainTermSets for each train document, its distinct terms (or term counts' key sets)
   * @param wordOf the word to show for a term (its most frequent surface form, see {@link
   *     SurfaceForms}); a term missing here is shown as itself
   */
  public static Vocabulary fit(
      Collection<? extends Collection<String>> trainTermSets, VocabularyOptions options, Map<String, String> wordOf) {
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
    String[] words = new String[v];
    for (int i = 0; i < v; i++) {
      terms[i] = kept.get(i).getKey();
      df[i] = kept.get(i).getValue();
      words[i] = wordOf.getOrDefault(terms[i], terms[i]);
    }
    return new Vocabulary(terms, df, words, n, options.stem(), 2);
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

  /** The word a person reads for term {@code i}: its most frequent surface form (v1 files: the term). */
  public String word(int i) {
    return words[i];
  }

  /** The file format version this vocabulary was read in or will be written in: 1 or 2. */
  public int version() {
    return version;
  }

  public int df(int i) {
    return df[i];
  }

  /** The file contents, as {@link #save} writes them. */
  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder(terms.length * 12);
    sb.append(version == 1 ? COOKIE_V1 : COOKIE).append('\n');
    sb.append("# documents\t").append(documents).append('\n');
    sb.append("# stemmed\t").append(stemmed).append('\n');
    for (int i = 0; i < terms.length; i++) {
      sb.append(terms[i]).append('\t').append(df[i]);
      if (version >= 2) {
        sb.append('\t').append(words[i]);
      }
      sb.append('\n');
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
    if (lines.isEmpty() || !(lines.get(0).equals(COOKIE) || lines.get(0).equals(COOKIE_V1))) {
      throw new IOException(
          file + ": not a semhash vocabulary: expected first line '" + COOKIE + "' (or '" + COOKIE_V1 + "'), got '"
              + (lines.isEmpty() ? "" : lines.get(0)) + "'");
    }
    int version = lines.get(0).equals(COOKIE) ? 2 : 1;
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
    String[] words = new String[v];
    String expected = version == 1 ? "term<TAB>df" : "term<TAB>df<TAB>word";
    for (int i = 0; i < v; i++) {
      String line = lines.get(i + 3);
      String[] fields = line.split("\t", -1);
      try {
        if (fields.length != version + 1 || fields[0].isEmpty() || (version == 2 && fields[2].isEmpty())) {
          throw new NumberFormatException("wrong fields");
        }
        terms[i] = fields[0];
        df[i] = Integer.parseInt(fields[1]);
        words[i] = version == 1 ? fields[0] : fields[2];
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + (i + 4) + ": expected '" + expected + "', got '" + line + "'");
      }
    }
    Vocabulary vocab = new Vocabulary(terms, df, words, documents, stemmed, version);
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
