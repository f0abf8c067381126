package io.semhash.solr;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.response.TextResponseWriter;
import org.apache.solr.schema.BinaryField;
import org.apache.solr.schema.IndexSchema;
import org.apache.solr.schema.SchemaField;

/**
 * A field type holding one packed code of a fixed shape as a binary docValues value: the code's
 * {@code ceil(bits / 8)} bytes in the project's on-disk order ({@link BitCode#toBytes()}).
 *
 * <p>Declared in the schema with its length and, for a categorical code, its classes per group,
 * e.g. {@code <fieldType name="code64" class="io.semhash.solr.HammingCodeField" bits="64"
 * classes="4" docValues="true" indexed="false" stored="false"/>}: 32 groups of 4 classes, searched
 * by symbol distance ({@link CodeShape}; {@code classes} 2, the default, is a binary code searched
 * by Hamming distance). A document gives the code in the hex form of the API ({@link
 * BitCode#toHex()}) or as raw bytes (SolrJ's binary format); anything else, or a code of another
 * length, is refused with a 400 naming the field, so the segments the {@code hamming} query parser
 * reads only ever hold codes of the declared length. Responses show the hex form.
 *
 * <p>Single-valued with docValues only: the query parser reads the docValues, and Solr never
 * updates binary docValues in place, so a segment's codes change only with the segment.
 */
public final class HammingCodeField extends BinaryField {

  /** The schema attribute giving the code length. */
  public static final String BITS = "bits";

  /** The schema attribute giving the classes per group: 2 (binary, the default) or a power of two up to 256. */
  public static final String CLASSES = "classes";

  private int bits;
  private CodeShape shape;

  @Override
  protected void init(IndexSchema schema, Map<String, String> args) {
    String value = args.remove(BITS);
    if (value == null) {
      throw new SolrException(
          ErrorCode.SERVER_ERROR, "field type " + typeName + ": attribute '" + BITS + "' (code length) is required");
    }
    try {
      bits = Integer.parseInt(value.trim());
      BitCode.checkBits(bits);
    } catch (IllegalArgumentException e) {
      throw new SolrException(
          ErrorCode.SERVER_ERROR, "field type " + typeName + ": attribute '" + BITS + "'='" + value + "': "
              + (e instanceof NumberFormatException ? "not an integer" : e.getMessage()));
    }
    String classesValue = args.remove(CLASSES);
    try {
      shape = CodeShape.ofBits(bits, classesValue == null ? CodeShape.MIN_CLASSES : Integer.parseInt(classesValue.trim()));
    } catch (IllegalArgumentException e) {
      throw new SolrException(
          ErrorCode.SERVER_ERROR, "field type " + typeName + ": attribute '" + CLASSES + "'='" + classesValue + "': "
              + (e instanceof NumberFormatException ? "not an integer" : e.getMessage()));
    }
    super.init(schema, args);
  }

  /** Code length in bits. */
  public int bits() {
    return bits;
  }

  /** The codes' shape: groups of classes (bits of two classes for a binary code). */
  public CodeShape shape() {
    return shape;
  }

  /**
   * The schema API shows the length and the classes per group too, so a client can learn a
   * collection's code shape.
   */
  @Override
  public SimpleOrderedMap<Object> getNamedPropertyValues(boolean showDefaults) {
    SimpleOrderedMap<Object> properties = super.getNamedPropertyValues(showDefaults);
    properties.add(BITS, bits);
    properties.add(CLASSES, shape.classes());
    return properties;
  }

  @Override
  public void checkSchemaField(SchemaField field) {
    super.checkSchemaField(field);
    if (!field.hasDocValues() || field.multiValued()) {
      throw new SolrException(
          ErrorCode.SERVER_ERROR,
          "field " + field.getName() + " of type " + typeName + " must be single-valued with docValues=\"true\"");
    }
  }

  @Override
  public List<IndexableField> createFields(SchemaField field, Object value) {
    return super.createFields(field, toBytes(field, value));
  }

  @Override
  public IndexableField createField(SchemaField field, Object value) {
    return super.createField(field, toBytes(field, value));
  }

  @Override
  public Object toNativeType(Object value) {
    return value instanceof CharSequence s ? ByteBuffer.wrap(parse(null, s.toString()).toBytes()) : super.toNativeType(value);
  }

  @Override
  public String toExternal(IndexableField f) {
    BytesRef b = f.binaryValue();
    return BitCode.fromBytes(bits, b.bytes, b.offset, b.length).toHex();
  }

  @Override
  public void write(TextResponseWriter writer, String name, IndexableField f) throws java.io.IOException {
    writer.writeStr(name, toExternal(f), false);
  }

  /** The code's bytes, checked against the declared length. */
  private byte[] toBytes(SchemaField field, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] b) {
      return fromBytes(field, b, 0, b.length).toBytes();
    }
    if (value instanceof ByteBuffer b && b.hasArray()) {
      return fromBytes(field, b.array(), b.arrayOffset() + b.position(), b.remaining()).toBytes();
    }
    return parse(field, value.toString()).toBytes();
  }

  private BitCode fromBytes(SchemaField field, byte[] b, int offset, int length) {
    try {
      return BitCode.fromBytes(bits, b, offset, length);
    } catch (IllegalArgumentException e) {
      throw badCode(field, e);
    }
  }

  private BitCode parse(SchemaField field, String hex) {
    try {
      return BitCode.fromHex(hex, bits);
    } catch (IllegalArgumentException e) {
      throw badCode(field, e);
    }
  }

  private SolrException badCode(SchemaField field, IllegalArgumentException e) {
    String name = field == null ? typeName : field.getName();
    return new SolrException(ErrorCode.BAD_REQUEST, "field " + name + ": " + e.getMessage());
  }
}
