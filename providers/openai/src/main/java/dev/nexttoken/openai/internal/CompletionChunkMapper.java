package dev.nexttoken.openai.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code /v1/completions} stream event as a neutral chunk. Each event carries the logprobs of
 * its own tokens only, so they are mapped once and never repeated; the usage chunk
 * ({@code choices: []}) becomes a chunk with usage alone. One instance per stream.
 */
public final class CompletionChunkMapper implements EventMapper {
  private final LogprobsOption logprobs;
  private boolean fingerprintSeen;

  public CompletionChunkMapper(LogprobsOption logprobs) {
    this.logprobs = logprobs;
  }

  @Override
  public Chunk map(StreamEvent event) {
    CompletionResponse response = Json.read(event.data(), CompletionResponse.class, Responses.PROVIDER, "an OpenAI completion stream chunk");
    CompletionResponse.Choice choice = Responses.first(response.choices(), CompletionResponse.Choice::index);
    String text = "";
    List<TokenLogprob> tokens = List.of();
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
    if (text.isEmpty() && tokens.isEmpty() && finish == null && usage == null && extras.isEmpty()) {
      return null;
    }
    return new Chunk(text, tokens, finish, usage, response.model(), response.id(), extras);
  }

  private List<TokenLogprob> tokens(CompletionResponse.Logprobs wire) {
    if (wire == null || !logprobs.enabled()) {
      return List.of(); // a server may send logprobs nobody asked for: the caller expects none
    }
    int k = logprobs.topLogprobs();
    if (wire.content() != null) {
      List<TokenLogprob> out = new ArrayList<>(wire.content().size());
      LogprobMapper.addEntries(wire.content(), k, out);
      return out;
    }
    if (wire.tokens() == null || wire.tokens().isEmpty()) {
      return List.of();
    }
    List<TokenLogprob> out = new ArrayList<>(wire.tokens().size());
    LogprobMapper.addLegacy(wire, 0, wire.tokens().size(), k, out);
    return out;
  }
}
