package io.semhash.corpus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a corpus tree packed as {@code .tar.gz}, streamed entry by entry without unpacking to
 * disk. Entries come in archive order; the 20 Newsgroups archive is ordered by split and label.
 */
final class TarGzTreeReader extends CorpusReader {
  private final Path archive;

  TarGzTreeReader(Path archive, CorpusOptions options) {
    super(archive.toString(), options);
    this.archive = archive;
  }

  @Override
  protected void readInto(Emitter emitter) {
    try (InputStream raw = Files.newInputStream(archive);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String where = archive + "!" + entry.getName();
        List<String> parts = new ArrayList<>(Arrays.asList(entry.getName().split("/")));
        parts.removeIf(p -> p.isEmpty() || p.equals("."));
        if (parts.isEmpty() || parts.stream().anyMatch(p -> p.startsWith(".") || p.equals(".."))) {
          emitter.skip("hidden or unsafe path", where);
          continue;
        }
        TreeEntryParser.emit(parts, tar.readAllBytes(), where, emitter);
      }
    } catch (IOException e) {
      throw new CorpusException(archive + ": not a readable .tar.gz archive (" + e.getMessage() + ")", e);
    }
  }
}
