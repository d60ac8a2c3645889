package dev.nexttoken.cli;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.testkit.LlamaServer;

/** A model opened for one command, and the bundled server started for it, if any; closing stops both. */
record OpenedModel(LanguageModel model, LlamaServer bundledServer) implements AutoCloseable {
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
