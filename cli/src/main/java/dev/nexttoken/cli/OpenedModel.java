package dev.nexttoken.cli;

import dev.nexttoken.Capabilities;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.spi.AbstractLanguageModel;
import dev.nexttoken.testkit.LlamaServer;

/** A model opened for one command, and the bundled server started for it, if any; closing stops both. */
record OpenedModel(LanguageModel model, LlamaServer bundledServer) implements AutoCloseable {
  /**
   * What the model this command talks to supports: the capabilities of its default model, the one
   * every request of the command goes to, so that defaults derived from them (how many
   * alternatives to ask for) suit that model, an OpenAI reasoning model included.
   */
  Capabilities capabilities() {
    String name = model instanceof AbstractLanguageModel m ? m.defaults().model() : null;
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
