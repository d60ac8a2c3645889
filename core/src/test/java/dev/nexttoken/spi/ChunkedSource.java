package dev.nexttoken.spi;

import java.util.Random;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/** Returns {@code bytes} in random pieces of 1 to {@code maxChunk} bytes per read, like a slow network. */
final class ChunkedSource implements Source {
  private final Buffer remaining = new Buffer();
  private final Random random;
  private final int maxChunk;

  ChunkedSource(byte[] bytes, Random random, int maxChunk) {
    this.remaining.write(bytes);
    this.random = random;
    this.maxChunk = maxChunk;
  }

  @Override
  public long read(Buffer sink, long byteCount) {
    if (remaining.size() == 0) {
      return -1;
    }
    return remaining.read(sink, Math.min(byteCount, 1 + random.nextInt(maxChunk)));
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() {}
}
