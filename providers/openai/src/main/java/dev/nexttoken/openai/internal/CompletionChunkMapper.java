package dev.nexttoken.openai.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import dev.nexttoken.wire.openai.FinishReasons;
import dev.nexttoken.wire.openai.Responses;
import dev.nexttoken.wire.openai.WireUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code /v1/completions} stream event as a neutral chunk. Each event carries the logprobs of
 * its own tokens only, so they are mapped once and never repeated (null when it carries none); the usage chunk
 * ({@code choices: []}) becomes a chunk with usage alone. With several choices ({@code n > 1}) each
 * event names its choice's {@code index} and becomes a chunk of that choice ({@link Chunk#forChoice}),
 * so a collected stream holds them all as {@link CompletionMapping} reports the blocking answer. One
 * instance per stream.
 */
public final class CompletionChunkMapper implements EventMapper {
  private final LogprobsOption logprobs;
  private final String provider;
  private final CompletionResponseReader reader = new CompletionResponseReader();
  private boolean fingerprintSeen;

  /** @param provider the provider name for errors ({@code openai}, {@code vllm}) */
  public CompletionChunkMapper(LogprobsOption logprobs, String provider) {
    this.logprobs = logprobs;
    this.provider = provider;
  }

  @Override
  public Chunk map(StreamEvent event) {
    CompletionResponse response = Json.read(event, reader, provider, "an OpenAI completion stream chunk");
    CompletionResponse.Choice choice = CompletionChoices.first(response.choices());
    String text = "";
    List<TokenLogprob> tokens = null;
    FinishReason finish = null;
    if (choice != null) {
      text = choice.text() == null ? "" : choice.text();
      finish = FinishReasons.of(choice.finishReason());
      tokens = tokens(choice.logprobs());
    }
    Usage usage = response.usage() == null ? null : WireUsage.toUsage(response.usage());
    Map<String, String> extras = Map.of();
    if (!fingerprintSeen && response.systemFingerprint() != null) {
      fingerprintSeen = true;
      extras = Responses.fingerprint(response.systemFingerprint());
    }
    if (text.isEmpty() && tokens == null && finish == null && usage == null && extras.isEmpty()) {
      return null;
    }
    Chunk chunk = new Chunk(text, tokens, finish, usage, response.model(), response.id(), extras);
    return choice == null || choice.index() == 0 ? chunk : chunk.forChoice(choice.index());
  }

  /** The chunk's logprobs, or null when it carries none (or they were not asked for: a server may send them anyway). */
  private List<TokenLogprob> tokens(CompletionResponse.Logprobs wire) {
    if (wire == null || !logprobs.enabled()) {
      return null;
    }
    int k = logprobs.topLogprobs();
    if (wire.content() != null) {
      List<TokenLogprob> out = new ArrayList<>(wire.content().size());
      LogprobMapper.addEntries(wire.content(), k, out);
      return out;
    }
    if (wire.tokens() == null) {
      return null;
    }
    List<TokenLogprob> out = new ArrayList<>(wire.tokens().size());
    LogprobMapper.addLegacy(wire, 0, wire.tokens().size(), k, out);
    return out;
  }
}
