package dev.nexttoken.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a GGUF version 3 file: metadata key-value pairs and F32 tensors, little-endian, data aligned to 32 bytes.
 *
 * <p>Only what a hand-built test model needs is supported: scalar uint32, int32, float32, bool and string values,
 * arrays of strings, float32 and int32, and F32 tensors. As in GGUF itself, tensor dimensions are listed innermost
 * first: a matrix with {@code rows} rows of {@code cols} values has dimensions {@code {cols, rows}}.
 *
 * <pre>{@code
 * new GgufWriter()
 *     .putString("general.architecture", "llama")
 *     .putUint32("llama.block_count", 1)
 *     .addTensor("output_norm.weight", new long[] {128}, ones)
 *     .writeTo(path);
 * }</pre>
 *
 * <p>Not thread-safe; a writer may be written more than once.
 */
public final class GgufWriter {
  /** GGUF's default alignment of the tensor data; the file does not override it. */
  public static final int ALIGNMENT = 32;

  static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
  static final int VERSION = 3;

  // Value type codes from the GGUF specification.
  static final int TYPE_UINT32 = 4;
  static final int TYPE_INT32 = 5;
  static final int TYPE_FLOAT32 = 6;
  static final int TYPE_BOOL = 7;
  static final int TYPE_STRING = 8;
  static final int TYPE_ARRAY = 9;
  static final int TENSOR_F32 = 0;

  private final Map<String, Value> metadata = new LinkedHashMap<>();
  private final List<Tensor> tensors = new ArrayList<>();

  private record Value(int type, int elementType, Object value) {}

  private record Tensor(String name, long[] dims, float[] data) {}

  /** Sets an unsigned 32-bit value; {@code value} must not be negative. */
  public GgufWriter putUint32(String key, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("uint32 out of range for " + key + ": " + value);
    }
    return put(key, new Value(TYPE_UINT32, 0, value));
  }

  public GgufWriter putInt32(String key, int value) {
    return put(key, new Value(TYPE_INT32, 0, value));
  }

  public GgufWriter putFloat32(String key, float value) {
    return put(key, new Value(TYPE_FLOAT32, 0, value));
  }

  public GgufWriter putBool(String key, boolean value) {
    return put(key, new Value(TYPE_BOOL, 0, value));
  }

  public GgufWriter putString(String key, String value) {
    return put(key, new Value(TYPE_STRING, 0, Objects.requireNonNull(value, key)));
  }

  public GgufWriter putStringArray(String key, List<String> values) {
    return put(key, new Value(TYPE_ARRAY, TYPE_STRING, List.copyOf(values)));
  }

  public GgufWriter putFloat32Array(String key, float[] values) {
    return put(key, new Value(TYPE_ARRAY, TYPE_FLOAT32, values.clone()));
  }

  public GgufWriter putInt32Array(String key, int[] values) {
    return put(key, new Value(TYPE_ARRAY, TYPE_INT32, values.clone()));
  }

  /** Adds an F32 tensor; {@code dims} innermost first, and their product must equal {@code data.length}. */
  public GgufWriter addTensor(String name, long[] dims, float[] data) {
    Objects.requireNonNull(name, "name");
    long n = 1;
    for (long d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("dimensions of " + name + " must be positive");
      }
      n *= d;
    }
    if (dims.length == 0 || dims.length > 4 || n != data.length) {
      throw new IllegalArgumentException(
          name + ": " + dims.length + " dimensions holding " + n + " values, but " + data.length + " given");
    }
    if (tensors.stream().anyMatch(t -> t.name.equals(name))) {
      throw new IllegalArgumentException("duplicate tensor " + name);
    }
    // The caller keeps ownership of the array; writing happens later.
    tensors.add(new Tensor(name, dims.clone(), data.clone()));
    return this;
  }

  /** Writes the file, replacing any existing one. */
  public Path writeTo(Path file) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes the file to {@code out}, leaving it open. */
  public void write(OutputStream out) throws IOException {
    Sink sink = new Sink(out);
    sink.u32(MAGIC);
    sink.u32(VERSION);
    sink.u64(tensors.size());
    sink.u64(metadata.size());
    for (Map.Entry<String, Value> e : metadata.entrySet()) {
      sink.string(e.getKey());
      writeValue(sink, e.getValue());
    }
    long offset = 0;
    for (Tensor t : tensors) {
      sink.string(t.name);
      sink.u32(t.dims.length);
      for (long d : t.dims) {
        sink.u64(d);
      }
      sink.u32(TENSOR_F32);
      sink.u64(offset);
      offset = align(offset + 4L * t.data.length);
    }
    sink.padTo(ALIGNMENT);
    for (Tensor t : tensors) {
      sink.floats(t.data);
      sink.padTo(ALIGNMENT);
    }
  }

  private GgufWriter put(String key, Value value) {
    metadata.put(Objects.requireNonNull(key, "key"), value);
    return this;
  }

  private static void writeValue(Sink sink, Value v) throws IOException {
    sink.u32(v.type);
    switch (v.type) {
      case TYPE_UINT32 -> sink.u32((int) (long) (Long) v.value);
      case TYPE_INT32 -> sink.u32((Integer) v.value);
      case TYPE_FLOAT32 -> sink.u32(Float.floatToRawIntBits((Float) v.value));
      case TYPE_BOOL -> sink.u8((Boolean) v.value ? 1 : 0);
      case TYPE_STRING -> sink.string((String) v.value);
      case TYPE_ARRAY -> writeArray(sink, v);
      default -> throw new IllegalStateException("type " + v.type);
    }
  }

  private static void writeArray(Sink sink, Value v) throws IOException {
    sink.u32(v.elementType);
    switch (v.elementType) {
      case TYPE_STRING -> {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) v.value;
        sink.u64(list.size());
        for (String s : list) {
          sink.string(s);
        }
      }
      case TYPE_FLOAT32 -> {
        float[] a = (float[]) v.value;
        sink.u64(a.length);
        sink.floats(a);
      }
      case TYPE_INT32 -> {
        int[] a = (int[]) v.value;
        sink.u64(a.length);
        for (int x : a) {
          sink.u32(x);
        }
      }
      default -> throw new IllegalStateException("array of type " + v.elementType);
    }
  }

  private static long align(long position) {
    return (position + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** Little-endian output that counts bytes, so padding can be computed from the start of the file. */
  private static final class Sink {
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    Sink(OutputStream out) {
      this.out = out;
    }

    void u8(int v) throws IOException {
      out.write(v);
      position++;
    }

    void u32(int v) throws IOException {
      buf.clear();
      out.write(buf.putInt(v).array(), 0, 4);
      position += 4;
    }

    void u64(long v) throws IOException {
      buf.clear();
      out.write(buf.putLong(v).array(), 0, 8);
      position += 8;
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      out.write(b);
      position += b.length;
    }

    void floats(float[] a) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(a);
      out.write(b.array());
      position += b.capacity();
    }

    void padTo(int alignment) throws IOException {
      while (position % alignment != 0) {
        u8(0);
      }
    }
  }
}
