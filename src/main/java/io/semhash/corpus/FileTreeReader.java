package io.semhash.corpus;

import java.io.IOException;
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
    List<TreeFiles.TreeFile> entries = new ArrayList<>(files.size());
    for (Path file : files) {
      List<String> parts = new ArrayList<>();
      root.relativize(file).forEach(p -> parts.add(p.toString()));
      entries.add(new TreeFiles.TreeFile(parts, file.toString()));
    }
    TreeFiles.readInto(entries, f -> Files.readAllBytes(Path.of(f.where())), emitter, i -> { });
  }
}
