package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.index.HammingIndex;
import io.semhash.index.SearchResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exact search by distance over a {@link HammingCodeField}: the documents whose code is within
 * {@code maxDistance} of the query code, or the {@code k} nearest, among those the filter allows.
 * The distance is the field's: Hamming distance for binary codes, symbol distance (groups whose
 * classes differ) for categorical ones, as the core's {@link HammingIndex} of the field's {@link
 * CodeShape} computes it. Each match scores {@code groups - distance} ({@code bits - distance} for
 * a binary code; times the boost), so any merge of top hits by score, such as SolrCloud's merge of
 * its shards' answers, ranks by distance.
 *
 * <p><b>One index per reader, or one per segment.</b> A reader of several segments is searched
 * once, in one index of all its codes ({@link ReaderCodes}, built per reader, by {@link
 * CodeIndexWarmer} before Solr serves the reader), and the hits are split back into segments:
 * searching each segment's index would pay the multi-index hashing probes once per segment, and
 * those do not shrink with the segment. A reader of one segment is searched in that segment's
 * index ({@link SegmentCodes}), which is the same search and lives as long as the segment's core,
 * so a commit that only deletes reuses it where a reader's index would be rebuilt; a reader
 * without a cache key (no {@link ReaderCodes}) is searched per segment too.
 *
 * <p><b>k-NN.</b> The searcher's k-th smallest distance {@code tau} is found over all its
 * segments (in the reader's index, or each segment's index giving its own k nearest); the query
 * then matches every allowed document within {@code tau}, ties at {@code tau} included. So the match set is the
 * exact top k with all its ties, and any order that breaks score ties by a key of the document
 * (the parser's default sort, {@code score desc, id asc}) picks the same k documents on one shard
 * or across many: each shard's top k under that order contains every document of the global top k
 * that it holds.
 *
 * <p><b>Filter.</b> The filter (the request's {@code fq}, from {@link HammingQParser}) is applied
 * inside the index search, with the live documents (a reader's index holds its deletes as deleted
 * ids; a segment's gets them per query), so k results come back whenever k documents pass it.
 *
 * <p>The matches of one segment depend on the others (through {@code tau}), so the query is never
 * cached per segment.
 */
final class HammingQuery extends Query {

  private final String field;
  private final CodeShape shape;
  private final BitCode code;
  private final int k;
  private final int maxDistance;
  private final Query filter;

  /**
   * @param field the code field
   * @param shape the field's code shape
   * @param code the query code, of the field's length
   * @param k results wanted, or 0 for a radius query without a bound on the count
   * @param maxDistance largest distance matched, in [0, groups]
   * @param filter documents allowed, or null for all
   */
  HammingQuery(String field, CodeShape shape, BitCode code, int k, int maxDistance, Query filter) {
    this.field = field;
    this.shape = shape;
    this.code = code;
    this.k = k;
    this.maxDistance = maxDistance;
    this.filter = filter;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
    Weight filterWeight = filter == null
        ? null
        : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    IndexReader reader = searcher.getIndexReader();
    List<LeafReaderContext> leaves = reader.leaves();
    HammingIndex whole = leaves.size() > 1 ? ReaderCodes.of(reader, field, shape) : null;
    Hits[] hits = whole != null ? searchReader(whole, leaves, filterWeight) : searchSegments(leaves, filterWeight);
    return new HammingWeight(this, hits, boost);
  }

  /**
   * Builds, unless held already, the indexes that a query on {@code field} of {@code shape} searches
   * in {@code reader}: the reader's one index, or its segment's; what {@link CodeIndexWarmer} does
   * before Solr serves a new searcher.
   */
  static void prepare(IndexReader reader, String field, CodeShape shape) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    if (leaves.size() > 1 && ReaderCodes.of(reader, field, shape) != null) {
      return;
    }
    for (LeafReaderContext leaf : leaves) {
      SegmentCodes.of(leaf.reader(), field, shape).index();
    }
  }

  /** The matches, found in the reader's one index ({@link ReaderCodes}), split into its segments. */
  private Hits[] searchReader(HammingIndex index, List<LeafReaderContext> leaves, Weight filterWeight) throws IOException {
    // the index holds the reader's deletes, so only a filter needs a bitmap
    RoaringBitmap allowed = null;
    if (filterWeight != null) {
      allowed = new RoaringBitmap();
      for (LeafReaderContext leaf : leaves) {
        addAllowed(leaf, filterWeight, leaf.docBase, allowed);
      }
    }
    long[] query = code.toWords();
    SearchResult r = null;
    int radius = maxDistance;
    if (k > 0) {
      r = index.knn(query, k, allowed);
      if (r.size() == k) {
        radius = Math.min(radius, r.distances()[k - 1]);
      }
    }
    // the k nearest hold every hit within the radius unless the k-th is a tie at it
    if (r == null || (r.size() == k && r.distances()[k - 1] == radius)) {
      r = allowed != null && allowed.isEmpty() ? null : index.radius(query, radius, allowed, Integer.MAX_VALUE);
    }
    return Hits.of(r, radius).split(leaves);
  }

  /** The matches, found in each segment's index ({@link SegmentCodes}), the k-th distance shared. */
  private Hits[] searchSegments(List<LeafReaderContext> leaves, Weight filterWeight) throws IOException {
    long[] query = code.toWords();
    SearchResult[] nearest = new SearchResult[leaves.size()];
    RoaringBitmap[] allowed = new RoaringBitmap[leaves.size()];
    int radius = maxDistance;
    if (k > 0) {
      int[] distances = new int[0];
      for (LeafReaderContext leaf : leaves) {
        allowed[leaf.ord] = allowedDocs(leaf, filterWeight);
        HammingIndex index = SegmentCodes.of(leaf.reader(), field, shape).index();
        SearchResult r = index.knn(query, k, allowed[leaf.ord]);
        nearest[leaf.ord] = r;
        distances = merge(distances, r.distances(), k);
      }
      if (distances.length == k) {
        radius = Math.min(radius, distances[k - 1]);
      }
    }
    Hits[] hits = new Hits[leaves.size()];
    for (LeafReaderContext leaf : leaves) {
      RoaringBitmap a = k > 0 ? allowed[leaf.ord] : allowedDocs(leaf, filterWeight);
      SearchResult r = nearest[leaf.ord];
      // a segment's k nearest hold every hit within the radius unless its k-th is a tie at it
      if (r == null || (r.size() == k && r.distances()[k - 1] == radius)) {
        HammingIndex index = SegmentCodes.of(leaf.reader(), field, shape).index();
        r = a != null && a.isEmpty() ? null : index.radius(query, radius, a, Integer.MAX_VALUE);
      }
      hits[leaf.ord] = Hits.of(r, radius);
    }
    return hits;
  }

  /** Documents of the segment the search may return, or null for all of them. */
  private static RoaringBitmap allowedDocs(LeafReaderContext leaf, Weight filterWeight) throws IOException {
    Bits live = leaf.reader().getLiveDocs();
    if (filterWeight == null && live == null) {
      return null;
    }
    RoaringBitmap allowed = new RoaringBitmap();
    if (filterWeight == null) {
      for (int doc = 0; doc < live.length(); doc++) {
        if (live.get(doc)) {
          allowed.add(doc);
        }
      }
      return allowed;
    }
    addAllowed(leaf, filterWeight, 0, allowed);
    return allowed;
  }

  /** Adds the live documents of the segment that the filter allows, plus {@code offset}, to {@code into}. */
  private static void addAllowed(LeafReaderContext leaf, Weight filterWeight, int offset, RoaringBitmap into)
      throws IOException {
    Bits live = leaf.reader().getLiveDocs();
    Scorer s = filterWeight.scorer(leaf);
    if (s != null) {
      DocIdSetIterator it = s.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live == null || live.get(doc)) {
          into.add(offset + doc);
        }
      }
    }
  }

  /** The {@code k} smallest of two ascending arrays, ascending. */
  private static int[] merge(int[] a, int[] b, int k) {
    int n = Math.min(k, a.length + b.length);
    int[] out = new int[n];
    int i = 0;
    int j = 0;
    for (int o = 0; o < n; o++) {
      out[o] = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    }
    return out;
  }

  /** One segment's (or reader's) matches in document order, with their distances. */
  private record Hits(int[] docs, int[] distances) {

    static final Hits NONE = new Hits(new int[0], new int[0]);

    static Hits of(SearchResult r, int radius) {
      if (r == null) {
        return NONE;
      }
      long[] packed = new long[r.size()];
      int n = 0;
      for (int i = 0; i < r.size(); i++) {
        if (r.distances()[i] <= radius) {
          packed[n++] = ((long) r.ids()[i] << 32) | r.distances()[i];
        }
      }
      Arrays.sort(packed, 0, n);
      int[] docs = new int[n];
      int[] distances = new int[n];
      for (int i = 0; i < n; i++) {
        docs[i] = (int) (packed[i] >>> 32);
        distances[i] = (int) packed[i];
      }
      return new Hits(docs, distances);
    }

    /** These matches of a whole reader (document numbers {@code docBase + doc}), per segment. */
    Hits[] split(List<LeafReaderContext> leaves) {
      Hits[] out = new Hits[leaves.size()];
      int from = 0;
      for (LeafReaderContext leaf : leaves) {
        int base = leaf.docBase;
        int end = base + leaf.reader().maxDoc();
        int to = from;
        while (to < docs.length && docs[to] < end) {
          to++;
        }
        int[] d = new int[to - from];
        for (int i = from; i < to; i++) {
          d[i - from] = docs[i] - base;
        }
        out[leaf.ord] = d.length == 0 ? NONE : new Hits(d, Arrays.copyOfRange(distances, from, to));
        from = to;
      }
      return out;
    }
  }

  private static final class HammingWeight extends Weight {
    private final Hits[] hits;
    private final float boost;
    private final CodeShape shape;

    HammingWeight(HammingQuery query, Hits[] hits, float boost) {
      super(query);
      this.hits = hits;
      this.boost = boost;
      this.shape = query.shape;
    }

    @Override
    public Scorer scorer(LeafReaderContext context) {
      Hits h = hits[context.ord];
      return h.docs().length == 0 ? null : new HitsScorer(this, h, boost, shape.groups());
    }

    @Override
    public Explanation explain(LeafReaderContext context, int doc) {
      Hits h = hits[context.ord];
      int i = Arrays.binarySearch(h.docs(), doc);
      if (i < 0) {
        return Explanation.noMatch("not among the Hamming hits of " + getQuery());
      }
      int d = h.distances()[i];
      String groups = shape.isBinary() ? "bits" : "groups";
      return Explanation.match(boost * (shape.groups() - d), groups + " - distance, times the boost",
          Explanation.match(shape.groups(), groups),
          Explanation.match(d, shape.isBinary() ? "Hamming distance" : "symbol distance (groups whose classes differ)"),
          Explanation.match(boost, "boost"));
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
      return false;
    }
  }

  private static final class HitsScorer extends Scorer {
    private final Hits hits;
    private final float boost;
    private final int groups;
    private int index = -1;
    private int doc = -1;

    HitsScorer(Weight weight, Hits hits, float boost, int groups) {
      super(weight);
      this.hits = hits;
      this.boost = boost;
      this.groups = groups;
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public float score() {
      return boost * (groups - hits.distances()[index]);
    }

    @Override
    public float getMaxScore(int upTo) {
      return boost * groups;
    }

    @Override
    public DocIdSetIterator iterator() {
      return new DocIdSetIterator() {
        @Override
        public int docID() {
          return doc;
        }

        @Override
        public int nextDoc() {
          return move(index + 1);
        }

        @Override
        public int advance(int target) {
          int from = index + 1;
          if (from >= hits.docs().length) {
            return move(hits.docs().length);
          }
          int i = Arrays.binarySearch(hits.docs(), from, hits.docs().length, target);
          return move(i >= 0 ? i : -i - 1);
        }

        @Override
        public long cost() {
          return hits.docs().length;
        }
      };
    }

    private int move(int i) {
      index = i;
      doc = i < hits.docs().length ? hits.docs()[i] : DocIdSetIterator.NO_MORE_DOCS;
      return doc;
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String defaultField) {
    return "hamming(" + field + ":" + code.toHex() + (shape.isBinary() ? "" : " shape=" + shape) + (k > 0 ? " k=" + k : "") + " maxDistance=" + maxDistance
        + (filter == null ? "" : " filter=" + filter) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o)
        && o instanceof HammingQuery q
        && q.field.equals(field)
        && q.shape.equals(shape)
        && q.code.equals(code)
        && q.k == k
        && q.maxDistance == maxDistance
        && Objects.equals(q.filter, filter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), field, shape, code, k, maxDistance, filter);
  }
}
