package io.semhash.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON manifest of a model directory: what the model is, how it was trained, and a checksum
 * of every file so that a corrupt, truncated or swapped file is refused at load.
 *
 * @param format always {@value #FORMAT}
 * @param version format version, {@value #VERSION}
 * @param vocabularyChecksum SHA-256 of the vocabulary the model was trained on
 * @param files SHA-256 and size of each file in the directory
 * @param history one record per epoch trained
 * @param bestEpoch the epoch whose weights were kept (best validation P@100)
 */
public record ModelManifest(
    String format,
    int version,
    String createdAt,
    TrainingOptions options,
    int vocabularySize,
    boolean stemmed,
    String vocabularyChecksum,
    Map<String, FileChecksum> files,
    List<EpochRecord> history,
    int bestEpoch,
    double trainingSeconds) {
  public static final String FORMAT = "semhash-model";
  public static final int VERSION = 1;

  /** @param sha256 hex digest of the file's bytes */
  public record FileChecksum(String sha256, long bytes) {}

  /**
   * The same manifest with these checksums, kept in the order given: {@code manifest.json} lists
   * them in that order (a {@code Map.copyOf} iterates in an order that changes from one JVM run to
   * the next, so the same model got differently ordered manifests).
   */
  public ModelManifest withFiles(Map<String, FileChecksum> newFiles) {
    return new ModelManifest(format, version, createdAt, options, vocabularySize, stemmed, vocabularyChecksum,
        Collections.unmodifiableMap(new LinkedHashMap<>(newFiles)), history, bestEpoch, trainingSeconds);
  }
}
