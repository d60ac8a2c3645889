package dev.nexttoken.contract;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.FinishReason;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.StreamEvent;
import java.util.List;
import java.util.Map;

/**
 * The fake provider's wire format and its mapping to neutral types. A real provider keeps this in
 * its {@code internal} package; here it is small enough to read in one sitting.
 *
 * <p>Request: {@code {"model", "prompt" | "messages", "maxTokens", "temperature", "logprobs", "topLogprobs", "stream"}}.
 * Response, and each stream event (completions: SSE, {@code data: <json>} ended by {@code data: [DONE]};
 * chat: NDJSON, {@code <json>} a line, ended by the line with a {@code finish}):
 * {@code {"id", "model", "text", "finish", "usage": {"prompt", "completion"}, "logprobs": [{"token", "logprob", "top": [...]}]}}.
 * Errors: {@code {"error": {"type", "message"}}}.
 */
final class FakeProviderWire {
  static final String PROVIDER = "fake";

  private FakeProviderWire() {}

  record WireMessage(String role, String content) {}

  record WireRequest(
      String model,
      String prompt,
      List<WireMessage> messages,
      Integer maxTokens,
      Double temperature,
      Boolean logprobs,
      Integer topLogprobs,
      Boolean stream) {}

  record WireAlternative(String token, double logprob) {}

  record WireToken(String token, double logprob, List<WireAlternative> top) {}

  record WireUsage(Integer prompt, Integer completion) {}

  record WireResponse(String id, String model, String text, String finish, WireUsage usage, List<WireToken> logprobs) {}

  static WireRequest request(CompletionRequest request, boolean stream) {
    return request(request.options(), request.prompt(), null, stream);
  }

  static WireRequest request(ChatRequest request, boolean stream) {
    List<WireMessage> messages = request.messages().stream()
        .map(m -> new WireMessage(m.role().name().toLowerCase(java.util.Locale.ROOT), m.content()))
        .toList();
    return request(request.options(), null, messages, stream);
  }

  private static WireRequest request(GenerationOptions o, String prompt, List<WireMessage> messages, boolean stream) {
    LogprobsOption logprobs = o.logprobsOrNone();
    return new WireRequest(o.model(), prompt, messages, o.maxTokens(), o.temperature(),
        logprobs.enabled() ? Boolean.TRUE : null, logprobs.topLogprobs() > 0 ? logprobs.topLogprobs() : null, stream ? Boolean.TRUE : null);
  }

  static Completion completion(byte[] body, ResponseMetadata metadata) {
    WireResponse r = Json.read(body, WireResponse.class, PROVIDER, "a fake completion");
    ResponseMetadata meta = r.id() == null ? metadata : metadata.withResponseId(r.id());
    return new Completion(r.text() == null ? "" : r.text(), finish(r.finish()), usage(r.usage()), r.model(), meta, logprobs(r.logprobs()), null);
  }

  static Chunk chunk(StreamEvent event) {
    WireResponse r = Json.read(event.data(), WireResponse.class, PROVIDER, "a fake stream event");
    List<TokenLogprob> logprobs = logprobs(r.logprobs());
    return new Chunk(r.text(), logprobs, finish(r.finish()), r.usage() == null ? null : usage(r.usage()), r.model(), r.id(), Map.of());
  }

  private static List<TokenLogprob> logprobs(List<WireToken> tokens) {
    if (tokens == null) {
      return null;
    }
    return tokens.stream()
        .map(t -> new TokenLogprob(t.token(), null, null, Logprobs.fromProviderLogprob(t.logprob()), alternatives(t.top())))
        .toList();
  }

  private static List<TokenCandidate> alternatives(List<WireAlternative> top) {
    if (top == null) {
      return List.of();
    }
    return top.stream().map(a -> new TokenCandidate(a.token(), null, null, Logprobs.fromProviderLogprob(a.logprob()))).toList();
  }

  private static FinishReason finish(String raw) {
    if (raw == null) {
      return null;
    }
    return switch (raw) {
      case "stop" -> FinishReason.of(FinishReason.Kind.STOP, raw);
      case "length" -> FinishReason.of(FinishReason.Kind.LENGTH, raw);
      default -> FinishReason.of(FinishReason.Kind.OTHER, raw);
    };
  }

  private static Usage usage(WireUsage u) {
    return u == null ? Usage.UNKNOWN : Usage.of(u.prompt(), u.completion());
  }
}
