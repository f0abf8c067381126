package io.semhash.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code shape in the {@code hamming/} files: recorded, checked, and absent from binary saves. */
class CodeShapeFilesTest {

  /**
   * Saved by the build before code shapes existed: 10 codes of 16 bits, code i = (i * 0x1111 + 7)
   * mod 2^16, id 3 deleted.
   */
  private static final Path V1_FIXTURE = Path.of("src/test/resources/fixtures/hamming-v1-16bit");

  @TempDir Path tmp;

  private static BitCode fixtureCode(int i) {
    return BitCode.of(16, (i * 0x1111L + 7) & 0xFFFFL);
  }

  @Test
  void anIndexSavedBeforeCodeShapesLoadsAsBinaryAndBinarySavesAreUnchanged() throws IOException {
    HammingIndex old = HammingIndex.load(V1_FIXTURE);
    assertThat(old.shape()).isEqualTo(CodeShape.binary(16));
    assertThat(old.isLive(3)).isFalse();
    for (int i = 0; i < 10; i++) {
      assertThat(old.code(i)).isEqualTo(fixtureCode(i));
    }
    assertThat(old.knn(fixtureCode(5), 1).ids()).containsExactly(5);

    HammingIndex same = HammingScanIndex.create(16);
    for (int i = 0; i < 10; i++) {
      same.add(fixtureCode(i));
    }
    same.delete(3);
    Path dir = tmp.resolve("binary");
    same.save(dir);
    for (String file : new String[] {"MANIFEST", "codes-000001.bin", "deleted-000001.bin"}) {
      assertThat(Files.readAllBytes(dir.resolve(file))).as(file).isEqualTo(Files.readAllBytes(V1_FIXTURE.resolve(file)));
    }
  }

  @Test
  void aCategoricalSaveRecordsItsShapeInTheManifestAndTheCodeHeader() throws IOException {
    CodeShape shape = new CodeShape(16, 16);
    Path dir = saved(shape);
    Properties p = manifest(dir);
    assertThat(p.getProperty("version")).isEqualTo("2");
    assertThat(p.getProperty("code.type")).isEqualTo("categorical");
    assertThat(p.getProperty("code.groups")).isEqualTo("16");
    assertThat(p.getProperty("code.classes")).isEqualTo("16");
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("codes-000001.bin"))).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt(20)).isEqualTo(16);
    assertThat(HammingIndex.load(dir).shape()).isEqualTo(shape);
    assertThat(HammingIndex.load(dir, true).shape()).isEqualTo(shape);
  }

  @Test
  void aManifestWhoseShapeDisagreesWithTheCodesIsRefusedNamingBoth() throws IOException {
    Path dir = saved(new CodeShape(16, 16));
    String m = manifestText(dir);
    // same 64 bits, another shape: the code file's header still says 16 classes
    rewrite(dir, m.replace("code.groups=16", "code.groups=32").replace("code.classes=16", "code.classes=4"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).isInstanceOf(CorruptIndexException.class)
        .hasMessageContaining("codes-000001.bin").hasMessageContaining("16 classes per group")
        .hasMessageContaining("32x4");
    // a binary (version 1) manifest over categorical codes
    rewrite(dir, m.replace("version=2", "version=1").replaceAll("code\\.[a-z]+=[a-z0-9]+\n", ""));
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("16 classes per group")
        .hasMessageContaining("the manifest binary codes");
    rewrite(dir, m.replace("code.classes=16", "code.classes=8"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("MANIFEST")
        .hasMessageContaining("16x8 takes 48 bits").hasMessageContaining("bits=64");
    rewrite(dir, m.replace("code.classes=16", "code.classes=12"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("MANIFEST")
        .hasMessageContaining("power of two").hasMessageContaining("12");
    rewrite(dir, m.replace("code.type=categorical", "code.type=binary"));
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("code.type='binary'");
    rewrite(dir, m);
    assertThat(HammingIndex.load(dir).shape()).isEqualTo(new CodeShape(16, 16));
  }

  @Test
  void aBinaryCodeFileUnderACategoricalManifestIsRefused() throws IOException {
    HammingIndex binary = HammingScanIndex.create(64);
    binary.add(BitCode.zeros(64));
    Path dir = tmp.resolve("b");
    binary.save(dir);
    String m = manifestText(dir).replace("version=1", "version=2");
    rewrite(dir, m + "code.type=categorical\ncode.groups=32\ncode.classes=4\n");
    assertThatThrownBy(() -> HammingIndex.load(dir)).hasMessageContaining("header says binary codes")
        .hasMessageContaining("32x4");
  }

  private Path saved(CodeShape shape) throws IOException {
    HammingIndex index = HammingScanIndex.create(shape);
    index.add(shape.encode(new int[shape.groups()]));
    Path dir = tmp.resolve(shape.toString());
    index.save(dir);
    return dir;
  }

  private static Properties manifest(Path dir) throws IOException {
    Properties p = new Properties();
    p.load(Files.newBufferedReader(dir.resolve("MANIFEST")));
    return p;
  }

  /** The manifest without its checksum line. */
  private static String manifestText(Path dir) throws IOException {
    String m = Files.readString(dir.resolve("MANIFEST"));
    return m.substring(0, m.lastIndexOf("checksum="));
  }

  /** Writes {@code body} as the manifest with a valid checksum, so only the content is wrong. */
  private static void rewrite(Path dir, String body) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    crc.update(b, 0, b.length);
    Files.writeString(dir.resolve("MANIFEST"), body + "checksum=" + Integer.toHexString((int) crc.getValue()) + "\n");
  }
}
