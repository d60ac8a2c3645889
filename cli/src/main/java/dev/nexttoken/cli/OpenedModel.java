package dev.nexttoken.cli;

import dev.nexttoken.Capabilities;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.testkit.LlamaServer;

/**
 * A model opened for one command, and the bundled server started for it, if any; closing stops both.
 * With OpenTelemetry on, {@code model} is the traced wrapper and {@code unwrapped} the provider's own
 * model, for what only it offers (its default model, llama.cpp's tokenizer).
 */
record OpenedModel(LanguageModel model, LlamaServer bundledServer, LanguageModel unwrapped) implements AutoCloseable {
  OpenedModel(LanguageModel model, LlamaServer bundledServer) {
    this(model, bundledServer, model);
  }

  /** This model's calls through {@code traced}, a wrapper of {@link #unwrapped()}. */
  OpenedModel traced(LanguageModel traced) {
    return new OpenedModel(traced, bundledServer, unwrapped);
  }

  /**
   * What the model this command talks to supports: the capabilities of its default model, the one
   * every request of the command goes to, so that defaults derived from them (how many
   * alternatives to ask for) suit that model, an OpenAI reasoning model included.
   */
  Capabilities capabilities() {
    String name = unwrapped instanceof AbstractLanguageModel m ? m.defaults().model() : null;
    return model.capabilities(name);
  }

  @Override
  public void close() {
    try {
      model.close();
    } finally {
      if (bundledServer != null) {
        bundledServer.close();
      }
    }
  }
}
