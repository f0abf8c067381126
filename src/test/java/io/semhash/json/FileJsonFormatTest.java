package io.semhash.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.semhash.model.HashingModel;
import io.semhash.model.ModelManifest;
import io.semhash.indexdir.IndexLayout;
import io.semhash.indexdir.IndexManifest;
import io.semhash.testing.TinySemanticIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests on disk keep the format they had before the API's JSON got one owner: the
 * record names in camelCase, Jackson's default indentation, byte for byte what a plain
 * {@code ObjectMapper} with {@code INDENT_OUTPUT} (the mapper that wrote every existing index
 * and model directory) writes; and what is on disk reads back through the loaders.
 */
class FileJsonFormatTest {
  /** The writer of the directories built before {@link FileJson}: the reference format. */
  private static final ObjectMapper EARLIER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir Path dir;

  @Test
  void modelManifestIsByteForByteTheEarlierFormat() throws Exception {
    Path index = TinySemanticIndex.copyTo(dir.resolve("index"));
    Path file = index.resolve(IndexLayout.MODEL).resolve(HashingModel.MANIFEST);
    String onDisk = Files.readString(file);
    ModelManifest read = EARLIER.readValue(onDisk, ModelManifest.class);
    assertThat(EARLIER.writeValueAsString(read)).isEqualTo(onDisk);
    assertThat(onDisk).contains("\"vocabularyChecksum\" : \"", "\"bestEpoch\" : ", "\"learningRate\" : ", "\"validationPrecision\" : ")
        .doesNotContain("_checksum", "best_epoch");
    assertThat(HashingModel.load(file.getParent()).manifest()).isEqualTo(read);

    // and FileJson writes the same bytes for it
    Path again = dir.resolve("again.json");
    FileJson.write(again, read);
    assertThat(Files.readString(again)).isEqualTo(onDisk);
  }

  @Test
  void indexManifestIsByteForByteTheEarlierFormat() throws Exception {
    Path index = TinySemanticIndex.copyTo(dir.resolve("index"));
    String onDisk = Files.readString(index.resolve(IndexLayout.MANIFEST));
    IndexManifest read = EARLIER.readValue(onDisk, IndexManifest.class);
    assertThat(EARLIER.writeValueAsString(read)).isEqualTo(onDisk);
    assertThat(onDisk).contains("\"precisionAtK\" : [", "\"createdAt\" : \"").doesNotContain("precision_at_k");
    assertThat(IndexLayout.readManifest(index)).isEqualTo(read);
  }

  @Test
  void aManifestInTheEarlierFormatLoads() throws Exception {
    // written by hand as the earlier builds wrote it: every existing index directory looks like this
    String earlier = """
        {
          "format" : "semhash-index",
          "version" : 1,
          "createdAt" : "2025-01-01T00:00:00Z",
          "documents" : 3,
          "bits" : 16,
          "split" : "all",
          "precisionAtK" : [ {
            "k" : 1,
            "precision" : 0.5
          } ],
          "distances" : [ {
            "distance" : 0,
            "count" : 2
          } ]
        }""";
    Files.writeString(dir.resolve(IndexLayout.MANIFEST), earlier);
    IndexManifest m = IndexLayout.readManifest(dir);
    assertThat(m.documents()).isEqualTo(3);
    assertThat(m.precisionAtK()).hasSize(1);
    assertThat(m.precisionAtK().get(0).precision()).isEqualTo(0.5);
    assertThat(m.distances().get(0).count()).isEqualTo(2);
    FileJson.write(dir.resolve("rewritten.json"), m);
    assertThat(Files.readString(dir.resolve("rewritten.json"))).isEqualTo(earlier);
  }
}
