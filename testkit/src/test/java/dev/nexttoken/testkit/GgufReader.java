package dev.nexttoken.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal GGUF parser, written from the specification, to check what GgufWriter produced. */
final class GgufReader {
  record TensorInfo(String name, long[] dims, int type, long offset) {}

  final int magic;
  final int version;
  final Map<String, Object> metadata = new LinkedHashMap<>();
  final List<TensorInfo> tensors = new ArrayList<>();
  final long dataStart;
  private final ByteBuffer buf;

  GgufReader(Path file) throws IOException {
    buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    magic = buf.getInt();
    version = buf.getInt();
    long tensorCount = buf.getLong();
    long kvCount = buf.getLong();
    for (long i = 0; i < kvCount; i++) {
      String key = string();
      metadata.put(key, value(buf.getInt()));
    }
    for (long i = 0; i < tensorCount; i++) {
      String name = string();
      long[] dims = new long[buf.getInt()];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = buf.getLong();
      }
      tensors.add(new TensorInfo(name, dims, buf.getInt(), buf.getLong()));
    }
    dataStart = (buf.position() + 31) / 32 * 32;
  }

  int fileSize() {
    return buf.capacity();
  }

  float[] tensorData(String name) {
    TensorInfo t = tensors.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    long n = 1;
    for (long d : t.dims()) {
      n *= d;
    }
    float[] out = new float[(int) n];
    ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (dataStart + t.offset()));
    b.asFloatBuffer().get(out);
    return out;
  }

  private Object value(int type) {
    switch (type) {
      case 4: return Integer.toUnsignedLong(buf.getInt());
      case 5: return buf.getInt();
      case 6: return buf.getFloat();
      case 7: return buf.get() != 0;
      case 8: return string();
      case 9: {
        int elementType = buf.getInt();
        long n = buf.getLong();
        List<Object> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
          list.add(value(elementType));
        }
        return list;
      }
      default: throw new IllegalStateException("type " + type);
    }
  }

  private String string() {
    byte[] b = new byte[(int) buf.getLong()];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
