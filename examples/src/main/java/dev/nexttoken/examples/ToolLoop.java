package dev.nexttoken.examples;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.Environment;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Message;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.error.InvalidModelOutputException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A full tool loop: the question, the model's tool call, the tool's result sent back, and the answer
 * that follows. On the bundled model (the known-answer JSON model behind llama-server's {@code --jinja}
 * template handling) the call is known in advance: {@code get_weather} with {@code {"city":"Tokyo"}}.
 *
 * <pre>examples/run ToolLoop</pre>
 */
public final class ToolLoop {
  static final String QUESTION = "What is the weather in Tokyo today";
  static final Tool WEATHER = Tool.of("get_weather", "The weather today in a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
  /** Model turns before giving up: a model may keep calling tools. */
  static final int MAX_TURNS = 3;

  private ToolLoop() {}

  public static void main(String[] args) {
    run(Environment.system(), System.out);
  }

  static void run(Environment env, PrintStream out) {
    try (ExampleModel opened = ExampleModel.openJsonModel(env)) {
      LanguageModel model = opened.model();
      List<Message> conversation = new ArrayList<>(List.of(Message.user(QUESTION)));
      for (int turn = 1; turn <= MAX_TURNS; turn++) {
        Completion answer = model.chat(ChatRequest.builder().messages(conversation).tool(WEATHER).maxTokens(40).temperature(0.0).build());
        if (!answer.hasToolCalls()) {
          out.println("answer: " + answer.text());
          return;
        }
        conversation.add(Message.assistant(answer)); // the model's turn, calls included, goes back in
        for (ToolCall call : answer.toolCalls()) {
          out.println("call: " + call.name() + " " + call.arguments() + " (id " + call.id() + ")");
          String result = runTool(call);
          out.println("result: " + result);
          conversation.add(Message.toolResult(call, result));
        }
      }
      out.println("no answer after " + MAX_TURNS + " turns");
    }
  }

  /**
   * The "tool": a fixed forecast for any city it is given. A model can write arguments that are not JSON, or leave
   * the city out: say so to the model instead of guessing.
   */
  static String runTool(ToolCall call) {
    Object arguments;
    try {
      arguments = call.parsedArguments();
    } catch (InvalidModelOutputException e) {
      return "{\"error\":\"the arguments are not JSON\"}";
    }
    if (!(arguments instanceof Map<?, ?> map) || !(map.get("city") instanceof String)) {
      return "{\"error\":\"give the city as a string\"}";
    }
    return "{\"forecast\":\"sunny\"}";
  }
}
