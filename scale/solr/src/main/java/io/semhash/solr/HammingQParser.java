package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.index.HammingIndex;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.search.Query;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QueryParsing;
import org.apache.solr.search.QueryUtils;
import org.apache.solr.search.SortSpec;
import org.apache.solr.search.SortSpecParsing;
import org.apache.solr.search.SyntaxError;

/**
 * Parses {@code {!hamming f=FIELD k=K maxDistance=R}HEX} into a {@link HammingQuery}.
 *
 * <ul>
 *   <li>{@code f}: a field of type {@link HammingCodeField}; its {@code bits} is the code length,
 *       its {@code classes} the classes per group ({@link HammingCodeField#shape()}).
 *   <li>the query text (or {@code v}): the query code in the API's hex form, {@code 2 * ceil(bits /
 *       8)} hex digits, byte {@code j} holding bits {@code 8j..8j+7}.
 *   <li>{@code k}: the number of nearest codes, in [1, {@value HammingIndex#MAX_K}].
 *   <li>{@code maxDistance}: the largest distance matched, in [0, groups]: bits for a binary
 *       code (Hamming distance), symbols for a categorical one (symbol distance, the number of
 *       groups whose classes differ).
 * </ul>
 * At least one of {@code k} and {@code maxDistance} is required; with both, the k nearest within
 * the distance. Every violation is a 400 naming the parameter, the value and the allowed range.
 *
 * <p><b>Filters.</b> As the main query, the request's {@code fq} are applied inside the search
 * (so k results come back whenever k documents pass them), the way Solr's {@code knn} parser
 * pre-filters; as a filter or a sub-query it is not pre-filtered. Post filters ({@code
 * cache=false cost>=100}) run after the search, as Solr runs them, so with one a k-NN query may
 * return fewer than k.
 *
 * <p><b>Order.</b> Without a {@code sort}, the sort is {@code score desc, <uniqueKey> asc}: nearest
 * first (score = groups - distance, bits - distance for a binary code), ties by ascending id. That
 * order is a property of the documents, not of where they are, so a collection of any number of
 * shards and replicas answers exactly the brute-force top k in that order. Without {@code rows}, a
 * k-NN query returns k rows.
 */
final class HammingQParser extends QParser {

  static final String K = "k";
  static final String MAX_DISTANCE = "maxDistance";

  private int k;

  HammingQParser(String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    // defType=hamming comes without local params; the parameters are required there all the same
    super(qstr, localParams == null ? new ModifiableSolrParams() : localParams, params, req);
  }

  @Override
  public Query parse() throws SyntaxError {
    String fieldName = localParams.get(QueryParsing.F);
    if (fieldName == null || fieldName.isBlank()) {
      throw bad("parameter 'f' (the code field) is required");
    }
    SchemaField field = req.getSchema().getFieldOrNull(fieldName);
    if (field == null) {
      throw bad("f=" + fieldName + ": no such field in the schema");
    }
    if (!(field.getType() instanceof HammingCodeField type)) {
      throw bad("f=" + fieldName + ": field type " + field.getType().getTypeName() + " is not a "
          + HammingCodeField.class.getSimpleName());
    }
    CodeShape shape = type.shape();
    int bits = shape.bits();
    String hex = qstr == null ? "" : qstr.trim();
    if (hex.isEmpty()) {
      throw bad("the query code is missing: {!hamming f=" + fieldName + " k=10}HEX, " + 2 * ((bits + 7) / 8)
          + " hex digits for " + bits + " bits");
    }
    BitCode code;
    try {
      code = BitCode.fromHex(hex, bits);
    } catch (IllegalArgumentException e) {
      throw bad("query code for f=" + fieldName + ": " + e.getMessage());
    }
    k = intParam(K, 1, HammingIndex.MAX_K, 0, "");
    int groups = shape.groups();
    String unit = shape.isBinary() ? "" : " (symbols of a " + shape.description() + " code)";
    int maxDistance = intParam(MAX_DISTANCE, 0, groups, -1, unit);
    if (k == 0 && maxDistance < 0) {
      throw bad("one of 'k' (nearest codes, [1, " + HammingIndex.MAX_K + "]) and 'maxDistance' ([0, " + groups
          + "]" + unit + ") is required");
    }
    return new HammingQuery(fieldName, shape, code, k, maxDistance < 0 ? groups : maxDistance, filter());
  }

  /** The request's filters as one query, when this is the main query; else null. */
  private Query filter() throws SyntaxError {
    if (isFilter() || recurseCount != 0) {
      return null;
    }
    List<Query> filters = QueryUtils.parseFilterQueries(req);
    if (filters.isEmpty()) {
      return null;
    }
    try {
      return req.getSearcher().getProcessedFilter(null, filters).filter;
    } catch (IOException e) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "hamming: reading the filters failed", e);
    }
  }

  /** An integer local parameter in [min, max]; {@code unit} follows the range in messages. */
  private int intParam(String name, int min, int max, int absent, String unit) {
    String value = localParams.get(name);
    if (value == null) {
      return absent;
    }
    int v;
    try {
      v = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw bad(name + "=" + value + ": not an integer; allowed range [" + min + ", " + max + "]" + unit);
    }
    if (v < min || v > max) {
      throw bad(name + "=" + v + " is outside the allowed range [" + min + ", " + max + "]" + unit);
    }
    return v;
  }

  @Override
  public SortSpec getSortSpec(boolean useGlobalParams) throws SyntaxError {
    SortSpec spec = super.getSortSpec(useGlobalParams);
    boolean local = localParams.get(CommonParams.SORT) != null
        || localParams.get(CommonParams.START) != null
        || localParams.get(CommonParams.ROWS) != null;
    boolean global = useGlobalParams && !local;
    boolean sorted = localParams.get(CommonParams.SORT) != null || (global && params.get(CommonParams.SORT) != null);
    boolean rowsGiven = localParams.get(CommonParams.ROWS) != null || (global && params.get(CommonParams.ROWS) != null);
    if (sorted && (rowsGiven || k == 0)) {
      return spec;
    }
    SchemaField key = req.getSchema().getUniqueKeyField();
    SortSpec out = sorted || key == null
        ? spec
        : SortSpecParsing.parseSortSpec("score desc," + key.getName() + " asc", req);
    out.setOffset(spec.getOffset());
    out.setCount(rowsGiven || k == 0 ? spec.getCount() : k);
    return out;
  }

  private static SolrException bad(String message) {
    return new SolrException(ErrorCode.BAD_REQUEST, "hamming: " + message);
  }
}
