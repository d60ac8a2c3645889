package dev.nexttoken.examples;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Operation;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.io.PrintStream;

/**
 * Stream an answer as it is generated, and stop early: closing a {@link CompletionStream} cancels
 * the HTTP call, so the provider stops generating (and billing) at once.
 *
 * <pre>examples/run StreamingCancel</pre>
 */
public final class StreamingCancel {
  /** How many chunks to read before we have seen enough. */
  static final int KEEP_CHUNKS = 3;

  private StreamingCancel() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  // "try": closing the stream inside its own try block is the point here (javac warns about it).
  @SuppressWarnings("try")
  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.open(Operation.COMPLETION, env)) {
      LanguageModel model = opened.model();
      CompletionRequest request = CompletionRequest.builder(Quickstart.PROMPT).maxTokens(16).temperature(0.0).build();

      // 1. The whole stream. A stream must be closed: try-with-resources does it even on errors.
      int allChunks = 0;
      try (CompletionStream stream = model.completeStreaming(request)) {
        out.print("full:    ");
        for (Chunk chunk : stream) {
          out.print(chunk.textDelta());
          allChunks++;
        }
        out.println();
        // collect() returns what the non-streaming call would have: text, finish reason, usage.
        Completion whole = stream.collect();
        out.println("full stream: " + allChunks + " chunks, finish " + whole.finishReason().kind().wireName());
      }

      // 2. The same request, but we stop after KEEP_CHUNKS chunks.
      int readChunks = 0;
      try (CompletionStream stream = model.completeStreaming(request)) {
        out.print("partial: ");
        for (Chunk chunk : stream) {
          out.print(chunk.textDelta());
          if (++readChunks == KEEP_CHUNKS) {
            // Closing cancels the call; the loop then ends quietly (closing from another thread works too).
            stream.close();
          }
        }
        out.println();
        // partial() holds what arrived before the cancel; no finish reason, since generation never finished.
        Completion partial = stream.partial();
        out.println("cancelled stream: " + readChunks + " of " + allChunks + " chunks, text \"" + partial.text()
            + "\", finish " + (partial.finishReason() == null ? "none" : partial.finishReason().kind().wireName()));
      }
    } catch (UnsupportedCapabilityException e) {
      // A chat-only provider (Gemini, the Responses API) has no completion; it says so before any request.
      out.println("cannot complete: " + e.getMessage());
    }
  }
}
