package dev.nexttoken.spi;

import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** A prefix followed by {@code length} copies of one byte, generated lazily; counts what was read. */
final class CountingSource implements Source {
  private final byte[] prefix;
  private final byte filler;
  private final long total;
  long read;
  boolean closed;

  CountingSource(String prefix, byte filler, long length) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    this.filler = filler;
    this.total = this.prefix.length + length;
  }

  @Override
  public long read(Buffer sink, long byteCount) {
    if (read == total) {
      return -1;
    }
    long n = Math.min(byteCount, total - read);
    for (long i = 0; i < n; i++) {
      long position = read + i;
      sink.writeByte(position < prefix.length ? prefix[(int) position] : filler);
    }
    read += n;
    return n;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {
    closed = true;
  }
}
