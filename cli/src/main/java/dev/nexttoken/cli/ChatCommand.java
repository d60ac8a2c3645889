package dev.nexttoken.cli;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Message;
import dev.nexttoken.Operation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nexttoken chat MESSAGE}: one user message, optionally after a system message. */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Answer one user message and show each token's probabilities.")
final class ChatCommand extends GenerateCommand {
  @Parameters(index = "0", paramLabel = "MESSAGE", description = "the user's message")
  String message;

  @Option(names = "--system", paramLabel = "TEXT", description = "a system message sent first")
  String system;

  @Override
  Operation operation() {
    return Operation.CHAT;
  }

  private ChatRequest request(GenerationOptions options) {
    List<Message> messages = new ArrayList<>();
    if (system != null) {
      messages.add(Message.system(system));
    }
    messages.add(Message.user(message));
    return new ChatRequest(messages, options);
  }

  @Override
  Completion call(LanguageModel model, GenerationOptions options) {
    return model.chat(request(options));
  }

  @Override
  CompletionStream stream(LanguageModel model, GenerationOptions options) {
    return model.chatStreaming(request(options));
  }
}
