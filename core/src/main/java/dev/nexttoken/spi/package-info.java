/**
 * What a provider author needs from core, documented for third parties: HTTP execution with
 * retries and stream-friendly timeouts ({@link dev.nexttoken.spi.HttpTransport}), HTTP errors
 * mapped to typed exceptions, streams read and checked in SSE or NDJSON framing, the Jackson setup
 * ({@link dev.nexttoken.spi.Json}), request validation against capabilities, and the base classes
 * that leave a provider only its wire mapping.
 *
 * <p>A new provider extends {@link dev.nexttoken.spi.AbstractLanguageModel} and
 * {@link dev.nexttoken.spi.ModelBuilder}:
 *
 * <pre>{@code
 * public final class AcmeModel extends AbstractLanguageModel {
 *   protected Completion doChat(ChatRequest request) {
 *     HttpResult result = transport.postJson("v1/chat", AcmeWire.request(request));
 *     return AcmeWire.response(Json.read(result.body(), AcmeResponse.class, "acme", "an Acme chat response"));
 *   }
 *   protected CompletionStream doChatStreaming(ChatRequest request) {
 *     // Core reads the events, cancels on close, and turns in-stream errors and cut streams into
 *     // typed exceptions; the mapper only turns one event (StreamEvent) into a Chunk, or null.
 *     return transport.openStream("v1/chat", AcmeWire.streamRequest(request), HttpTransport.Framing.SERVER_SENT_EVENTS,
 *         new AcmeChunkMapper());
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>A provider declares what it accepts rather than checking requests itself: core validates each
 * request against {@code capabilities(model)} (by default {@code capabilities()}), declared by name,
 * before any {@code do*} method runs, and refuses the rest with a
 * {@link dev.nexttoken.error.RequestValidationException}:
 *
 * <pre>{@code
 * public Capabilities capabilities() {
 *   return Capabilities.builder("acme")
 *       .chat(OperationCapabilities.builder().streaming().logprobs(5).logprobsInStream()
 *           .limits(ParameterLimits.builder().temperature(Range.closed(0, 1.0)).topK(Range.NONE).maxStopSequences(4).build())
 *           .build())
 *       .build();
 * }
 * }</pre>
 *
 * <p>The builder's {@code apiKey} is sent as {@code Authorization: Bearer}; a provider that wants
 * its key elsewhere says so once, by overriding {@link dev.nexttoken.spi.ModelBuilder#apiKeyAuthentication}
 * (Gemini: {@code Authentication.header("x-goog-api-key", key)}). Users choose other schemes with
 * {@code authentication(...)}; the transport sends, redacts and guards each alike.
 *
 * <p>The contract tests in core's test jar ({@code ModelContractTest}) check what every provider
 * must do alike.
 */
package dev.nexttoken.spi;
