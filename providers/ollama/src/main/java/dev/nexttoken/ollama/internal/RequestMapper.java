package dev.nexttoken.ollama.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolChoice;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.List;

/**
 * Neutral requests to {@code /api/chat} and {@code /api/generate} bodies. Requests arrive merged
 * with the client's defaults and validated against the declared capabilities; what is checked here
 * is only what the capabilities cannot say about Ollama (no tool choice, no strict tools, no
 * {@code minimal} think level), refused before anything is sent.
 */
public final class RequestMapper {
  /**
   * A tool without parameters: Ollama reads {@code parameters} into a schema struct whose zero value
   * the chat templates would print as a schema of type {@code ""}.
   */
  static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

  private RequestMapper() {}

  /**
   * The {@code /api/chat} body.
   *
   * @throws UnsupportedCapabilityException for a tool choice other than auto or none, a strict tool,
   *     or reasoning effort {@code minimal}
   * @throws dev.nexttoken.error.RequestValidationException for an image or earlier tool call Ollama cannot take
   */
  public static RequestBody chat(ChatRequest request, boolean stream) {
    return body(request.options(), MessageWriter.messages(request.messages()), null, tools(request), stream);
  }

  /** The {@code /api/generate} body: the prompt continued as it is ({@code raw}), no template around it. */
  public static RequestBody generate(CompletionRequest request, boolean stream) {
    return body(request.options(), null, request.prompt(), null, stream);
  }

  private static RequestBody body(GenerationOptions o, List<RequestBody.WireMessage> messages, String prompt,
      List<RequestBody.WireTool> tools, boolean stream) {
    LogprobsOption logprobs = o.logprobsOrNone();
    RequestBody.Options options = new RequestBody.Options(o.maxTokens(), o.temperature(), o.topP(), o.topK(), o.seed(), o.stop());
    return new RequestBody(
        o.model(),
        messages,
        prompt,
        prompt == null ? null : Boolean.TRUE,
        stream,
        format(o.responseFormat()),
        think(o.reasoningEffort()),
        tools,
        logprobs.enabled() ? Boolean.TRUE : null,
        logprobs.enabled() && logprobs.topLogprobs() > 0 ? logprobs.topLogprobs() : null,
        options.isEmpty() ? null : options);
  }

  /**
   * {@code tools}, or null for none. Ollama has no {@code tool_choice}: the model always decides.
   * {@link ToolChoice#AUTO} is that; {@link ToolChoice#NONE} sends no tools, so the model can only
   * answer in text (earlier calls and results in the conversation are still sent); a required or
   * named call cannot be asked for and is refused.
   */
  private static List<RequestBody.WireTool> tools(ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.NAMED)) {
      throw unsupported("toolChoice", "Ollama has no tool choice, so a " + (choice.mode() == ToolChoice.Mode.NAMED
          ? "call of " + choice.toolName() : "tool call") + " cannot be required; the model decides (use AUTO, or NONE for text only)");
    }
    if (!request.hasTools() || (choice != null && choice.mode() == ToolChoice.Mode.NONE)) {
      return null;
    }
    return request.tools().stream().map(RequestMapper::tool).toList();
  }

  private static RequestBody.WireTool tool(Tool t) {
    if (Boolean.TRUE.equals(t.strict())) {
      throw unsupported("tools", "Ollama has no strict mode for tool arguments (tool " + t.name() + ")");
    }
    String parameters = t.parameters() == null ? NO_PARAMETERS : t.parameters();
    return new RequestBody.WireTool("function", new RequestBody.WireTool.Function(t.name(), t.description(), parameters));
  }

  /** {@code format}: the schema exactly as given, or {@code "json"} for any JSON; null for text. */
  private static String format(ResponseFormat format) {
    if (format == null || !format.isJson()) {
      return null;
    }
    return format.type() == ResponseFormat.Type.JSON_SCHEMA ? format.schema() : "\"json\"";
  }

  /**
   * {@code think}: Ollama's levels are {@code low}, {@code medium} and {@code high}; a model with
   * levels (gpt-oss) uses them, any other thinking model just thinks. Unset, a thinking model thinks
   * by default. Ollama has no {@code minimal}, which is refused rather than silently raised to low.
   */
  private static Object think(ReasoningEffort effort) {
    if (effort == null) {
      return null;
    }
    if (effort == ReasoningEffort.MINIMAL) {
      throw unsupported("reasoningEffort", "Ollama's think levels are low, medium and high; it has no minimal (use LOW)");
    }
    return effort.wireName();
  }

  private static UnsupportedCapabilityException unsupported(String field, String why) {
    return new UnsupportedCapabilityException(OllamaWire.PROVIDER + ": " + why, field, ErrorDetails.of(OllamaWire.PROVIDER));
  }
}
