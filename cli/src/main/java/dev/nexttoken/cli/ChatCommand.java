package dev.nexttoken.cli;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.ContentPart;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.GenerationOptions;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Message;
import dev.nexttoken.Operation;
import dev.nexttoken.Tool;
import java.nio.file.Path;
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

  @Option(names = "--tools", paramLabel = "FILE",
      description = "tools the model may call: a JSON array of {\"name\", \"description\", \"parameters\"}; the JSON output gains toolCalls")
  Path toolsFile;

  @Option(names = "--tool-choice", paramLabel = "CHOICE", description = "with --tools: auto, none, required, or a tool's name")
  String toolChoice;

  @Option(names = "--image", paramLabel = "PATH|URL", description = "an image sent with the message (repeatable): a .png/.jpg/.gif/.webp file or a URL")
  List<String> images = new ArrayList<>();

  private List<Tool> tools = List.of();
  private final List<ContentPart> parts = new ArrayList<>();

  @Override
  void checkInputs() {
    if (toolsFile != null) {
      tools = RequestInputs.tools(toolsFile);
    }
    if (toolChoice != null && toolsFile == null) {
      throw new CliException("--tool-choice goes with --tools");
    }
    parts.add(ContentPart.text(message));
    for (String image : images) {
      parts.add(RequestInputs.image(image));
    }
  }

  @Override
  Operation operation() {
    return Operation.CHAT;
  }

  private ChatRequest request(GenerationOptions options) {
    List<Message> messages = new ArrayList<>();
    if (system != null) {
      messages.add(Message.system(system));
    }
    messages.add(images.isEmpty() ? Message.user(message) : Message.user(parts.toArray(ContentPart[]::new)));
    try {
      return new ChatRequest(messages, options, tools, toolChoice == null ? null : RequestInputs.toolChoice(toolChoice), null);
    } catch (IllegalArgumentException e) {
      throw new CliException("--tool-choice: " + e.getMessage());
    }
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
