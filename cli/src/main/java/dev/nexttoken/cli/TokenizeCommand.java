package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Operation;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.llamacpp.Token;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nexttoken tokenize TEXT}: how a llama.cpp model splits a text into tokens. */
@Command(name = "tokenize", mixinStandardHelpOptions = true, description = "Show how text becomes tokens: ids and pieces (llama.cpp).")
final class TokenizeCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEXT", description = "the text to split into tokens")
  String text;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE})", defaultValue = "table")
  OutputFormat format = OutputFormat.table;

  @Override
  public Integer call() throws IOException {
    if (main.global.provider != GlobalOptions.ProviderName.llamacpp) {
      throw new CliException(main.global.provider + ": tokenize is offered for llamacpp only (the hosted providers' tokenizers are not exposed the same way)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedModel opened = ModelFactory.open(main.global, main.environment, Operation.COMPLETION, spec.commandLine().getErr())) {
      List<Token> tokens = ((LlamaCppModel) opened.unwrapped()).tokenize(text, true);
      if (format == OutputFormat.json) {
        out.println(json(tokens));
      } else {
        out.printf("%-6s %-8s %s%n", "#", "id", "piece");
        for (int i = 0; i < tokens.size(); i++) {
          Token t = tokens.get(i);
          out.printf("%-6d %-8d %s%n", i + 1, t.id(), visible(t.piece()));
        }
      }
      out.flush();
    }
    return 0;
  }

  private static String visible(String piece) {
    return "\"" + piece.replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  private static String json(List<Token> tokens) throws IOException {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(buffer)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeArrayFieldStart("tokens");
      for (Token t : tokens) {
        json.writeStartObject();
        json.writeNumberField("id", t.id());
        json.writeStringField("piece", t.piece());
        byte[] bytes = t.bytes();
        json.writeFieldName("bytes");
        if (bytes == null) {
          json.writeNull();
        } else {
          json.writeStartArray();
          for (byte b : bytes) {
            json.writeNumber(b & 0xff);
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return buffer.toString();
  }
}
