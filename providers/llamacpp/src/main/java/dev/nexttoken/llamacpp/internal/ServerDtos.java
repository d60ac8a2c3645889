package dev.nexttoken.llamacpp.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The bodies of llama-server's utility endpoints ({@code /tokenize}, {@code /detokenize}, {@code /health}, {@code /props}, {@code /v1/models}). */
public final class ServerDtos {
  private ServerDtos() {}

  /**
   * {@code POST /tokenize}; {@code add_special} and {@code parse_special} are sent only when set
   * (the server's defaults: false and true).
   */
  public record TokenizeBody(
      String content,
      @JsonProperty("with_pieces") boolean withPieces,
      @JsonProperty("add_special") Boolean addSpecial,
      @JsonProperty("parse_special") Boolean parseSpecial) {

    /** The body with the server's defaults for special tokens. */
    public TokenizeBody(String content, boolean withPieces) {
      this(content, withPieces, null, null);
    }
  }

  /** Ids, or {@code {id, piece}} objects whose piece is a string or a byte array. */
  public record TokenizeResponse(List<JsonNode> tokens) {}

  /** {@code POST /detokenize}. */
  public record DetokenizeBody(List<Integer> tokens) {}

  /** {@code /detokenize}'s answer. */
  public record DetokenizeResponse(String content) {}

  /** {@code GET /health}. */
  public record HealthResponse(String status) {}

  /** {@code GET /props}: the typed subset. */
  public record PropsResponse(
      @JsonProperty("total_slots") Integer totalSlots,
      @JsonProperty("model_path") String modelPath,
      @JsonProperty("chat_template") String chatTemplate,
      @JsonProperty("build_info") String buildInfo,
      @JsonProperty("n_ctx") Integer nCtx,
      @JsonProperty("default_generation_settings") GenerationSettings defaultGenerationSettings) {}

  /** Where current builds put the slot's context size. */
  public record GenerationSettings(@JsonProperty("n_ctx") Integer nCtx) {}

  /** {@code GET /v1/models}. */
  public record ModelsResponse(List<ModelEntry> data) {}

  /** One served model. */
  public record ModelEntry(String id, ModelMeta meta) {}

  /** Facts about the model's file; null in some builds. */
  public record ModelMeta(
      @JsonProperty("n_vocab") Integer nVocab,
      @JsonProperty("n_ctx_train") Integer nCtxTrain,
      @JsonProperty("n_embd") Integer nEmbd,
      @JsonProperty("n_params") Long nParams,
      Long size) {}
}
