package dev.nexttoken;

import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A language model behind some provider, seen through one provider-neutral interface.
 *
 * <p>Every operation comes in three styles: blocking ({@link #complete}), pulled stream
 * ({@link #completeStreaming}, which must be closed), and asynchronous ({@link #completeAsync},
 * {@link #completeStreamingAsync}). The async and callback styles are thin wrappers over the first
 * two, run on {@link #asyncExecutor()}.
 *
 * <p>Requests are checked against {@link #capabilities(String)} of the request's model before
 * anything is sent: asking for an operation or feature the provider or model lacks throws
 * {@link dev.nexttoken.error.UnsupportedCapabilityException} at once, and a value outside its
 * ranges a {@link dev.nexttoken.error.RequestValidationException} naming the field, the value and
 * the range.
 *
 * <p>Implementations are thread-safe. {@link #close()} releases the threads and connections the
 * model created; an {@code OkHttpClient} passed in by the caller is left alone.
 */
public interface LanguageModel extends AutoCloseable {

  /** The provider's name: {@code "openai"}, {@code "cohere"}, {@code "llamacpp"}, ... */
  String provider();

  /**
   * What this provider supports with some model: the most any request can ask for. Where models
   * differ, {@link #capabilities(String)} narrows it to one model.
   */
  Capabilities capabilities();

  /**
   * What {@code model} supports, where the provider's models differ (OpenAI's reasoning models
   * report no logprobs, for instance); requests are validated against this, for the request's
   * model after the client's default is merged. The default, and the answer for a null or
   * unknown name, is {@link #capabilities()}.
   */
  default Capabilities capabilities(String model) {
    return capabilities();
  }

  /** Continues a prompt. */
  Completion complete(CompletionRequest request);

  /**
   * Continues a prompt, streaming. The stream must be closed (try-with-resources); closing it early
   * cancels the HTTP call.
   */
  CompletionStream completeStreaming(CompletionRequest request);

  /** Answers a conversation. */
  Completion chat(ChatRequest request);

  /** Answers a conversation, streaming. The stream must be closed; closing it early cancels the call. */
  CompletionStream chatStreaming(ChatRequest request);

  /**
   * How likely the model finds a given text: each token's logprob, the alternatives it preferred,
   * and total, mean and perplexity; see {@link ScoreRequest} for how a prompt and the scored text
   * meet. {@link Capabilities#scoring()} says whether this provider can.
   *
   * @throws UnsupportedCapabilityException (before sending anything) when the provider cannot
   *     score, or cannot report that many alternatives; this default always throws it
   */
  default ScoredText score(ScoreRequest request) {
    String note = capabilities(request.model()).scoring().note();
    throw new UnsupportedCapabilityException(provider() + " cannot score a given text" + (note == null ? "" : ": " + note),
        ErrorDetails.of(provider()));
  }

  /** Scores the whole of {@code text}, with no alternatives; see {@link #score(ScoreRequest)}. */
  default ScoredText score(String text) {
    return score(ScoreRequest.of(text));
  }

  /** The executor the async methods run on. */
  java.util.concurrent.Executor asyncExecutor();

  /** Releases what this model created: connections, threads. Idempotent. */
  @Override
  void close();

  /** Continues {@code prompt} with the client's default options. */
  default Completion complete(String prompt) {
    return complete(CompletionRequest.of(prompt));
  }

  /** Answers one user message with the client's default options. */
  default Completion chat(String userMessage) {
    return chat(ChatRequest.of(userMessage));
  }

  default CompletableFuture<Completion> completeAsync(CompletionRequest request) {
    return CompletableFuture.supplyAsync(() -> complete(request), asyncExecutor());
  }

  default CompletableFuture<Completion> chatAsync(ChatRequest request) {
    return CompletableFuture.supplyAsync(() -> chat(request), asyncExecutor());
  }

  /**
   * Streams a completion, handing each chunk to {@code onChunk} on an executor thread (with the
   * SDK's own client, a virtual thread on Java 21 and later: {@code onChunk} may block, but should
   * not block inside {@code synchronized} on Java 21 to 23); the future completes with the
   * collected response (the same a non-streaming call returns) or fails with the stream's error.
   */
  default CompletableFuture<Completion> completeStreamingAsync(CompletionRequest request, Consumer<Chunk> onChunk) {
    return CompletableFuture.supplyAsync(() -> completeStreaming(request).forwardTo(onChunk), asyncExecutor());
  }

  /** Streams a chat answer; see {@link #completeStreamingAsync}. */
  default CompletableFuture<Completion> chatStreamingAsync(ChatRequest request, Consumer<Chunk> onChunk) {
    return CompletableFuture.supplyAsync(() -> chatStreaming(request).forwardTo(onChunk), asyncExecutor());
  }
}
