package dev.nexttoken.llamacpp.internal;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Message;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.Role;
import dev.nexttoken.Usage;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Neutral chat requests to {@code /v1/chat/completions} bodies, and its responses and stream chunks back. */
public final class ChatMapper {
  private static final String PROVIDER = "llamacpp";

  private ChatMapper() {}

  /** The body for {@code request}; a stream also asks for the usage chunk. */
  public static ChatBody body(ChatRequest request, WireSettings settings, boolean stream) {
    GenerationOptions o = request.options();
    LogprobsRequest logprobs = LogprobsRequest.of(o.logprobsOrNone());
    List<ChatBody.WireMessage> messages = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      // llama.cpp's templates know no developer role; OpenAI treats it as a system message.
      String role = m.role() == Role.DEVELOPER ? Role.SYSTEM.wireName() : m.role().wireName();
      messages.add(new ChatBody.WireMessage(role, m.content()));
    }
    return new ChatBody(
        o.model(),
        messages,
        o.maxTokens(),
        o.temperature(),
        o.topK(),
        o.topP(),
        o.seed(),
        o.stop(),
        logprobs.enabled() ? Boolean.TRUE : null,
        logprobs.nProbs(),
        logprobs.enabled() ? settings.postSamplingProbs() : null,
        stream,
        stream ? new ChatBody.StreamOptions(true) : null,
        settings.cachePrompt());
  }

  /** A non-streaming response as a completion. */
  public static Completion completion(ChatResponse response, LogprobsOption option, ResponseMetadata metadata) {
    if (response.choices() == null || response.choices().isEmpty()) {
      throw new MalformedResponseException(PROVIDER + ": the chat response has no choices", ErrorDetails.of(PROVIDER));
    }
    LogprobsRequest logprobs = LogprobsRequest.of(option);
    ChatResponse.Choice choice = response.choices().get(0);
    String text = choice.message() == null || choice.message().content() == null ? "" : choice.message().content();
    ResponseMetadata meta = metadata.withExtras(extras(response));
    return new Completion(
        text,
        FinishReasons.fromChat(choice.finishReason()),
        usage(response.usage()),
        response.model(),
        response.id() == null ? meta : meta.withResponseId(response.id()),
        logprobs.enabled() ? entries(choice, logprobs.withAlternatives()) : null,
        null);
  }

  /**
   * The mapper for stream chunks: a role chunk, one chunk per token with its logprobs, a finish chunk,
   * then (asked for) a usage chunk with no choices; {@code [DONE]} is handled by the caller.
   */
  public static EventMapper streamMapper(LogprobsOption option) {
    LogprobsRequest logprobs = LogprobsRequest.of(option);
    return event -> {
      ChatResponse r = Json.read(event.data(), ChatResponse.class, PROVIDER, "a chat stream chunk");
      String text = "";
      List<TokenLogprob> entries = List.of();
      FinishReason finish = null;
      if (r.choices() != null && !r.choices().isEmpty()) {
        ChatResponse.Choice choice = r.choices().get(0);
        if (choice.delta() != null && choice.delta().content() != null) {
          text = choice.delta().content();
        }
        if (logprobs.enabled()) {
          entries = entries(choice, logprobs.withAlternatives());
        }
        finish = FinishReasons.fromChat(choice.finishReason());
      }
      Usage usage = r.usage() == null ? null : usage(r.usage());
      return new Chunk(text, entries, finish, usage, r.model(), r.id(), extras(r));
    };
  }

  private static List<TokenLogprob> entries(ChatResponse.Choice choice, boolean withAlternatives) {
    return choice.logprobs() == null ? List.of() : LogprobMapper.map(choice.logprobs().content(), withAlternatives);
  }

  private static Usage usage(ChatResponse.WireUsage u) {
    if (u == null) {
      return Usage.UNKNOWN;
    }
    return u.totalTokens() == null ? Usage.of(u.promptTokens(), u.completionTokens())
        : new Usage(u.promptTokens(), u.completionTokens(), u.totalTokens());
  }

  private static Map<String, String> extras(ChatResponse r) {
    return r.systemFingerprint() == null ? Map.of() : Map.of("system_fingerprint", r.systemFingerprint());
  }
}
