package io.semhash.solrcloud;

import io.semhash.backend.BackendRejectedException;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.schema.AnalyzerDefinition;
import org.apache.solr.client.solrj.request.schema.FieldTypeDefinition;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.schema.SchemaResponse;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;

/**
 * Making and checking semhash collections: the configset shipped in the core jar (the one in
 * {@code scale/solr/configset}), uploaded under {@value #CONFIGSET}; a collection created from it
 * with the code shape as the collection properties {@code semhash.bits} (length) and {@code
 * semhash.classes} (classes per group, 2 for binary codes); and the check a backend makes before it
 * serves a collection (it exists, its {@code code} field is the plugin's field type, the {@code
 * hamming} parser answers) and learns the collection's code shape from the schema.
 */
public final class SolrCollections {
  /** The configset's name in the cluster. */
  public static final String CONFIGSET = "semhash";
  private static final String RESOURCES = "/solr-configset/conf/";
  private static final List<String> FILES = List.of("schema.xml", "solrconfig.xml");
  private static final String FIELD_TYPE_CLASS = "io.semhash.solr.HammingCodeField";
  private static final String TERM_FILTER_CLASS = "io.semhash.solr.TermAnalyzerFilterFactory";

  private SolrCollections() {}

  /** The collections of the cluster. */
  public static List<String> list(SolrNodes nodes) {
    try {
      return CollectionAdminRequest.listCollections(nodes);
    } catch (IOException | SolrServerException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e)); // not thrown: SolrNodes throws unchecked
    }
  }

  /**
   * Uploads the configset unless the cluster has one of its name already (put there by {@code
   * LocalCluster} or an operator's {@code bin/solr zk upconfig}, which Solr trusts; an upload
   * through the API may not replace a trusted one) and creates {@code collection} of
   * {@code shards} shards with {@code replicas} replicas each for binary {@code bits}-bit codes,
   * its text analysed with stemming (the default {@code text.stem}); returns once every replica is
   * active, as the Collections API does.
   *
   * @throws IllegalArgumentException when the collection exists already
   */
  public static void create(SolrNodes nodes, String collection, int shards, int replicas, int bits) {
    create(nodes, collection, shards, replicas, CodeShape.binary(bits), true);
  }

  /**
   * As {@link #create(SolrNodes, String, int, int, int)}, for a model's codes of {@code shape}
   * (ranked by Hamming distance when binary, by symbol distance when categorical) and its text
   * analysis ({@code stem}: the model's {@code text.stem}), recorded as the collection properties
   * {@code semhash.bits}, {@code semhash.classes} and {@code semhash.stem}.
   */
  public static void create(SolrNodes nodes, String collection, int shards, int replicas, CodeShape shape, boolean stem) {
    if (shards < 1 || replicas < 1) {
      throw new IllegalArgumentException("shards and replicas must be at least 1, got " + shards + " and " + replicas);
    }
    if (list(nodes).contains(collection)) {
      throw new IllegalArgumentException("collection '" + collection + "' exists already; delete it first"
          + " (Collections API action=DELETE) or choose another name");
    }
    if (!configsets(nodes).contains(CONFIGSET)) {
      ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
      upload.setConfigSetName(CONFIGSET);
      upload.setUploadStream(new ContentStreamBase.ByteArrayStream(configsetZip(), CONFIGSET + ".zip", "application/zip"));
      nodes.request(upload, null);
    }
    CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(collection, CONFIGSET, shards, replicas)
        .withProperty("semhash.bits", Integer.toString(shape.bits()))
        .withProperty("semhash.classes", Integer.toString(shape.classes()))
        .withProperty("semhash.stem", Boolean.toString(stem));
    create.setWaitForFinalState(true);
    nodes.request(create, null);
  }

  /**
   * The active shards of {@code collection} in hash order, their ranges tiling the whole hash
   * range: where SolrCloud's compositeId router puts each id (after a shard split too).
   *
   * @throws IllegalArgumentException when the collection does not exist, is not routed by
   *     compositeId, or its active ranges leave a gap
   */
  public static List<SolrShard> shards(SolrNodes nodes, String collection) {
    NamedList<Object> status = nodes.request(CollectionAdminRequest.getClusterStatus().setCollectionName(collection), null);
    Object c = child(child(child(status, "cluster"), "collections"), collection);
    if (c == null) {
      throw new IllegalArgumentException("SolrCloud at " + nodes.nodes() + " has no collection '" + collection + "'");
    }
    Object router = child(child(c, "router"), "name");
    if (!"compositeId".equals(String.valueOf(router))) {
      throw new IllegalArgumentException("collection '" + collection + "' is routed by " + router
          + ", not compositeId: its shards cannot be told from the ids");
    }
    List<SolrShard> shards = new ArrayList<>();
    Object slices = child(c, "shards");
    List<String> names = new ArrayList<>();
    if (slices instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> names.add(k.toString()));
    } else if (slices instanceof NamedList<?> l) {
      l.forEach(e -> names.add(e.getKey()));
    }
    for (String name : names) {
      Object slice = child(slices, name);
      if ("active".equals(String.valueOf(child(slice, "state")))) {
        String range = String.valueOf(child(slice, "range"));
        int dash = range.indexOf('-');
        if (dash < 0) {
          throw new IllegalArgumentException("collection '" + collection + "': shard " + name + " has no hash range (" + range + ")");
        }
        shards.add(new SolrShard(name, Integer.parseUnsignedInt(range.substring(0, dash), 16),
            Integer.parseUnsignedInt(range.substring(dash + 1), 16)));
      }
    }
    shards.sort(java.util.Comparator.comparingInt(SolrShard::min));
    long next = Integer.MIN_VALUE;
    for (SolrShard s : shards) {
      if (s.min() != next) {
        break;
      }
      next = (long) s.max() + 1;
    }
    if (shards.isEmpty() || next != (long) Integer.MAX_VALUE + 1) {
      throw new IllegalArgumentException("collection '" + collection + "': the hash ranges of its active shards "
          + shards + " do not cover every id once");
    }
    return shards;
  }

  /** The value under {@code key} of a response's map or named list, or null. */
  private static Object child(Object parent, String key) {
    if (parent instanceof NamedList<?> l) {
      return l.get(key);
    }
    return parent instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** Deletes {@code collection} with its data on every node; returns once Solr has done it. */
  public static void delete(SolrNodes nodes, String collection) {
    nodes.request(CollectionAdminRequest.deleteCollection(collection), null);
  }

  /** The configsets of the cluster. */
  static List<String> configsets(SolrNodes nodes) {
    NamedList<Object> r = nodes.request(new ConfigSetAdminRequest.List(), null);
    List<String> names = new ArrayList<>();
    if (r.get("configSets") instanceof List<?> l) {
      l.forEach(n -> names.add(n.toString()));
    }
    return names;
  }

  /** The configset's files, zipped as the Configsets API takes them. */
  static byte[] configsetZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : FILES) {
        try (InputStream in = SolrCollections.class.getResourceAsStream(RESOURCES + name)) {
          if (in == null) {
            throw new IllegalStateException("the core jar lacks the Solr configset file " + RESOURCES + name);
          }
          zip.putNextEntry(new ZipEntry(name));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Checks that {@code collection} exists and was made from semhash's configset with the plugin
   * installed; returns its code shape (binary when the field type does not report its classes,
   * as before categorical codes).
   *
   * @throws IllegalArgumentException naming what is missing
   */
  public static CodeShape check(SolrNodes nodes, String collection) {
    if (!list(nodes).contains(collection)) {
      throw new IllegalArgumentException("SolrCloud at " + nodes.nodes() + " has no collection '" + collection
          + "' (its collections: " + list(nodes) + "); semhash solr-load creates one");
    }
    Map<String, Object> field;
    try {
      SchemaResponse.FieldResponse r = new SchemaRequest.Field(SolrCloudBackend.CODE).process(nodes, collection);
      field = r.getField();
    } catch (BackendRejectedException e) {
      throw withoutPlugin(collection, "it has no field '" + SolrCloudBackend.CODE + "'", e);
    } catch (IOException | SolrServerException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
    String typeName = String.valueOf(field.get("type"));
    Map<String, Object> type;
    try {
      type = new SchemaRequest.FieldType(typeName).process(nodes, collection).getFieldType().getAttributes();
    } catch (IOException | SolrServerException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
    String typeClass = String.valueOf(type.get("class"));
    if (!FIELD_TYPE_CLASS.equals(typeClass)) {
      throw withoutPlugin(collection, "its field '" + SolrCloudBackend.CODE + "' is of class " + typeClass + ", not "
          + FIELD_TYPE_CLASS, null);
    }
    Object bits = type.get("bits");
    if (bits == null) {
      throw withoutPlugin(collection, "its code field type does not report its length (an older semhash-solr jar?)", null);
    }
    int n = Integer.parseInt(bits.toString());
    Object classes = type.get("classes");
    CodeShape shape = classes == null ? CodeShape.binary(n) : CodeShape.ofBits(n, Integer.parseInt(classes.toString()));
    ModifiableSolrParams probe = new ModifiableSolrParams();
    probe.set("q", "{!hamming f=" + SolrCloudBackend.CODE + " k=1}" + BitCode.zeros(n).toHex());
    probe.set("rows", 0);
    try {
      nodes.request(new QueryRequest(probe), collection);
    } catch (BackendRejectedException e) {
      throw withoutPlugin(collection, "its 'hamming' query parser failed: " + e.getMessage(), e);
    }
    return shape;
  }

  /**
   * Whether {@code collection} analyses its text with the Porter stemmer, as its {@code text}
   * field type's semhash filter says; empty when the type has no semhash filter (a collection made
   * from a configset older than semhash's analysis in Solr), whose analysis is not the core's.
   */
  public static Optional<Boolean> stems(SolrNodes nodes, String collection) {
    FieldTypeDefinition type;
    try {
      type = new SchemaRequest.FieldType(SolrCloudBackend.TEXT).process(nodes, collection).getFieldType();
    } catch (IOException | SolrServerException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
    AnalyzerDefinition analyzer = type.getAnalyzer() != null ? type.getAnalyzer() : type.getIndexAnalyzer();
    if (analyzer == null || analyzer.getFilters() == null) {
      return Optional.empty();
    }
    for (Map<String, Object> filter : analyzer.getFilters()) {
      if (TERM_FILTER_CLASS.equals(String.valueOf(filter.get("class")))) {
        Object stem = filter.get("stem");
        return Optional.of(stem == null || Boolean.parseBoolean(stem.toString()));
      }
    }
    return Optional.empty();
  }

  private static IllegalArgumentException withoutPlugin(String collection, String what, Exception cause) {
    return new IllegalArgumentException("collection '" + collection + "' is not a semhash collection: " + what
        + "; create it from semhash's configset with the semhash-solr plugin installed (semhash solr-load)", cause);
  }
}
