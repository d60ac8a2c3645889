package dev.nexttoken.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Runs the command line in-process with a fixed environment and captures what it prints. */
final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> variables = new HashMap<>();

  /** Adds an environment variable the command sees (the real environment is never read). */
  Cli env(String name, String value) {
    variables.put(name, value);
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(Environment.of(Map.of(), Map.copyOf(variables)), new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** One run's exit code, stdout and stderr. */
  record Result(int code, String out, String err) {
    /** stdout parsed as one JSON document. */
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
