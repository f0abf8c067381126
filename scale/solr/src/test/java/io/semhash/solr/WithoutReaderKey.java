package io.semhash.solr;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReader;

/**
 * A reader's segments seen through a reader without a reader cache key (the segments keep their
 * core keys), so {@link HammingQuery} searches it per segment ({@link SegmentCodes}) rather than in
 * one index of the reader ({@link ReaderCodes}): the per-segment path on the same segments, for
 * tests and the benchmark. Closing it closes the wrapped reader.
 */
final class WithoutReaderKey extends FilterDirectoryReader {

  WithoutReaderKey(DirectoryReader in) throws IOException {
    super(in, new SubReaderWrapper() {
      @Override
      public LeafReader wrap(LeafReader reader) {
        return new FilterLeafReader(reader) {
          @Override
          public CacheHelper getCoreCacheHelper() {
            return in.getCoreCacheHelper();
          }

          @Override
          public CacheHelper getReaderCacheHelper() {
            return null;
          }
        };
      }
    });
  }

  @Override
  protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
    return new WithoutReaderKey(in);
  }

  @Override
  public CacheHelper getReaderCacheHelper() {
    return null;
  }
}
