/**
 * What a provider author needs from core, documented for third parties: HTTP execution with
 * retries and stream-friendly timeouts ({@link dev.nexttoken.spi.HttpTransport}), the status to
 * exception table ({@link dev.nexttoken.internal.ErrorMapper}), bounded SSE and NDJSON readers, the
 * Jackson setup ({@link dev.nexttoken.spi.Json}), request validation against capabilities, and
 * the base classes that leave a provider only its wire mapping.
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
 *     EventStream events = transport.openEventStream("v1/chat", AcmeWire.streamRequest(request));
 *     return new CompletionStream(new EventChunkSource(events, AcmeWire::chunk, transport.apiKey()), logprobs, events.metadata());
 *   }
 *   ...
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

import dev.nexttoken.internal.ErrorMapper;
