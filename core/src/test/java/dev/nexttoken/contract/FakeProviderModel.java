package dev.nexttoken.contract;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.ModelBuilder;

/**
 * A minimal third-party provider built from the public API and {@code spi} alone: the reference
 * example for provider authors, and the model core's own contract and transport tests run against.
 */
public final class FakeProviderModel extends AbstractLanguageModel {
  private static final OperationCapabilities OPERATION =
      new OperationCapabilities(true, true, true, 5, true, false, false, false, ParameterLimits.PERMISSIVE, null);
  private static final Capabilities CAPABILITIES = new Capabilities(FakeProviderWire.PROVIDER, OPERATION, OPERATION, null);

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
        FakeProviderWire::chunk, request.options().logprobsOrNone().enabled());
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
        FakeProviderWire::chunk, request.options().logprobsOrNone().enabled());
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
