package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {
  @TempDir Path dir;

  @Test
  void headerMetadataAndTensorsReadBack() throws Exception {
    float[] matrix = {1, 2, 3, 4, 5, 6}; // 2 rows of 3
    Path file = new GgufWriter()
        .putUint32("u", 4_000_000_000L)
        .putInt32("i", -7)
        .putFloat32("f", 1e-5f)
        .putBool("b", true)
        .putString("s", "héllo ▁")
        .putStringArray("sa", List.of("<s>", "▁the"))
        .putFloat32Array("fa", new float[] {-1.5f, 0f})
        .putInt32Array("ia", new int[] {1, 6})
        .addTensor("v", new long[] {3}, new float[] {7, 8, 9})
        .addTensor("m", new long[] {3, 2}, matrix)
        .writeTo(dir.resolve("t.gguf"));

    GgufReader r = new GgufReader(file);
    assertEquals(0x46554747, r.magic, "magic 'GGUF'");
    assertEquals(3, r.version);
    assertEquals(8, r.metadata.size());
    assertEquals(4_000_000_000L, r.metadata.get("u"));
    assertEquals(-7, r.metadata.get("i"));
    assertEquals(1e-5f, r.metadata.get("f"));
    assertEquals(true, r.metadata.get("b"));
    assertEquals("héllo ▁", r.metadata.get("s"));
    assertEquals(List.of("<s>", "▁the"), r.metadata.get("sa"));
    assertEquals(List.of(-1.5f, 0f), r.metadata.get("fa"));
    assertEquals(List.of(1, 6), r.metadata.get("ia"));

    assertEquals(2, r.tensors.size());
    assertArrayEquals(new long[] {3, 2}, r.tensors.get(1).dims(), "innermost dimension first");
    assertEquals(0, r.tensors.get(0).offset());
    assertEquals(32, r.tensors.get(1).offset(), "each tensor starts aligned");
    assertEquals(0, r.dataStart % GgufWriter.ALIGNMENT);
    assertEquals(0, r.fileSize() % GgufWriter.ALIGNMENT, "the last tensor is padded too");
    assertArrayEquals(new float[] {7, 8, 9}, r.tensorData("v"));
    assertArrayEquals(matrix, r.tensorData("m"));
  }

  @Test
  void rejectsTensorWhoseShapeDoesNotMatchItsData() {
    GgufWriter w = new GgufWriter();
    assertThrows(IllegalArgumentException.class, () -> w.addTensor("x", new long[] {2, 2}, new float[3]));
    assertThrows(IllegalArgumentException.class, () -> w.putUint32("x", -1));
  }

  @Test
  void knownAnswerModelHasTheLlamaLayout() throws Exception {
    KnownAnswerModel model = KnownAnswerModel.defaultModel();
    GgufReader r = new GgufReader(model.writeTo(dir.resolve("m.gguf")));
    assertEquals("llama", r.metadata.get("general.architecture"));
    assertEquals(model.vocabulary(), r.metadata.get("tokenizer.ggml.tokens"));
    assertEquals(128L, r.metadata.get("llama.embedding_length"));
    assertArrayEquals(new long[] {128, model.vocabSize()}, r.tensors.stream()
        .filter(t -> t.name().equals("output.weight")).findFirst().orElseThrow().dims());
    // Output row of " the" at the class of " is" holds log P(the | is) / RMS scale.
    int is = model.tokenId(" is");
    int the = model.tokenId(" the");
    float stored = r.tensorData("output.weight")[the * 128 + model.contextClass(is)];
    assertEquals(model.logprob(is, the), stored * KnownAnswerGguf.RMS_SCALE, 1e-6);
  }
}
