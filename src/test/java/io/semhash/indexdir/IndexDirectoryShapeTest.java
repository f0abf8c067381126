package io.semhash.indexdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semhash.backend.CodeMatch;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.corpus.Document;
import io.semhash.index.HammingIndex;
import io.semhash.testing.TinySemanticIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code shape of an index directory: {@code index.json} and {@code hamming/} record it, an old
 * manifest reads as binary, and opening refuses a model of another code type or shape, naming
 * both. The tiny index's codes have 16 bits: read as 8 groups of 4 classes they make a
 * categorical index over the same documents.
 */
class IndexDirectoryShapeTest {
  private static final CodeShape BINARY = CodeShape.binary(16);
  private static final CodeShape CATEGORICAL = new CodeShape(8, 4);
  private static final Function<Document, BitCode> NO_REPAIR = d -> {
    throw new AssertionError("a consistent directory needs no repair");
  };

  @TempDir Path tmp;

  @Test
  void theManifestRecordsTheShapeAndAnOldOneReadsAsBinary() throws IOException {
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    assertThat(Files.readString(dir.resolve(IndexLayout.MANIFEST)))
        .contains("\"code\" : {\n    \"type\" : \"binary\",\n    \"groups\" : 16,\n    \"classes\" : 2\n  }");
    IndexManifest m = IndexLayout.readManifest(dir);
    assertThat(m.shape()).isEqualTo(BINARY);
    IndexManifest old = withCode(m, null);
    IndexLayout.writeManifest(dir, old);
    assertThat(Files.readString(dir.resolve(IndexLayout.MANIFEST))).doesNotContain("\"code\"");
    assertThat(IndexLayout.readManifest(dir).shape()).isEqualTo(BINARY);
    try (LocalIndexBackend b = LocalIndexBackend.open(dir, BINARY, NO_REPAIR)) {
      assertThat(b.shape()).isEqualTo(BINARY);
    }
  }

  @Test
  void aBinaryIndexRefusesACategoricalModelAndAShapeOfAnotherClassCount() throws IOException {
    Path dir = TinySemanticIndex.copyTo(tmp.resolve("index"));
    assertThatThrownBy(() -> LocalIndexBackend.open(dir, CATEGORICAL, NO_REPAIR))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the Hamming index holds binary 16-bit codes")
        .hasMessageContaining("the model makes categorical 8 groups x 4 classes (16 bits) codes");
  }

  @Test
  void aCategoricalIndexRefusesABinaryModelAndAnotherShapeAndRanksBySymbols() throws IOException {
    Path dir = categorical(tmp.resolve("index"));
    assertThatThrownBy(() -> LocalIndexBackend.open(dir, BINARY, NO_REPAIR))
        .hasMessageContaining("holds categorical 8 groups x 4 classes (16 bits) codes")
        .hasMessageContaining("the model makes binary 16-bit codes");
    assertThatThrownBy(() -> LocalIndexBackend.open(dir, new CodeShape(4, 16), NO_REPAIR))
        .hasMessageContaining("8 groups x 4 classes").hasMessageContaining("4 groups x 16 classes");

    try (LocalIndexBackend b = LocalIndexBackend.open(dir, CATEGORICAL, NO_REPAIR)) {
      assertThat(b.shape()).isEqualTo(CATEGORICAL);
      List<BitCode> codes = b.codes();
      BitCode query = codes.get(5);
      List<CodeMatch> got = b.nearest(query, 0, 90, List.of()).matches();
      // brute force, class by class, ties by storage order
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < codes.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingInt((Integer i) -> CATEGORICAL.symbolDistance(codes.get(i), query)).thenComparing(i -> i));
      for (int r = 0; r < got.size(); r++) {
        assertThat(got.get(r).distance()).isEqualTo(CATEGORICAL.symbolDistance(codes.get(order.get(r)), query));
        assertThat(got.get(r).code()).isEqualTo(codes.get(order.get(r)));
      }
      int radius = 2;
      long within = codes.stream().filter(c -> CATEGORICAL.symbolDistance(c, query) <= radius).count();
      assertThat(b.within(query, radius, 0, 90, List.of()).total()).isEqualTo(within);
    }
  }

  @Test
  void aManifestThatDisagreesWithTheHammingIndexIsRefusedNamingTheFile() throws IOException {
    Path dir = categorical(tmp.resolve("index"));
    IndexLayout.writeManifest(dir, withCode(IndexLayout.readManifest(dir), CodeSpec.of(new CodeShape(4, 16))));
    assertThatThrownBy(() -> LocalIndexBackend.open(dir, CATEGORICAL, NO_REPAIR))
        .hasMessageContaining(IndexLayout.MANIFEST).hasMessageContaining("records categorical 4 groups x 16 classes");
    // a shape no code can have: written by hand, as a record of it cannot be made
    Path manifest = dir.resolve(IndexLayout.MANIFEST);
    String json = Files.readString(manifest);
    Files.writeString(manifest, json.replace("\"classes\" : 16", "\"classes\" : 3").replace("\"classes\":16", "\"classes\":3"));
    assertThat(Files.readString(manifest)).as("the manifest now records 3 classes").isNotEqualTo(json);
    assertThatThrownBy(() -> IndexLayout.readManifest(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining(IndexLayout.MANIFEST).hasMessageContaining("power of two").hasMessageContaining("3");
  }

  /** The tiny index with its Hamming index saved as 8 groups of 4 classes, and its manifest saying so. */
  private static Path categorical(Path target) throws IOException {
    Path dir = TinySemanticIndex.copyTo(target);
    HammingIndex binary = HammingIndex.load(dir.resolve(IndexLayout.HAMMING));
    HammingIndex index = HammingIndex.create(CATEGORICAL);
    for (int id = 0; id < binary.size(); id++) {
      index.add(binary.code(id));
      if (!binary.isLive(id)) {
        index.delete(id);
      }
    }
    try (Stream<Path> old = Files.list(dir.resolve(IndexLayout.HAMMING))) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    index.save(dir.resolve(IndexLayout.HAMMING));
    IndexLayout.writeManifest(dir, withCode(IndexLayout.readManifest(dir), CodeSpec.of(CATEGORICAL)));
    return dir;
  }

  private static IndexManifest withCode(IndexManifest m, CodeSpec code) {
    return new IndexManifest(m.format(), m.version(), m.createdAt(), m.documents(), m.bits(), code, m.split(),
        m.precisionAtK(), m.distances(), m.coherence());
  }
}
