package dev.nexttoken.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Packs a {@link KnownAnswerModel} as a one-block llama GGUF whose logits are exactly the bigram log-probabilities.
 *
 * <p>Attention and FFN weights are zero, so the block adds nothing to the residual stream, which stays the token's
 * embedding: one-hot over its context class. The final RMSNorm scales a unit one-hot to {@link #RMS_SCALE} at that
 * coordinate, so an output row holding {@code log P(j | class) / RMS_SCALE} yields logit {@code log P(j | class)}.
 */
final class KnownAnswerGguf {
  static final int EMBEDDING_LENGTH = 128;
  static final int HEADS = 2;
  static final int FEED_FORWARD_LENGTH = 32;
  static final int CONTEXT_LENGTH = 4096;
  static final float RMS_EPSILON = 1e-5f;
  /** RMSNorm of a unit one-hot vector: 1 / sqrt(1/n_embd + eps) = 11.306475 for n_embd 128. */
  static final double RMS_SCALE = 1 / Math.sqrt(1.0 / EMBEDDING_LENGTH + RMS_EPSILON);
  /** Without a template the server silently uses chatml, whose markers would become byte tokens. */
  static final String CHAT_TEMPLATE = "{% for message in messages %}{{ message['content'] }}{% endfor %}";

  private KnownAnswerGguf() {}

  static GgufWriter writer(KnownAnswerModel model) {
    int vocab = model.vocabSize();
    int n = EMBEDDING_LENGTH;
    GgufWriter w = new GgufWriter()
        .putString("general.architecture", "llama")
        .putString("general.name", "nexttoken known-answer bigram model")
        .putUint32("general.file_type", 0) // all F32
        .putUint32("llama.context_length", CONTEXT_LENGTH)
        .putUint32("llama.embedding_length", n)
        .putUint32("llama.block_count", 1)
        .putUint32("llama.feed_forward_length", FEED_FORWARD_LENGTH)
        .putUint32("llama.attention.head_count", HEADS)
        .putUint32("llama.attention.head_count_kv", HEADS)
        .putFloat32("llama.attention.layer_norm_rms_epsilon", RMS_EPSILON)
        .putUint32("llama.rope.dimension_count", n / HEADS)
        .putUint32("llama.vocab_size", vocab)
        .putString("tokenizer.ggml.model", "llama")
        .putStringArray("tokenizer.ggml.tokens", model.vocabulary())
        .putFloat32Array("tokenizer.ggml.scores", model.scores())
        .putInt32Array("tokenizer.ggml.token_type", model.tokenTypes())
        .putUint32("tokenizer.ggml.unknown_token_id", KnownAnswerModel.UNK)
        .putUint32("tokenizer.ggml.bos_token_id", KnownAnswerModel.BOS)
        .putUint32("tokenizer.ggml.eos_token_id", KnownAnswerModel.EOS)
        .putBool("tokenizer.ggml.add_bos_token", true)
        .putBool("tokenizer.ggml.add_eos_token", false)
        .putString("tokenizer.chat_template", model.chatTemplate());

    float[] embeddings = new float[vocab * n];
    float[] output = new float[vocab * n];
    double[][] rows = model.rows();
    for (int t = 0; t < vocab; t++) {
      embeddings[t * n + model.contextClass(t)] = 1f;
      for (int c = 0; c < rows.length; c++) {
        output[t * n + c] = (float) (Math.log(rows[c][t]) / RMS_SCALE);
      }
    }
    float[] ones = new float[n];
    Arrays.fill(ones, 1f);
    long[] square = {n, n};
    w.addTensor("token_embd.weight", new long[] {n, vocab}, embeddings)
        .addTensor("output_norm.weight", new long[] {n}, ones)
        .addTensor("output.weight", new long[] {n, vocab}, output)
        .addTensor("blk.0.attn_norm.weight", new long[] {n}, ones)
        .addTensor("blk.0.attn_q.weight", square, new float[n * n])
        .addTensor("blk.0.attn_k.weight", square, new float[n * n])
        .addTensor("blk.0.attn_v.weight", square, new float[n * n])
        .addTensor("blk.0.attn_output.weight", square, new float[n * n])
        .addTensor("blk.0.ffn_norm.weight", new long[] {n}, ones)
        .addTensor("blk.0.ffn_gate.weight", new long[] {n, FEED_FORWARD_LENGTH}, new float[n * FEED_FORWARD_LENGTH])
        .addTensor("blk.0.ffn_up.weight", new long[] {n, FEED_FORWARD_LENGTH}, new float[n * FEED_FORWARD_LENGTH])
        .addTensor("blk.0.ffn_down.weight", new long[] {FEED_FORWARD_LENGTH, n}, new float[n * FEED_FORWARD_LENGTH]);
    return w;
  }

  /** Writes the model into {@code dir} under a content-hash name, atomically, unless it is already there. */
  static Path cache(KnownAnswerModel model, Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      writer(model).write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: not expected
    }
    return CacheDirectory.contentAddressed(dir, "known-answer-", ".gguf", bytes.toByteArray());
  }
}
