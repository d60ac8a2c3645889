package dev.nexttoken.wire.openai;

import dev.nexttoken.Chunk;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ToolCallDelta;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code /v1/chat/completions} stream event as a neutral chunk.
 *
 * <p>With several choices ({@code n > 1}) their chunks arrive interleaved, each naming its own
 * {@code index}; each becomes a chunk of that choice ({@link Chunk#forChoice}), so a collected stream
 * holds every choice as {@link ChatMapping} reports the blocking answer. Servers send one choice per
 * chunk (OpenAI, vLLM, llama.cpp); an event holding several reports the first.
 *
 * <p>Each chunk's logprobs describe only the tokens of its own delta, so they are mapped into a
 * fresh list once per chunk and never repeated (the accumulator appends them); a chunk whose
 * {@code logprobs} is null or absent carries none (null), one with {@code content: []} an empty
 * list. A delta of reasoning alone ({@code reasoning_content} / {@code reasoning}) has the logprobs
 * of reasoning tokens: they go to {@link Chunk#reasoningLogprobs()}. A chunk carrying nothing at
 * all is skipped; the usage chunk ({@code choices: []}) carries usage alone. A refusal streams as
 * text, as in {@link ChatMapping}, and turns the finish reason into {@code CONTENT_FILTER}.
 *
 * <p>Tool-call fragments keep their {@code index}; a server that repeats the id on every fragment is
 * fine (the first one counts). A fragment without an index (Gemini's compatible endpoint) starts the
 * next call when it carries an id other than the last call's, and otherwise continues the last call
 * (call 0 when none has started): so whole calls sent without indexes stay apart, and fragments
 * without them join. One instance per stream.
 */
public final class ChatChunkMapper implements EventMapper {
  private final ChatResponseReader reader;
  private final String provider;
  private final Map<Integer, ChoiceState> choices = new HashMap<>(4);
  private boolean fingerprintSeen;
  /** The last chunk's choice and its state: one choice streams most chunks, so the map is rarely needed. */
  private int lastIndex = -1;
  private ChoiceState lastState;

  public ChatChunkMapper(LogprobsOption logprobs, ChatDialect dialect) {
    this.reader = new ChatResponseReader(logprobs, dialect, true);
    this.provider = dialect.provider();
  }

  /** The reader sees every top-level member, so the stream need not search each event for "error". */
  @Override
  public boolean reportsErrorMember() {
    return true;
  }

  @Override
  public Chunk map(StreamEvent event) {
    ChatResponse response = Json.read(event, reader, provider, "a chat completion chunk");
    ChatResponse.Choice choice = response.choices().isEmpty() ? null : response.choices().get(0);
    Map<String, String> extras = Map.of();
    if (!fingerprintSeen && response.systemFingerprint() != null) {
      fingerprintSeen = true;
      extras = Responses.fingerprint(response.systemFingerprint());
    }
    Usage usage = response.usage() == null ? null : WireUsage.toUsage(response.usage());
    if (choice == null) {
      return usage == null && extras.isEmpty() ? null : new Chunk("", null, null, usage, response.model(), response.id(), extras);
    }
    ChoiceState state = choice.index() == lastIndex ? lastState : choices.computeIfAbsent(choice.index(), i -> new ChoiceState());
    lastIndex = choice.index();
    lastState = state;
    ChatResponse.Message delta = choice.delta();
    String text = state.text(delta);
    String reasoning = delta == null || delta.reasoning() == null ? "" : delta.reasoning();
    List<ToolCallDelta> calls = delta == null ? List.of() : state.calls(delta.toolCalls());
    // Null unless asked for: ChatResponseReader skips logprobs a server sends anyway.
    List<TokenLogprob> tokens = choice.logprobs() == null ? null : choice.logprobs().all();
    List<TokenLogprob> reasoningTokens = null;
    if (tokens != null && text.isEmpty() && !reasoning.isEmpty()) {
      reasoningTokens = tokens;
      tokens = null;
    }
    FinishReason finish = FinishReasons.of(choice.finishReason());
    if (finish != null && state.refusal != null) {
      finish = FinishReasons.refusal(choice.finishReason());
      if (choice.index() == 0) { // as the blocking answer: the extra is choice 0's
        extras = Responses.withRefusal(extras, state.refusal.toString());
      }
    }
    if (text.isEmpty() && tokens == null && finish == null && usage == null && extras.isEmpty() && reasoning.isEmpty()
        && reasoningTokens == null && calls.isEmpty()) {
      return null;
    }
    return new Chunk(text, tokens, finish, usage, response.model(), response.id(), extras, calls, reasoning, reasoningTokens,
        choice.index());
  }

  /** What one choice's stream has said so far that later chunks depend on. */
  private static final class ChoiceState {
    private StringBuilder refusal;
    /** The index of the call the last fragment belonged to, -1 before any. */
    private int lastCall = -1;
    /** The id of that call, null while none was given. */
    private String lastId;
    /** One past the highest call index seen: the index a new call without one gets. */
    private int nextCall;

    String text(ChatResponse.Message delta) {
      if (delta == null) {
        return "";
      }
      if (delta.content() != null) {
        return delta.content();
      }
      if (delta.refusal() != null) {
        if (refusal == null) {
          refusal = new StringBuilder();
        }
        refusal.append(delta.refusal());
        return delta.refusal();
      }
      return "";
    }

    List<ToolCallDelta> calls(List<ChatResponse.ToolCallPart> parts) {
      if (parts.isEmpty()) {
        return List.of();
      }
      ToolCallDelta[] out = new ToolCallDelta[parts.size()];
      for (int i = 0; i < out.length; i++) {
        ChatResponse.ToolCallPart part = parts.get(i);
        int index;
        if (part.index() != null && part.index() >= 0) {
          index = part.index();
        } else if (part.id() != null && lastId != null && !part.id().equals(lastId)) {
          index = nextCall;
        } else {
          index = Math.max(lastCall, 0);
        }
        if (index != lastCall) {
          lastId = part.id();
        } else if (lastId == null) {
          lastId = part.id();
        }
        lastCall = index;
        nextCall = Math.max(nextCall, index + 1);
        out[i] = new ToolCallDelta(index, part.id(), part.name(), part.arguments());
      }
      return List.of(out);
    }
  }
}
