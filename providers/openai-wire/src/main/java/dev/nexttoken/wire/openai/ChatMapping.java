package dev.nexttoken.wire.openai;

import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ToolCall;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code /v1/chat/completions} response as a neutral {@link Completion}: its choice with
 * index 0, the others ({@code n > 1}) in index order as {@link Completion#otherChoices()}, as a
 * collected stream reports them ({@link ChatChunkMapper}). Every choice shares the response's usage,
 * model and metadata.
 *
 * <p>Logprobs are null when the answer carries none (not requested, so not read; or
 * {@code "logprobs": null}), and an empty list only when the server sent an empty list.
 *
 * <p>A refusal ({@code content} null, {@code refusal} set) becomes the text, so a caller printing
 * the answer sees what the model said; the finish reason is {@code CONTENT_FILTER} (the raw
 * {@code finish_reason} kept), the refusal text of choice 0 is also in the metadata extras under
 * {@code "refusal"}, and the logprobs are those of the refusal's tokens.
 *
 * <p>Tool calls keep {@code arguments} as the text received. The finish reason stays what the server
 * said: OpenAI ends a call forced by a named {@code tool_choice} with {@code stop}, not
 * {@code tool_calls}; {@link Completion#hasToolCalls()} tells either way. Reasoning
 * ({@code reasoning_content} / {@code reasoning}) is {@link Completion#reasoning()}, never text; as
 * the server lists all generated tokens' logprobs in one list, those before the answer's are split
 * off into {@link Completion#reasoningLogprobs()} ({@link ReasoningTokens}).
 */
public final class ChatMapping {
  private ChatMapping() {}

  public static Completion toCompletion(ChatResponse response, ResponseMetadata headers, String provider) {
    ChatResponse.Choice first = Responses.required(response.choice(), provider, "a chat completion");
    Usage usage = WireUsage.toUsage(response.usage());
    Map<String, String> extras = Responses.fingerprint(response.systemFingerprint());
    String refusal = refusal(first.message());
    if (refusal != null) {
      extras = Responses.withRefusal(extras, refusal);
    }
    ResponseMetadata meta = Responses.metadata(headers, response.id(), extras);
    Completion main = choice(first, usage, response.model(), meta);
    if (response.choices().size() == 1) {
      return main;
    }
    List<ChatResponse.Choice> rest = new ArrayList<>(response.choices());
    rest.remove(first);
    rest.sort(Comparator.comparingInt(ChatResponse.Choice::index));
    List<Completion> others = new ArrayList<>(rest.size());
    for (ChatResponse.Choice c : rest) {
      others.add(choice(c, usage, response.model(), meta));
    }
    return main.withOtherChoices(others);
  }

  private static Completion choice(ChatResponse.Choice choice, Usage usage, String model, ResponseMetadata meta) {
    ChatResponse.Message message = choice.message();
    String content = message == null ? null : message.content();
    String refusal = refusal(message);
    List<TokenLogprob> logprobs = choice.logprobs() == null ? null : choice.logprobs().all();
    FinishReason finish = refusal != null ? FinishReasons.refusal(choice.finishReason()) : FinishReasons.of(choice.finishReason());
    String text = refusal != null ? refusal : content == null ? "" : content;
    List<ToolCall> calls = message == null ? List.of() : toolCalls(message.toolCalls());
    String reasoning = message == null || message.reasoning() == null || message.reasoning().isEmpty() ? null : message.reasoning();
    List<TokenLogprob> reasoningLogprobs = null;
    if (reasoning != null && logprobs != null) {
      int answerStart = ReasoningTokens.answerStart(logprobs, text, !calls.isEmpty());
      if (answerStart >= 0) {
        reasoningLogprobs = logprobs.subList(0, answerStart);
        logprobs = logprobs.subList(answerStart, logprobs.size());
      }
    }
    return new Completion(text, finish, usage, model, meta, logprobs, null, calls, reasoning, reasoningLogprobs, List.of());
  }

  /** The refusal's text when the model refused ({@code content} null, {@code refusal} set), else null. */
  private static String refusal(ChatResponse.Message message) {
    return message != null && message.content() == null ? message.refusal() : null;
  }

  private static List<ToolCall> toolCalls(List<ChatResponse.ToolCallPart> parts) {
    if (parts.isEmpty()) {
      return List.of();
    }
    List<ToolCall> calls = new ArrayList<>(parts.size());
    for (ChatResponse.ToolCallPart part : parts) {
      // A call without a name is kept (named "") rather than dropped, as a collected stream keeps it.
      calls.add(new ToolCall(part.id(), part.name() == null ? "" : part.name(), part.arguments()));
    }
    return calls;
  }
}
