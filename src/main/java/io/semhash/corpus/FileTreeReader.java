package io.semhash.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a directory tree of text files: the label-tree layouts of {@link TreeLayout}, including a
 * flat folder of plain {@code .txt} files (no labels). Files are visited in sorted path order so
 * that the database order, and with it every tie-break, is the same on every machine.
 */
final class FileTreeReader extends CorpusReader {
  private final Path root;

  FileTreeReader(Path root, CorpusOptions options) {
    super(root.toString(), options);
    this.root = root;
  }

  @Override
  protected void readInto(Emitter emitter) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new CorpusException(root + ": cannot list directory: " + e.getMessage(), e);
    }
    for (Path file : files) {
      Path rel = root.relativize(file);
      List<String> parts = new ArrayList<>();
      rel.forEach(p -> parts.add(p.toString()));
      if (parts.stream().anyMatch(p -> p.startsWith("."))) {
        emitter.skip("hidden file", file.toString());
        continue;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new CorpusException(file + ": cannot read: " + e.getMessage(), new UncheckedIOException(e));
      }
      TreeEntryParser.emit(parts, bytes, file.toString(), emitter);
    }
  }
}
