package dev.nexttoken.contract;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.ModelBuilder;

/**
 * A minimal third-party provider built from the public API and {@code spi} alone: the reference
 * example for provider authors, and the model core's own contract and transport tests run against.
 */
public final class FakeProviderModel extends AbstractLanguageModel {
  /**
   * Declared limits, which core's validator enforces before {@code do*} is reached; the fault
   * suite probes each one at and just past its bounds. The values are the fake's own.
   */
  private static final ParameterLimits LIMITS = ParameterLimits.builder()
      .temperature(Range.closed(0, 2.0))
      .topP(Range.openClosed(0, 1))
      .topK(Range.integers(0, 100))
      .seed(Range.integers(0, Integer.MAX_VALUE))
      .maxTokens(Range.integers(1, 4096))
      .maxStopSequences(4)
      .build();
  private static final OperationCapabilities OPERATION = OperationCapabilities.builder()
      .streaming()
      .logprobs(5).logprobsInStream()
      .limits(LIMITS)
      .build();
  private static final Capabilities CAPABILITIES = Capabilities.builder(FakeProviderWire.PROVIDER)
      .completion(OPERATION)
      .chat(OPERATION)
      .build();

  private FakeProviderModel(HttpTransport transport, GenerationOptions defaults) {
    super(transport, defaults);
  }

  /** A builder; every setting shared by HTTP providers comes from {@link ModelBuilder}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  protected Completion doComplete(CompletionRequest request) {
    HttpResult result = transport.postJson("complete", FakeProviderWire.request(request, false));
    return FakeProviderWire.completion(result.body(), result.metadata());
  }

  @Override
  protected CompletionStream doCompleteStreaming(CompletionRequest request) {
    return transport.openStream("complete", FakeProviderWire.request(request, true), HttpTransport.Framing.SERVER_SENT_EVENTS,
        FakeProviderWire::chunk);
  }

  @Override
  protected Completion doChat(ChatRequest request) {
    HttpResult result = transport.postJson("chat", FakeProviderWire.request(request, false));
    return FakeProviderWire.completion(result.body(), result.metadata());
  }

  /** Chat streams as NDJSON, as Ollama's native API does: the same events, one JSON object a line. */
  @Override
  protected CompletionStream doChatStreaming(ChatRequest request) {
    return transport.openStream("chat", FakeProviderWire.request(request, true), HttpTransport.Framing.NDJSON,
        FakeProviderWire::chunk);
  }

  /** Builds a {@link FakeProviderModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    private Builder() {}

    public FakeProviderModel build() {
      return new FakeProviderModel(transport(FakeProviderWire.PROVIDER, "https://fake.invalid/v1").build(), defaults());
    }
  }

  /** The transport, for core's tests that inspect the OkHttp client; a real provider need not expose it. */
  public HttpTransport transport() {
    return transport;
  }
}
